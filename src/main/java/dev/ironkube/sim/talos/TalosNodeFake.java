package dev.ironkube.sim.talos;

import dev.ironkube.sim.Faults;
import dev.ironkube.sim.ProviderFirewall;
import dev.ironkube.sim.SimDisk;
import dev.ironkube.sim.SimEvents;
import dev.ironkube.sim.TimeModel;
import dev.ironkube.talos.api.proto.machine.ServiceInfo;
import io.grpc.Server;
import io.grpc.Status;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.time.Duration;
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
 * Its fault points and modelled steps are listed in the package documentation.
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
  }

  private final InetAddress address;
  private final TimeModel time;
  private final Faults faults;
  private final NodeRelease release;
  private final NodePower power;
  private final NodeIngress ingress;
  private final NodeListener listener;
  private final NodeKubernetes kubernetes;

  private Mode mode = Mode.MAINTENANCE;
  private AppliedConfig config;
  private int resets;
  private NodeBoot boot;
  private SimEvents events = new SimEvents();
  private String subject = "";
  private final NodeMembership membership;
  private final NodeEtcd etcd;
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
   * A node whose machine is powered off: nothing listens until {@link #loadDisks} and {@link
   * #powerOn}, the way back of a node kept in a datacenter snapshot.
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
      boolean bootMaintenance) {
    this.address = address;
    List<SimDisk> fixedDisks = List.copyOf(disks);
    this.time = time;
    this.faults = faults;
    this.release = new NodeRelease(fixedDisks, talosVersion);
    this.membership = new NodeMembership(this, time);
    this.power = new NodePower(time, "talos-node-" + address.getHostAddress());
    this.configs = new NodeConfigs(this, power);
    this.ingress = new NodeIngress("talos-node-" + address.getHostAddress());
    this.kubernetes = new NodeKubernetes(address, kubernetesPort, ingress);
    this.etcd = new NodeEtcd(this, membership, kubernetes);
    this.etcdRecovery = etcd.recovery;
    this.listener =
        new NodeListener(this, address, port, ingress, fixedDisks, talosVersion, this::stage);
    if (!bootMaintenance) {
      mode = Mode.STOPPED;
      return;
    }
    try {
      listener.maintenance(hostname());
    } catch (IOException e) {
      power.shutdown();
      ingress.close();
      throw new UncheckedIOException(
          "cannot listen on " + address.getHostAddress() + ":" + port, e);
    }
  }

  /** Replaces the simulated Kubernetes API; takes effect at the next bootstrap. */
  public synchronized TalosNodeFake useKubernetesApi(KubernetesApi.Factory factory) {
    kubernetes.use(factory);
    return this;
  }

  /**
   * Makes this node a possible member of the clusters in {@code registry}: once configured, it
   * joins the nodes whose configs carry its cluster's identity. Without this a node is a cluster of
   * its own. Call before a config is applied.
   */
  public synchronized TalosNodeFake joinClusters(TalosClusters registry) {
    membership.use(registry);
    return this;
  }

  /** The cluster this node is a member of, once configured. */
  public synchronized Optional<TalosCluster> cluster() {
    return membership.current();
  }

  /** Records this node's lifecycle in {@code recorder} under {@code machineId}. */
  public synchronized TalosNodeFake recordTo(SimEvents recorder, String machineId) {
    this.events = recorder;
    this.subject = machineId;
    return this;
  }

  public InetAddress address() {
    return address;
  }

  /** The Talos API port, fixed for the node's life (an ephemeral request resolves once). */
  public int port() {
    return listener.port();
  }

  public synchronized Mode mode() {
    return mode;
  }

  /**
   * Puts the provider's network firewall in front of the node, consulted for every new connection
   * to 50000 and 6443 before the node's own firewall, in maintenance mode too.
   */
  public TalosNodeFake behindProviderFirewall(ProviderFirewall provider) {
    ingress.behind(provider);
    return this;
  }

  /** The ingress firewall in force for new connections to 50000 and 6443. */
  public IngressFirewall ingressFirewall() {
    return ingress.firewall();
  }

  public synchronized Optional<AppliedConfig> appliedConfig() {
    return Optional.ofNullable(config);
  }

  /** Whether this node's etcd holds data: it was bootstrapped, or it joined the cluster's etcd. */
  public synchronized boolean bootstrapped() {
    return etcd.hasData();
  }

  /** How many times the node was reset back to maintenance mode. */
  public synchronized int resets() {
    return resets;
  }

  public synchronized Optional<KubernetesApi> kubernetesApi() {
    return kubernetes.api();
  }

  public synchronized String hostname() {
    if (config != null && !config.hostname().isEmpty()) {
      return config.hostname();
    }
    return "talos-" + address.getHostAddress().replace('.', '-').replace(':', '-');
  }

  synchronized String talosVersion() {
    return release.running();
  }

  Faults faults() {
    return faults;
  }

  TimeModel time() {
    return time;
  }

  synchronized ConfigValidator validator() {
    return release.validator();
  }

  /** What survives a power cycle on its disks; empty when STATE holds no config. */
  synchronized Optional<KeptNode> keep() {
    AppliedConfig onState = configs.atBoot();
    if (onState == null || mode == Mode.STOPPED) {
      return Optional.empty();
    }
    return Optional.of(
        new KeptNode(onState.raw(), release.atNextBoot(), etcd.bootstrappedHere(), resets));
  }

  /**
   * A powered-off node finds its disks as {@code kept} left them: the release, the config on STATE
   * (checked by that release, as the boot loads it), etcd's data on EPHEMERAL. It enters the
   * cluster the config names, down, so the cluster can seat it where it was before it boots.
   */
  synchronized void loadDisks(KeptNode kept) {
    release.install(kept.release());
    release.boot();
    config = release.validator().validate(kept.config());
    configs.accepted(config, true); // a boot from STATE runs it; config/persistent stays empty
    ingress.enforce(IngressFirewall.of(config.raw()));
    etcd.kept(kept.bootstrapped());
    resets = kept.resets();
    mode = Mode.REBOOTING;
    enterCluster();
  }

  /** Power on: the boot takes place while the datacenter was stopped, so apid comes up now. */
  synchronized void powerOn() {
    power.after(Duration.ZERO, this::bootConfigured);
  }

  /** Maintenance accepted a config: the listener goes away and the node reboots into mTLS. */
  synchronized void acceptAndReboot(AppliedConfig applied, boolean dropConnection) {
    // 1.14 skips the Install sequence, and so its reboot, for a config without machine.install:
    // the booted image carries on and apid comes back with the config's certificates.
    boolean reboots = !release.minor().skipsInstallWithoutInstallSection() || applied.installs();
    config = applied;
    configs.accepted(applied, reboots);
    ingress.enforce(IngressFirewall.of(applied.raw()));
    mode = Mode.REBOOTING;
    enterCluster();
    events.record(SimEvents.CONFIG_APPLIED, subject);
    power.stop(listener.take(), dropConnection);
    power.after(reboots ? power.reboot() : power.apidRestart(), this::bootConfigured);
  }

  synchronized void replaceConfig(AppliedConfig applied) {
    NodeInfoReport.configReplaced(this, config, applied);
    NodeLabels.configReplaced(this, config, applied);
    config = applied;
    // Talos reconciles firewall documents live, without a reboot: new connections meet the new
    // rules at once, while established ones survive (conntrack).
    ingress.enforce(IngressFirewall.of(applied.raw()));
    enterCluster();
  }

  /** Joins the cluster of the config's identity (leaving another one), or updates its view. */
  private void enterCluster() {
    membership.enter(config, member());
  }

  /** What the cluster knows of this node now; {@code boot} only counts while it is up. */
  private TalosCluster.Member member() {
    return NodeMembership.self(
        this,
        address,
        config,
        ingress.firewall(),
        mode == Mode.CONFIGURED ? boot : null,
        events,
        subject);
  }

  /** The cluster says this control plane's etcd joined: it serves the cluster's API now. */
  synchronized void serveClusterApi() {
    if (mode == Mode.CONFIGURED && config.controlPlane()) {
      etcd.serve(config);
    }
  }

  /** The etcd members this node's etcd knows. */
  synchronized List<TalosCluster.EtcdMemberInfo> etcdMembers() {
    return membership.etcdMembers();
  }

  /** Whether a graceful reset must be refused: leaving etcd is impossible for its only member. */
  synchronized boolean onlyEtcdMember() {
    return membership.onlyEtcdMember();
  }

  /**
   * null when bootstrap proceeds, else the status the real node answers with ({@link
   * BootstrapChecks}), then whether the cluster was bootstrapped elsewhere.
   */
  synchronized Status bootstrap() {
    boolean configured = mode == Mode.CONFIGURED;
    boolean faulted =
        configured && faults.next("talos.bootstrap").filter("precondition"::equals).isPresent();
    Status refusal =
        BootstrapChecks.refusal(
            BootstrapChecks.Facts.of(
                configured ? boot : null, faulted, config, etcd.bootstrappedHere()),
            release.minor());
    return refusal != null ? refusal : etcd.bootstrap(config, boot, events, subject);
  }

  /** How long Bootstrap waits for time sync before refusing ({@link NodeBoot#timeSyncWait}). */
  synchronized Duration timeSyncWait() {
    return boot.timeSyncWait(time);
  }

  synchronized List<ServiceInfo> services() {
    long now = System.nanoTime();
    return boot.services(config.controlPlane(), membership.cluster().view(this, now), now);
  }

  synchronized boolean etcdRunning() {
    return services().stream()
        .anyMatch(s -> s.getId().equals("etcd") && s.getState().equals("Running"));
  }

  /**
   * Reset wipes the config and etcd and comes back in maintenance mode; a graceful one leaves etcd
   * first.
   */
  synchronized void resetToMaintenance(boolean graceful) {
    mode = Mode.REBOOTING;
    membership.leave(graceful);
    power.stop(listener.take(), false);
    kubernetes.stop();
    config = null;
    configs.wiped();
    ingress.enforce(IngressFirewall.OPEN);
    etcd.forget();
    resets++;
    power.after(power.reset(), this::bootMaintenance);
  }

  /** day2-ops: a Reset wiping EPHEMERAL only (see {@link EtcdApi#resetEphemeral}). */
  synchronized void wipeEphemeralAndReboot() {
    goDown();
    membership.leave(true); // its etcd data is gone; the cluster may end with it
    etcd.wipe();
    enterCluster(); // the config on STATE stays: back in the cluster it names, a new member
    power.after(power.reboot(), this::bootConfigured);
  }

  /** A plain reboot keeps the config and etcd's data; etcd starts again by itself. */
  synchronized void reboot() {
    goDown();
    membership.update(member());
    power.after(power.reboot(), this::bootConfigured);
  }

  /**
   * The upgrade sequence installed {@code version} ({@link NodeUpgrade}): the node reboots into it,
   * or, when it {@code comesBack} not, goes down for good.
   */
  synchronized void rebootInto(String version, boolean comesBack) {
    if (mode != Mode.CONFIGURED) {
      return;
    }
    release.install(version); // until the next boot apid answers as the old release
    if (comesBack) {
      reboot();
      return;
    }
    goDown();
    membership.update(member());
  }

  /** The machine goes down for a reboot: its API listener and its Kubernetes stop. */
  private void goDown() {
    mode = Mode.REBOOTING;
    configs.down();
    power.stop(listener.take(), false);
    kubernetes.stop();
  }

  private synchronized void bootConfigured() {
    if (mode != Mode.REBOOTING || config == null) {
      return; // stopped, or reset while a worker waited for trustd
    }
    release.boot();
    if (configs.atBoot() != config) {
      replaceConfig(configs.atBoot()); // what STATE holds: a staged config, not a tried one
    }
    SimPki.Issued issuer = config.osCa();
    if (!config.controlPlane()) {
      Optional<SimPki.Issued> trustd = membership.trustd(address);
      if (trustd.isEmpty()) {
        // No control plane's trustd answers yet: apid has no certificate, the boot waits.
        power.after(NodePower.TRUSTD_RETRY, this::bootConfigured);
        return;
      }
      issuer = trustd.get();
    }
    listener.configured(config, hostname(), issuer);
    boot = NodeBoot.now(time, faults, config.controlPlane(), hostname());
    mode = Mode.CONFIGURED;
    events.recordAt(SimEvents.TALOS_MTLS, subject, boot.bootedAt());
    if (config.controlPlane()) {
      events.recordAt(SimEvents.BOOTSTRAP_READY, subject, boot.bootstrapReadyAt());
    }
    membership.update(member());
    if (etcd.hasData()) {
      etcd.serve(config);
    }
  }

  private synchronized void bootMaintenance() {
    if (mode == Mode.STOPPED) {
      return;
    }
    listener.maintenanceAgain(hostname());
    mode = Mode.MAINTENANCE;
  }

  private synchronized String stage() {
    return mode.stage;
  }

  @Override
  public void close() {
    Server old;
    synchronized (this) {
      mode = Mode.STOPPED;
      old = listener.take();
      kubernetes.stop();
      // The machine is gone: its Node stays behind and turns NotReady; its etcd member stays.
      membership.leave(false);
    }
    power.shutdown();
    NodeServers.stop(old, true);
    ingress.close();
  }
}
