package dev.ironkube.talos.config;

import java.util.List;

/** The machine config inputs the tests render, one per role. */
final class Inputs {
  private Inputs() {}

  static MachineConfigInput of(NodeRole role, boolean operatorAllows) {
    return builder(role, operatorAllows).build();
  }

  static MachineConfigInput.Builder builder(NodeRole role, boolean operatorAllows) {
    FirewallPolicy firewall =
        new FirewallPolicy(List.of("198.51.100.7/32"), List.of("10.0.0.0/24"), operatorAllows);
    MachineConfigInput.Builder builder =
        MachineConfigInput.builder()
            .clusterName("demo")
            .endpoint("https://203.0.113.10:6443")
            .role(role)
            .hostname(role == NodeRole.CONTROLPLANE ? "cp-1" : "worker-1")
            .certSans(List.of("203.0.113.10", "k8s.example.com"))
            .installDisk("/dev/disk/by-id/nvme-SAMSUNG_MZVL2512_S1")
            .installerImage(
                "factory.talos.dev/metal-installer/376567988ad370138ad8b2698212367b8edcb69b5fd68c80be1f2ec7d603b4ba:v1.11.6")
            .firewall(firewall);
    if (role == NodeRole.CONTROLPLANE) {
      builder.inlineManifest(
          "ironkube-namespace",
          "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ironkube-system\n");
    }
    return builder;
  }
}
