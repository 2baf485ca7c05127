package dev.ironkube.dns;

import dev.ironkube.failure.ProviderException;
import dev.ironkube.provider.ResourceRef;
import dev.ironkube.workflow.Cleanup;
import dev.ironkube.workflow.Gate;
import dev.ironkube.workflow.Phase;
import dev.ironkube.workflow.Progress;
import dev.ironkube.workflow.provision.AfterBootstrap;
import dev.ironkube.workflow.provision.ClusterNodes;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Phase 5: the cluster's DNS name pointed at the node as soon as its address is known. A record
 * this run created is journaled as owned, so cleanup and destroy remove it; a record that was
 * already there (correct or corrected) is left to its owner.
 */
public final class DnsStage implements AfterBootstrap {
  public static final String SYSTEM = "cloudflare";
  public static final String KIND = "dns_record";

  private final DnsProvider dns;
  private final String name;
  private final int ttl;
  private final boolean proxied;
  private final Gate gate;
  private final Progress progress;
  private String published = "";

  public DnsStage(
      DnsProvider dns, String name, int ttl, boolean proxied, Gate gate, Progress progress) {
    this.dns = dns;
    this.name = name;
    this.ttl = ttl;
    this.proxied = proxied;
    this.gate = gate;
    this.progress = progress;
  }

  @Override
  public boolean beforeConfigure() {
    return true;
  }

  @Override
  public List<Phase> phases(ClusterNodes cluster) {
    return List.of(Phase.always("dns", "Publishing the DNS name", () -> publish(cluster)));
  }

  private void publish(ClusterNodes cluster) {
    List<String> addresses = cluster.controlPlanes().stream().map(n -> n.address()).toList();
    if (addresses.size() == 1) {
      publishOne(addresses.get(0));
    } else {
      publishAll(addresses);
    }
    published = name + " → " + String.join(", ", addresses);
  }

  private void publishOne(String address) {
    Progress.Step step = progress.step("A record " + name + " → " + address);
    DnsChange change =
        gate.act(
            SYSTEM,
            "upsert A " + name,
            Map.of("address", address),
            () -> dns.upsertA(new DesiredARecord(name, address, ttl, proxied)));
    if (change.outcome() == DnsChange.Outcome.CREATED) {
      gate.adopt(SYSTEM, new ResourceRef(KIND, change.record().id(), name));
    }
    step.done(change.outcome().name().toLowerCase(java.util.Locale.ROOT));
  }

  /**
   * One A record per control plane. Records of this name that this cluster created for a node it no
   * longer has are removed; records nobody here created are reported, not touched, because
   * round-robin would send clients to a server that is not the cluster's.
   */
  private void publishAll(List<String> addresses) {
    Progress.Step step =
        progress.step("A records " + name + " → " + addresses.size() + " control planes");
    Set<String> owned =
        gate.journal().owned().stream()
            .filter(o -> o.system().equals(SYSTEM))
            .map(o -> o.ref().id())
            .collect(Collectors.toSet());
    String normalised = DesiredARecord.normalise(name);
    List<DnsRecord> existing =
        dns.findRecords(normalised).stream().filter(r -> "A".equals(r.type())).toList();
    List<DnsRecord> foreign =
        existing.stream()
            .filter(r -> !addresses.contains(r.content()) && !owned.contains(r.id()))
            .toList();
    if (!foreign.isEmpty()) {
      throw new ProviderException.Conflict(
          dns.name(),
          "A records for "
              + normalised
              + " point at addresses outside this cluster: "
              + foreign.stream()
                  .map(r -> r.id() + " (" + r.content() + ")")
                  .collect(Collectors.joining(", ")),
          "delete them in the DNS provider's dashboard, or choose another IRONKUBE_DNS_NAME");
    }
    int created = 0;
    int removed = 0;
    for (DnsRecord stale : existing) {
      if (!addresses.contains(stale.content())) {
        gate.delete(
            SYSTEM, new ResourceRef(KIND, stale.id(), name), () -> dns.deleteRecord(stale.id()));
        removed++;
      }
    }
    for (String address : addresses) {
      DesiredARecord desired = new DesiredARecord(name, address, ttl, proxied);
      boolean present = existing.stream().anyMatch(r -> r.content().equals(address));
      if (!present) {
        gate.create(
            SYSTEM,
            KIND,
            name,
            Map.of("address", address),
            () -> {
              DnsRecord r = dns.createA(desired);
              return new ResourceRef(KIND, r.id(), name);
            });
        created++;
      }
    }
    step.done(
        created == 0 && removed == 0
            ? "unchanged"
            : created + " created" + (removed == 0 ? "" : ", " + removed + " removed"));
  }

  @Override
  public List<String> reportLines() {
    return published.isEmpty() ? List.of() : List.of("DNS name:        " + published);
  }

  @Override
  public Map<String, Cleanup.Deleter> deleters() {
    return deleter(dns);
  }

  /** How cleanup and destroy delete a record this tool created. */
  public static Map<String, Cleanup.Deleter> deleter(DnsProvider dns) {
    return Map.of(SYSTEM, ref -> dns.deleteRecord(ref.id()));
  }
}
