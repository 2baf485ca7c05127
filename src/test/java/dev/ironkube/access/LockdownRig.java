package dev.ironkube.access;

import dev.ironkube.sim.Faults;
import dev.ironkube.sim.SimDisk;
import dev.ironkube.sim.TimeModel;
import dev.ironkube.sim.talos.TalosNodeFake;
import dev.ironkube.talos.api.Polling;
import dev.ironkube.talos.api.TalosClient;
import dev.ironkube.talos.api.TalosIdentity;
import dev.ironkube.talos.config.FirewallPolicy;
import dev.ironkube.talos.config.MachineConfigGenerator;
import dev.ironkube.talos.config.MachineConfigInput;
import dev.ironkube.talos.config.NodeRole;
import dev.ironkube.talos.config.TalosVersion;
import dev.ironkube.talos.pki.CertificateIssuer;
import dev.ironkube.talos.pki.SecretsBundle;
import dev.ironkube.talos.talosconfig.Talosconfig;
import dev.ironkube.talos.testing.TestBundles;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * A bootstrapped simulated node running the config ironkube generates, with the operator at
 * 127.0.0.1 allowed, plus an admin client dialling from there, as the pipeline leaves it before
 * phase 9.
 */
final class LockdownRig implements AutoCloseable {
  static final String OPERATOR = "127.0.0.1";
  static final TalosVersion VERSION = TalosVersion.parse("v1.11.6");
  static final Duration WAIT = Duration.ofSeconds(15);

  final String ip;
  final SecretsBundle bundle = TestBundles.fixed();
  final MachineConfigGenerator generator = new MachineConfigGenerator(bundle);
  final MachineConfigInput input;
  final TalosNodeFake node;
  final TalosClient admin;
  final int kubernetesPort;

  LockdownRig(String ip) throws Exception {
    this.ip = ip;
    this.input = input(ip);
    this.node =
        new TalosNodeFake(
            InetAddress.getByName(ip),
            0,
            0,
            SimDisk.typical(),
            TimeModel.instant(),
            Faults.none(),
            "v1.11.6");
    Polling polling =
        Polling.defaults()
            .withInterval(Duration.ofMillis(20))
            .withCallTimeout(Duration.ofSeconds(3));
    try (TalosClient maintenance = TalosClient.maintenance(ip, node.port(), polling)) {
      maintenance.applyConfiguration(bootstrapConfig());
    }
    this.admin = TalosClient.secure(ip, node.port(), identity(), polling);
    admin.awaitSecure(WAIT);
    admin.bootstrap(WAIT);
    this.kubernetesPort = node.kubernetesApi().orElseThrow().port();
  }

  static MachineConfigInput input(String ip) {
    return MachineConfigInput.builder()
        .clusterName("lockdown")
        .endpoint("https://" + ip + ":6443")
        .role(NodeRole.CONTROLPLANE)
        .certSans(List.of(ip))
        .installDisk("/dev/nvme0n1")
        .installerImage(
            "factory.talos.dev/metal-installer/"
                + "376567988ad370138ad8b2698212367b8edcb69b5fd68c80be1f2ec7d603b4ba:v1.11.6")
        // No node network beyond the node itself: its own address comes from its SANs.
        .firewall(FirewallPolicy.bootstrap(List.of(OPERATOR + "/32"), List.of()))
        .build();
  }

  byte[] bootstrapConfig() {
    return generator.render(VERSION, input).getBytes(StandardCharsets.UTF_8);
  }

  LockdownTarget target() {
    return new LockdownTarget(ip, node.port(), kubernetesPort);
  }

  boolean answers(String from, int port) {
    return Probes.answers(from, ip, port);
  }

  boolean silent(String from, int port) {
    return Probes.silent(from, ip, port);
  }

  private TalosIdentity identity() {
    var admin = CertificateIssuer.systemDefault().talosAdmin(bundle.os());
    Talosconfig config = Talosconfig.of("lockdown", List.of(ip), List.of(ip), bundle.os(), admin);
    return new TalosIdentity(config.caPem(), config.certificatePem(), config.keyPkcs8Pem());
  }

  @Override
  public void close() {
    admin.close();
    node.close();
  }
}
