package dev.ironkube.sim.talos;

import dev.ironkube.sim.Faults;
import dev.ironkube.sim.ProviderFirewall;
import dev.ironkube.sim.SimDisk;
import dev.ironkube.sim.SimEvents;
import dev.ironkube.sim.TimeModel;
import io.grpc.Server;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

/**
 * A simulated Talos node on one address: the Talos API on its port (50000 in product use) over real
 * TLS, and on a control plane whose etcd runs a Kubernetes API on 6443. It boots into maintenance
 * mode, validates and applies a machine config, "reboots" into mTLS with apid's certificate issued
 * from the config's OS CA, and models its services over time. Configured, it is a member of the
 * {@link TalosCluster} its config names (see {@link #joinClusters}; alone, a cluster of its own),
 * which decides etcd and kubelet: bootstrap, joining control planes, workers (no etcd, no trustd),
 * Node objects, and the paths between nodes. A worker's config has no OS CA key: its apid
 * certificate comes from a control plane's trustd (TCP 50001), so a worker serves mTLS only once a
 * configured control plane of its cluster is up and admits it on 50001. It enforces the ingress
 * firewall documents of its config on 50000 and 6443 per source address ({@link IngressFirewall}; a
 * refused connection gets no answer, like an nftables drop, see {@link FirewalledServerChannel}),
 * and the cluster asks the same rules about etcd, trustd, kubelet and VXLAN traffic between nodes.
 * Its fault points and modelled steps are listed in the package documentation. This class is the
 * node as the datacenter and the tests see it; the machine and its transitions are {@link
 * NodeLife}'s, which the package's API services drive.
 */
public final class TalosNodeFake implements AutoCloseable {
  /** Where the node is in its life. */
  public enum Mode {
    MAINTENANCE("maintenance"),
    REBOOTING("rebooting"),
    CONFIGURED("running"),
    STOPPED("shutting down");

    /** The machine status resource's stage in this mode. */
    private final String stage;

    Mode(String stage) {
      this.stage = stage;
    }

    String stage() {
      return stage;
    }
  }

  private final InetAddress address;
  private final TimeModel time;
  private final Faults faults;

  /** The machine and its transitions; package code drives the node through it. */
  final NodeLife life;

  final EtcdRecovery etcdRecovery; // day2-ops: EtcdApi
  final NodeConfigs configs;

  public TalosNodeFake(
      InetAddress address,
      int port,
      List<SimDisk> disks,
      TimeModel time,
      Faults faults,
      String talosVersion) {
    this(address, port, 6443, disks, time, faults, talosVersion);
  }

  /** As above with the Kubernetes API port chosen (0: ephemeral, for tests). */
  public TalosNodeFake(
      InetAddress address,
      int port,
      int kubernetesPort,
      List<SimDisk> disks,
      TimeModel time,
      Faults faults,
      String talosVersion) {
    this(address, port, kubernetesPort, disks, time, faults, talosVersion, true);
  }

  /**
   * A node whose machine is powered off: nothing listens until {@link NodeLife#loadDisks} and
   * {@link NodeLife#powerOn}, the way back of a node kept in a datacenter snapshot.
   */
  static TalosNodeFake poweredOff(
      InetAddress address,
      int port,
      List<SimDisk> disks,
      TimeModel time,
      Faults faults,
      String talosVersion) {
    return new TalosNodeFake(address, port, 6443, disks, time, faults, talosVersion, false);
  }

  private TalosNodeFake(
      InetAddress address,
      int port,
      int kubernetesPort,
      List<SimDisk> disks,
      TimeModel time,
      Faults faults,
      String talosVersion,
      boolean blank) {
    this.address = address;
    this.time = time;
    this.faults = faults;
    this.life = new NodeLife(this, port, kubernetesPort, List.copyOf(disks), talosVersion);
    this.configs = life.configs;
    this.etcdRecovery = life.etcd.recovery;
    if (!blank) {
      return;
    }
    try {
      life.bootBlank();
    } catch (IOException e) {
      life.power.shutdown();
      life.ingress.close();
      throw new UncheckedIOException(
          "cannot listen on " + address.getHostAddress() + ":" + port, e);
    }
  }

  /** Replaces the simulated Kubernetes API; takes effect at the next bootstrap. */
  public synchronized TalosNodeFake useKubernetesApi(KubernetesApi.Factory factory) {
    life.kubernetes.use(factory);
    return this;
  }

  /**
   * Makes this node a possible member of the clusters in {@code registry}: once configured, it
   * joins the nodes whose configs carry its cluster's identity. Without this a node is a cluster of
   * its own. Call before a config is applied.
   */
  public synchronized TalosNodeFake joinClusters(TalosClusters registry) {
    life.membership.use(registry);
    return this;
  }

  /** The cluster this node is a member of, once configured. */
  public synchronized Optional<TalosCluster> cluster() {
    return life.membership.current();
  }

  /** Records this node's lifecycle in {@code recorder} under {@code machineId}. */
  public TalosNodeFake recordTo(SimEvents recorder, String machineId) {
    life.recordTo(recorder, machineId);
    return this;
  }

  public InetAddress address() {
    return address;
  }

  /** The Talos API port, fixed for the node's life (an ephemeral request resolves once). */
  public int port() {
    return life.listener.port();
  }

  public Mode mode() {
    return life.mode();
  }

  /**
   * Puts the provider's network firewall in front of the node, consulted for every new connection
   * to 50000 and 6443 before the node's own firewall, in maintenance mode too.
   */
  public TalosNodeFake behindProviderFirewall(ProviderFirewall provider) {
    life.ingress.behind(provider);
    return this;
  }

  /** The ingress firewall in force for new connections to 50000 and 6443. */
  public IngressFirewall ingressFirewall() {
    return life.ingress.firewall();
  }

  public Optional<AppliedConfig> appliedConfig() {
    return life.config();
  }

  /** Whether this node's etcd holds data: it was bootstrapped, or it joined the cluster's etcd. */
  public synchronized boolean bootstrapped() {
    return life.etcd.hasData();
  }

  /** How many times the node was reset back to maintenance mode. */
  public int resets() {
    return life.resets();
  }

  public synchronized Optional<KubernetesApi> kubernetesApi() {
    return life.kubernetes.api();
  }

  public String hostname() {
    return life.hostname();
  }

  synchronized String talosVersion() {
    return life.release.running();
  }

  Faults faults() {
    return faults;
  }

  TimeModel time() {
    return time;
  }

  synchronized ConfigValidator validator() {
    return life.release.validator();
  }

  @Override
  public void close() {
    Server old = life.powerOff();
    life.power.shutdown();
    NodeServers.stop(old, true);
    life.ingress.close();
  }
}
