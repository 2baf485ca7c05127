package dev.ironkube.talos.config;

import dev.ironkube.talos.pki.SecretsBundle;
import dev.ironkube.talos.yaml.TalosYaml;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Renders complete Talos machine configs (a multi-document YAML stream) for one cluster's secrets
 * bundle: the v1alpha1 document, HostnameConfig on 1.12+, and the ingress firewall.
 */
public final class MachineConfigGenerator {
  static final String REDACTED = "<redacted>";

  private final SecretsBundle secrets;

  public MachineConfigGenerator(SecretsBundle secrets) {
    this.secrets = Objects.requireNonNull(secrets, "secrets");
  }

  /** The config to apply; fails with every input problem listed if the input is invalid. */
  public String render(TalosVersion version, MachineConfigInput input) {
    return TalosYaml.writeDocuments(documents(version, input));
  }

  /** The lockdown re-apply: the same config with the operator's firewall allows removed. */
  public String renderLockedDown(TalosVersion version, MachineConfigInput input) {
    return render(version, input.lockedDown());
  }

  /** For the screen: every secret value replaced by "&lt;redacted&gt;". */
  public String renderRedacted(TalosVersion version, MachineConfigInput input) {
    List<Yaml> documents = documents(version, input);
    Redaction.apply(documents.get(0));
    return TalosYaml.writeDocuments(documents);
  }

  /** The documents in order: v1alpha1 first, then HostnameConfig, then the firewall. */
  List<Yaml> documents(TalosVersion version, MachineConfigInput input) {
    Objects.requireNonNull(version, "version");
    MachineConfigValidation.check(input);
    String kubernetes =
        input.kubernetesVersion() == null
            ? version.defaultKubernetesVersion()
            : input.kubernetesVersion().replaceFirst("^v", "");
    List<Yaml> documents = new ArrayList<>();
    documents.add(
        Yaml.map()
            .with("version", "v1alpha1")
            .with("debug", false)
            .with("machine", MachineSection.build(version, input, secrets, kubernetes))
            .with("cluster", ClusterSection.build(version, input, secrets, kubernetes)));
    if (version.usesHostnameDocument()) {
      Yaml hostname = Yaml.map().with("apiVersion", "v1alpha1").with("kind", "HostnameConfig");
      documents.add(
          input.hostname() == null
              ? hostname.with("auto", "stable")
              : hostname.with("hostname", input.hostname()));
    }
    if (version.usesRegistryMirrorDocument()) {
      InstallerImage installer = InstallerImage.parse(input.installerImage());
      installer
          .plainHttpEndpoint()
          .ifPresent(
              endpoint ->
                  documents.add(
                      Yaml.map()
                          .with("apiVersion", "v1alpha1")
                          .with("kind", "RegistryMirrorConfig")
                          .with("name", installer.plainHttpRegistry().orElseThrow())
                          .with("endpoints", List.of(Yaml.map().with("url", endpoint)))));
    }
    documents.addAll(FirewallDocuments.build(input));
    return documents;
  }
}
