package dev.ironkube.talos.config;

import dev.ironkube.talos.pki.SecretsBundle;
import dev.ironkube.talos.pki.TalosPem;
import java.util.List;

/** The v1alpha1 {@code machine} section, field for field as talosctl's generator writes it. */
final class MachineSection {
  private MachineSection() {}

  static Yaml build(
      TalosVersion version, MachineConfigInput in, SecretsBundle secrets, String kubernetes) {
    boolean controlPlane = in.role() == NodeRole.CONTROLPLANE;
    Yaml machine =
        Yaml.map()
            .with("type", in.role().machineType())
            .with("token", secrets.trustdToken())
            .with(
                "ca",
                Yaml.map()
                    .with("crt", TalosPem.base64(secrets.os().certificatePem()))
                    // Workers must not hold the OS CA key; Talos' validation rejects it.
                    .with("key", controlPlane ? TalosPem.base64(secrets.os().keyPem()) : ""))
            .with("certSANs", in.certSans())
            .with(
                "kubelet",
                Yaml.map()
                    .with("image", "ghcr.io/siderolabs/kubelet:v" + kubernetes)
                    .with("defaultRuntimeSeccompProfileEnabled", true)
                    .with("disableManifestsDirectory", true));
    if (!version.usesHostnameDocument()) {
      machine.with(
          "network",
          in.hostname() == null ? Yaml.map() : Yaml.map().with("hostname", in.hostname()));
    }
    InstallerImage installer = InstallerImage.parse(in.installerImage());
    if (!version.usesRegistryMirrorDocument()) {
      installer
          .plainHttpEndpoint()
          .ifPresent(
              endpoint ->
                  machine.with(
                      "registries",
                      Yaml.map()
                          .with(
                              "mirrors",
                              Yaml.map()
                                  .with(
                                      installer.plainHttpRegistry().orElseThrow(),
                                      Yaml.map().with("endpoints", List.of(endpoint))))));
    }
    machine.with(
        "install",
        Yaml.map()
            .with("disk", in.installDisk())
            .with("image", installer.reference())
            .with("wipe", false)
            .withIf(version.hasGrubUkiCmdline(), "grubUseUKICmdline", true));
    machine.with("features", features(version, in));
    // Upstream also labels control planes exclude-from-external-load-balancers; ironkube runs
    // workloads on its control planes, and that label would hide them from LoadBalancer Services.
    return machine;
  }

  private static Yaml features(TalosVersion version, MachineConfigInput in) {
    boolean legacy = version.needsFeatureLockFields();
    return Yaml.map()
        .withIf(legacy, "rbac", true)
        // With an explicit hostname a stable generated one is pointless (and conflicts in 1.12+).
        .withIf(legacy && in.hostname() == null, "stableHostname", true)
        // apid then insists on client certificates with EKU exactly clientAuth (1.12+: always).
        .withIf(legacy, "apidCheckExtKeyUsage", true)
        .with("diskQuotaSupport", true)
        .with("kubePrism", Yaml.map().with("enabled", true).with("port", 7445))
        .with("hostDNS", Yaml.map().with("enabled", true).with("forwardKubeDNSToHost", true));
  }
}
