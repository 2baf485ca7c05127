package dev.ironkube.workflow;

import dev.ironkube.provider.ClusterIdentity;
import dev.ironkube.settings.Settings;
import dev.ironkube.settings.SettingsCatalogue;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The cluster a run works on, as typed values: built once from the settings after they were
 * validated and the secret store filled them, and passed down, so the workflow never re-reads a
 * string key or rebuilds the cluster's identity. It holds no secrets: those stay in {@link
 * Settings}, which masks them, and go straight to the client that needs them.
 *
 * @param identity the cluster's name and the markers derived from it
 * @param provider which bare-metal provider orders the servers ("latitude", "scaleway")
 * @param dnsName the DNS name of the API endpoint, when one is published
 * @param billing the billing period ordered ("hourly", "monthly")
 * @param talosVersion the Talos release the nodes boot, when one is set
 * @param keepOnFailure whether a failed run keeps what it created
 * @param operatorCidrs where the operator reaches the nodes from, when set (else detected)
 */
public record ClusterSpec(
    ClusterIdentity identity,
    String provider,
    Optional<String> dnsName,
    String billing,
    Optional<String> talosVersion,
    boolean keepOnFailure,
    List<String> operatorCidrs) {

  public ClusterSpec {
    Objects.requireNonNull(identity, "identity");
    Objects.requireNonNull(identity.clusterName(), "cluster name");
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(billing, "billing");
    dnsName = dnsName == null ? Optional.empty() : dnsName;
    talosVersion = talosVersion == null ? Optional.empty() : talosVersion;
    operatorCidrs = operatorCidrs == null ? List.of() : List.copyOf(operatorCidrs);
  }

  /** The spec of validated, backfilled settings; the only place the workflow's keys are read. */
  public static ClusterSpec of(Settings settings) {
    return new ClusterSpec(
        new ClusterIdentity(settings.clusterName()),
        settings.provider(),
        settings.get(SettingsCatalogue.DNS_NAME),
        settings.require(SettingsCatalogue.BILLING),
        settings.get(SettingsCatalogue.TALOS_VERSION),
        settings.flag(SettingsCatalogue.KEEP_ON_FAILURE),
        settings.list(SettingsCatalogue.OPERATOR_CIDRS));
  }

  /** The cluster's name ("demo"). */
  public String name() {
    return identity.clusterName();
  }
}
