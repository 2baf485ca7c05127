package dev.ironkube.sim.talos;

import dev.ironkube.platform.CiliumManifests;
import dev.ironkube.platform.PlatformSpec;
import dev.ironkube.sim.Faults;
import dev.ironkube.sim.SimDisk;
import dev.ironkube.sim.TimeModel;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Simulated nodes of one multi-node cluster on their own loopback addresses (ephemeral ports), each
 * running the config ironkube generates from one secrets bundle (its firewall allowing the node
 * network and the operator at 127.0.0.1), with an admin client per node, as the multi-node workflow
 * drives them.
 */
final class ClusterRig implements AutoCloseable {
  /** The release every node boots; a tag, as the node takes it (not the enum's name). */
  static final String RELEASE = "v1.11.6";

  static final TalosVersion VERSION = TalosVersion.parse(RELEASE);
  static final Duration WAIT = Duration.ofSeconds(20);
  static final Set<String> CP_SERVICES =
      Set.of("apid", "containerd", "cri", "etcd", "kubelet", "machined", "trustd", "udevd");
  static final Set<String> WORKER_SERVICES =
      Set.of("apid", "containerd", "cri", "kubelet", "machined", "udevd");

  /** One node: its name, address, role and the fake serving it. */
  record Node(String hostname, String ip, NodeRole role, TalosNodeFake fake, TalosClient admin) {}

  final SecretsBundle bundle = TestBundles.fixed();
  final MachineConfigGenerator generator = new MachineConfigGenerator(bundle);
  final TalosClusters clusters;
  final Faults faults;
  final String subnet;
  final Map<String, Node> nodes = new LinkedHashMap<>();
  private final List<AutoCloseable> open = new ArrayList<>();
  private final TimeModel time;

  /** Whether {@link #start} waits for every node's mTLS API. */
  boolean awaitSecure = true;

  /**
   * @param block the third octet of the node network, 127.0.{block}.0/24 (one per test)
   */
  ClusterRig(int block, Faults faults) {
    this.time = TimeModel.instant();
    this.faults = faults;
    this.clusters = new TalosClusters(time);
    this.subnet = "127.0." + block + ".";
  }

  /**
   * Boots {@code controlPlanes} control planes (cp-1 at .11, ...) and {@code workers} workers
   * (worker-1 at .21, ...) and applies their configs; {@code firewall} may rewrite a node's
   * rendered config (a broken firewall, say).
   */
  ClusterRig start(int controlPlanes, int workers, UnaryOperator<String> firewall)
      throws Exception {
    List<String> names = new ArrayList<>();
    for (int i = 1; i <= controlPlanes; i++) {
      names.add("cp-" + i);
    }
    for (int i = 1; i <= workers; i++) {
      names.add("worker-" + i);
    }
    for (String name : names) {
      boolean cp = name.startsWith("cp-");
      int n = Integer.parseInt(name.substring(name.indexOf('-') + 1));
      String ip = subnet + ((cp ? 10 : 20) + n);
      TalosNodeFake fake =
          new TalosNodeFake(
                  InetAddress.getByName(ip), 0, 0, SimDisk.typical(), time, faults, RELEASE)
              .joinClusters(clusters)
              .useKubernetesApi(FullKubernetesApi.factory(time, faults, o -> {}));
      open.add(fake);
      String config =
          firewall.apply(config(name, ip, cp ? NodeRole.CONTROLPLANE : NodeRole.WORKER));
      try (TalosClient maintenance = TalosClient.maintenance(ip, fake.port(), polling())) {
        maintenance.applyConfiguration(config.getBytes(StandardCharsets.UTF_8));
      }
      TalosClient admin = TalosClient.secure(ip, fake.port(), identity(ip), polling());
      open.add(admin);
      nodes.put(
          name, new Node(name, ip, cp ? NodeRole.CONTROLPLANE : NodeRole.WORKER, fake, admin));
    }
    for (Node node : nodes.values()) {
      if (awaitSecure) {
        node.admin().awaitSecure(WAIT);
      }
    }
    return this;
  }

  ClusterRig start(int controlPlanes, int workers) throws Exception {
    return start(controlPlanes, workers, UnaryOperator.identity());
  }

  String config(String hostname, String ip, NodeRole role) {
    MachineConfigInput.Builder builder = MachineConfigInput.builder();
    if (role != NodeRole.WORKER) {
      // As ironkube's control planes carry it: without a CNI no Node ever turns Ready.
      CiliumManifests.inlineManifests(PlatformSpec.defaults()).forEach(builder::inlineManifest);
    }
    MachineConfigInput input =
        builder
            .clusterName("multi")
            .endpoint("https://" + subnet + "11:6443")
            .role(role)
            .hostname(hostname)
            .certSans(List.of(ip))
            .installDisk("/dev/nvme0n1")
            .installerImage(
                "factory.talos.dev/metal-installer/"
                    + "376567988ad370138ad8b2698212367b8edcb69b5fd68c80be1f2ec7d603b4ba:v1.11.6")
            .firewall(FirewallPolicy.bootstrap(List.of("127.0.0.1/32"), List.of(subnet + "0/24")))
            .build();
    return generator.render(VERSION, input);
  }

  Node node(String name) {
    return nodes.get(name);
  }

  /** The admin kubeconfig cp-1 hands out, pointed at {@code cp}'s API server. */
  String kubeconfigVia(String cp) {
    Node first = node("cp-1");
    Node via = node(cp);
    String kubeconfig = new String(first.admin().kubeconfig(), StandardCharsets.UTF_8);
    int port = via.fake().kubernetesApi().orElseThrow().port();
    return kubeconfig.replace(
        "https://" + first.ip() + ":6443", "https://" + via.ip() + ":" + port);
  }

  Polling polling() {
    return Polling.defaults()
        .withInterval(Duration.ofMillis(20))
        .withCallTimeout(Duration.ofSeconds(3));
  }

  TalosIdentity identity(String ip) {
    var admin = CertificateIssuer.systemDefault().talosAdmin(bundle.os());
    Talosconfig config = Talosconfig.of("multi", List.of(ip), List.of(ip), bundle.os(), admin);
    return new TalosIdentity(config.caPem(), config.certificatePem(), config.keyPkcs8Pem());
  }

  @Override
  public void close() throws Exception {
    for (AutoCloseable c : open.reversed()) {
      c.close();
    }
    clusters.close();
  }
}
