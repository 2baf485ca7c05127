package dev.ironkube.sim.talos;

import dev.ironkube.sim.Faults;
import dev.ironkube.sim.SimDisk;
import dev.ironkube.sim.SimEvents;
import dev.ironkube.sim.TimeModel;
import dev.ironkube.sim.talos.TalosNodeFake.Mode;
import dev.ironkube.talos.api.proto.machine.ServiceInfo;
import io.grpc.Server;
import io.grpc.Status;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A simulated node's machine and its life: what it runs (mode, the running config, the boot) and
 * every way from one to the next. Maintenance accepts a config and reboots into mTLS; a configured
 * node reboots, upgrades, resets back to maintenance or wipes EPHEMERAL; a power cycle keeps what
 * its disks hold ({@link KeptNode}). Each step tells the node's cluster what it knows of the node
 * now. The parts it drives (listener, power, ingress firewall, Kubernetes, etcd, the two configs)
 * are built here; {@link TalosNodeFake} is the node as the datacenter and the tests see it.
 * Everything here runs under the node's lock, as its parts do.
 */
final class NodeLife {
  private final TalosNodeFake node;
  private final InetAddress address;
  private final TimeModel time;
  private final Faults faults;
  final NodeRelease release;
  final NodePower power;
  final NodeIngress ingress;
  final NodeListener listener;
  final NodeKubernetes kubernetes;
  final NodeMembership membership;
  final NodeEtcd etcd;
  final NodeConfigs configs;

  private Mode mode = Mode.STOPPED;
  private AppliedConfig config;
  private int resets;

  /** Unanswered requests to trustd in this boot (a worker's; see {@link NodePower#trustdRetry}). */
  private int trustdRefusals;

  private NodeBoot boot;
  private SimEvents events = new SimEvents();
  private String subject = "";

  /** The parts of {@code node}'s machine, its address, clock and faults taken from it. */
  NodeLife(
      TalosNodeFake node, int port, int kubernetesPort, List<SimDisk> disks, String talosVersion) {
    this.node = node;
    this.address = node.address();
    this.time = node.time();
    this.faults = node.faults();
    String name = "talos-node-" + address.getHostAddress();
    this.release = new NodeRelease(disks, talosVersion);
    this.membership = new NodeMembership(node, time);
    this.power = new NodePower(time, name);
    this.configs = new NodeConfigs(node, power);
    this.ingress = new NodeIngress(name);
    this.kubernetes = new NodeKubernetes(address, kubernetesPort, ingress);
    this.etcd = new NodeEtcd(node, membership, kubernetes);
    this.listener =
        new NodeListener(node, address, port, ingress, disks, talosVersion, this::stage);
  }

  /** The first boot of a blank machine: maintenance mode on its port. */
  void bootBlank() throws IOException {
    synchronized (node) {
      mode = Mode.MAINTENANCE;
      listener.maintenance(hostname());
    }
  }

  void recordTo(SimEvents recorder, String machineId) {
    synchronized (node) {
      this.events = recorder;
      this.subject = machineId;
    }
  }

  Mode mode() {
    synchronized (node) {
      return mode;
    }
  }

  Optional<AppliedConfig> config() {
    synchronized (node) {
      return Optional.ofNullable(config);
    }
  }

  int resets() {
    synchronized (node) {
      return resets;
    }
  }

  String hostname() {
    synchronized (node) {
      if (config != null && !config.hostname().isEmpty()) {
        return config.hostname();
      }
      return "talos-" + address.getHostAddress().replace('.', '-').replace(':', '-');
    }
  }

  /** What survives a power cycle on its disks; empty when STATE holds no config. */
  Optional<KeptNode> keep() {
    synchronized (node) {
      AppliedConfig onState = configs.atBoot();
      if (onState == null || mode == Mode.STOPPED) {
        return Optional.empty();
      }
      return Optional.of(
          new KeptNode(onState.raw(), release.atNextBoot(), etcd.bootstrappedHere(), resets));
    }
  }

  /**
   * A powered-off node finds its disks as {@code kept} left them: the release, the config on STATE
   * (checked by that release, as the boot loads it), etcd's data on EPHEMERAL. It enters the
   * cluster the config names, down, so the cluster can seat it where it was before it boots.
   */
  void loadDisks(KeptNode kept) {
    synchronized (node) {
      release.install(kept.release());
      release.boot();
      config = release.validator().validate(kept.config());
      configs.accepted(config, true); // a boot from STATE runs it; config/persistent stays empty
      ingress.enforce(IngressFirewall.of(config.raw()));
      etcd.kept(kept.bootstrapped());
      resets = kept.resets();
      mode = Mode.REBOOTING;
      trustdRefusals = 0;
      enterCluster();
    }
  }

  /** Power on: the boot takes place while the datacenter was stopped, so apid comes up now. */
  void powerOn() {
    power.after(Duration.ZERO, this::bootConfigured);
  }

  /** Maintenance accepted a config: the listener goes away and the node reboots into mTLS. */
  void acceptAndReboot(AppliedConfig applied, boolean dropConnection) {
    synchronized (node) {
      // 1.14 skips the Install sequence, and so its reboot, for a config without machine.install:
      // the booted image carries on and apid comes back with the config's certificates.
      boolean reboots = !release.minor().skipsInstallWithoutInstallSection() || applied.installs();
      config = applied;
      configs.accepted(applied, reboots);
      ingress.enforce(IngressFirewall.of(applied.raw()));
      mode = Mode.REBOOTING;
      trustdRefusals = 0;
      enterCluster();
      events.record(SimEvents.CONFIG_APPLIED, subject);
      power.stop(listener.take(), dropConnection);
      power.after(reboots ? power.reboot() : power.apidRestart(), this::bootConfigured);
    }
  }

  void replaceConfig(AppliedConfig applied) {
    synchronized (node) {
      NodeInfoReport.configReplaced(node, config, applied);
      NodeLabels.configReplaced(node, config, applied);
      config = applied;
      // Talos reconciles firewall documents live, without a reboot: new connections meet the new
      // rules at once, while established ones survive (conntrack).
      ingress.enforce(IngressFirewall.of(applied.raw()));
      enterCluster();
    }
  }

  /** Joins the cluster of the config's identity (leaving another one), or updates its view. */
  private void enterCluster() {
    membership.enter(config, member());
  }

  /** What the cluster knows of this node now; {@code boot} only counts while it is up. */
  private TalosCluster.Member member() {
    return NodeMembership.self(
        node,
        address,
        config,
        ingress.firewall(),
        mode == Mode.CONFIGURED ? boot : null,
        events,
        subject);
  }

  /** The cluster says this control plane's etcd joined: it serves the cluster's API now. */
  void serveClusterApi() {
    synchronized (node) {
      if (mode == Mode.CONFIGURED && config.controlPlane()) {
        etcd.serve(config);
      }
    }
  }

  /** The etcd members this node's etcd knows. */
  List<TalosCluster.EtcdMemberInfo> etcdMembers() {
    synchronized (node) {
      return membership.etcdMembers();
    }
  }

  /** Whether a graceful reset must be refused: leaving etcd is impossible for its only member. */
  boolean onlyEtcdMember() {
    synchronized (node) {
      return membership.onlyEtcdMember();
    }
  }

  /**
   * null when bootstrap proceeds, else the status the real node answers with ({@link
   * BootstrapChecks}), then whether the cluster was bootstrapped elsewhere.
   */
  Status bootstrap() {
    synchronized (node) {
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
  }

  /** How long Bootstrap waits for time sync before refusing ({@link NodeBoot#timeSyncWait}). */
  Duration timeSyncWait() {
    synchronized (node) {
      return boot.timeSyncWait(time);
    }
  }

  List<ServiceInfo> services() {
    synchronized (node) {
      long now = System.nanoTime();
      return boot.services(config.controlPlane(), membership.cluster().view(node, now), now);
    }
  }

  boolean etcdRunning() {
    return services().stream()
        .anyMatch(s -> s.getId().equals("etcd") && s.getState().equals("Running"));
  }

  /**
   * Reset wipes the config and etcd and comes back in maintenance mode; a graceful one leaves etcd
   * first.
   */
  void resetToMaintenance(boolean graceful) {
    synchronized (node) {
      mode = Mode.REBOOTING;
      trustdRefusals = 0;
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
  }

  /** day2-ops: a Reset wiping EPHEMERAL only (see {@link EtcdApi#resetEphemeral}). */
  void wipeEphemeralAndReboot() {
    synchronized (node) {
      goDown();
      membership.leave(true); // its etcd data is gone; the cluster may end with it
      etcd.wipe();
      enterCluster(); // the config on STATE stays: back in the cluster it names, a new member
      power.after(power.reboot(), this::bootConfigured);
    }
  }

  /** A plain reboot keeps the config and etcd's data; etcd starts again by itself. */
  void reboot() {
    synchronized (node) {
      goDown();
      membership.update(member());
      power.after(power.reboot(), this::bootConfigured);
    }
  }

  /**
   * The upgrade sequence installed {@code version} ({@link NodeUpgrade}): the node reboots into it,
   * or, when it {@code comesBack} not, goes down for good.
   */
  void rebootInto(String version, boolean comesBack) {
    synchronized (node) {
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
  }

  /** The machine goes down for a reboot: its API listener and its Kubernetes stop. */
  private void goDown() {
    mode = Mode.REBOOTING;
    trustdRefusals = 0;
    configs.down();
    power.stop(listener.take(), false);
    kubernetes.stop();
  }

  private void bootConfigured() {
    synchronized (node) {
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
          power.after(power.trustdRetry(trustdRefusals++), this::bootConfigured);
          return;
        }
        trustdRefusals = 0;
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
  }

  private void bootMaintenance() {
    synchronized (node) {
      if (mode == Mode.STOPPED) {
        return;
      }
      listener.maintenanceAgain(hostname());
      mode = Mode.MAINTENANCE;
    }
  }

  private String stage() {
    synchronized (node) {
      return mode.stage();
    }
  }

  /**
   * The machine is gone: its listener and Kubernetes stop; its Node stays behind and turns
   * NotReady, its etcd member stays. Hands back the listener's server to stop outside the lock.
   */
  Server powerOff() {
    synchronized (node) {
      mode = Mode.STOPPED;
      Server old = listener.take();
      kubernetes.stop();
      membership.leave(false);
      return old;
    }
  }
}
