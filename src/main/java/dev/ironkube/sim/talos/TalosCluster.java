package dev.ironkube.sim.talos;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ironkube.sim.SimEvents;
import dev.ironkube.sim.TimeModel;
import dev.ironkube.sim.kube.KubeCluster;
import dev.ironkube.sim.kube.NodeNetwork;
import io.grpc.Status;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One simulated Talos cluster: its configured nodes, its etcd membership and its Kubernetes state,
 * which every control plane whose etcd runs serves on its own address.
 *
 * <p>What it models, and the real behaviour it rests on:
 *
 * <ul>
 *   <li><b>Bootstrap</b> happens once, on one control plane (talos.md 1.4, 9): its etcd starts
 *       after {@code talos.etcd.start}. Bootstrap on another control plane of a bootstrapped
 *       cluster never starts a second etcd: AlreadyExists ("etcd data directory is not empty") once
 *       that node has joined, FailedPrecondition (retryable, naming the node the cluster was
 *       bootstrapped on) while it is still joining.
 *   <li><b>Joining control planes</b>: etcd sits in Preparing until the cluster's first etcd runs
 *       and the node's own services are up, then joins after {@code talos.etcd.join} (30 s: the
 *       member is added as a learner, catches up and is promoted), but only if every member it
 *       joins and the joiner admit each other on TCP 2379-2380 (the etcd rule of the firewall
 *       documents); otherwise it stays Preparing with the join error as its last message and joins
 *       as soon as the firewalls are fixed. Once joined, it serves the cluster's Kubernetes API on
 *       its own 6443 and restarts etcd by itself after a reboot.
 *   <li><b>Kubelets</b> (control planes and workers alike) turn healthy {@code talos.kubelet.ready}
 *       after the cluster's API is up and the node's services are. A node reaches the API over
 *       KubePrism, locally on a control plane that serves it, else through another control plane's
 *       6443; a worker also needs trustd (TCP 50001) for its certificates (without it, its apid
 *       does not even serve mTLS: see {@link #trustd}). A worker dials the control plane its
 *       endpoint names when that is a member, else any serving one. A node whose path is dropped
 *       keeps an unhealthy kubelet and never registers.
 *   <li><b>Node objects</b>: a kubelet registers its Node when it turns healthy (Ready). A kubelet
 *       failing its health check (fault) still reaches the API and registers, NotReady, as a sick
 *       kubelet does. The bootstrap control plane is registered, Ready, when its API starts, as in
 *       the single-node simulation. A node whose machine goes away (or that is reset) leaves its
 *       Node behind, Ready turning Unknown after {@code kube.node.monitor-grace} (50 s, the
 *       controller manager's node-monitor-grace-period); nothing deletes it.
 *   <li><b>Inline manifests</b>: each control plane's Talos creates the missing objects of its
 *       config's {@code cluster.inlineManifests} once its etcd is healthy, every boot ({@link
 *       ClusterTimeline}); that is how the CNI arrives, and a Node turns Ready only once its CNI
 *       agent runs ({@code dev.ironkube.sim.kube.NodeReadiness}).
 *   <li><b>Paths that break what runs over them</b> ({@link NodeNetwork}, served by {@link
 *       ClusterPaths}): the API server reaches a kubelet on 10250 for logs, exec and metrics; pods
 *       of a node that cannot exchange UDP 8472 (Cilium's VXLAN) from every other node run but fail
 *       readiness. Neither makes a Node NotReady, as neither does in a real cluster.
 * </ul>
 *
 * Not modelled: etcd quorum loss, a member's Node going NotReady during a short reboot, a firewall
 * change cutting an already joined member off.
 */
public final class TalosCluster implements AutoCloseable {
  /** What a node tells the cluster about itself; {@code bootedAt} is -1 while it is down. */
  record Member(
      TalosNodeFake node,
      String hostname,
      InetAddress address,
      boolean controlPlane,
      IngressFirewall firewall,
      long bootedAt,
      long baseUpAt,
      Set<String> neverHealthy,
      String endpointHost,
      SimEvents events,
      String subject,
      SimPki.Issued osCa,
      List<ObjectNode> manifests) {

    boolean up() {
      return bootedAt >= 0;
    }
  }

  /** How etcd and kubelet look on one node now, for its ServiceList. */
  record View(
      String etcdState,
      boolean etcdHealthy,
      String etcdMessage,
      boolean kubeletHealthy,
      String kubeletMessage) {}

  /** One etcd member, for EtcdMemberList. */
  record EtcdMemberInfo(long id, String hostname, String address) {}

  private final String name;
  private final Duration etcdStart;
  private final Duration monitorGrace;
  private final Consumer<TalosCluster> onEmpty;
  private final ScheduledExecutorService clock;
  private final Map<TalosNodeFake, ClusterSeat> seats = new LinkedHashMap<>();
  private final Set<Long> wakeups = new HashSet<>();
  private KubeCluster kube;
  private final ClusterPaths paths;
  private final ClusterTimeline timeline;
  private boolean closed;

  TalosCluster(String name, TimeModel time, Consumer<TalosCluster> onEmpty) {
    this.name = name;
    this.etcdStart = time.duration("talos.etcd.start", Duration.ofSeconds(20));
    Duration etcdJoin = time.duration("talos.etcd.join", Duration.ofSeconds(30));
    Duration kubeletReady = time.duration("talos.kubelet.ready", Duration.ofSeconds(30));
    this.monitorGrace = time.duration("kube.node.monitor-grace", Duration.ofSeconds(50));
    this.onEmpty = onEmpty;
    this.paths = new ClusterPaths(this, seats.values());
    this.timeline =
        new ClusterTimeline(seats.values(), paths, etcdJoin, kubeletReady, this::wakeAt);
    this.clock =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "talos-cluster-" + name);
              t.setDaemon(true);
              return t;
            });
  }

  public String name() {
    return name;
  }

  /** The cluster's Kubernetes state, once its first API server started. */
  public synchronized Optional<KubeCluster> kubernetes() {
    return Optional.ofNullable(kube);
  }

  /** Hostnames of the etcd members, in join order. */
  public synchronized List<String> etcdMemberNames() {
    return etcdMembers().stream().map(EtcdMemberInfo::hostname).toList();
  }

  synchronized boolean hasMember(TalosNodeFake node) {
    ClusterSeat s = seats.get(node);
    return s != null && !s.gone;
  }

  /** A node joined, booted, went down or changed its firewall. */
  void update(Member m) {
    List<Runnable> effects;
    synchronized (this) {
      ClusterSeat s = seats.get(m.node());
      if (s == null || s.gone) {
        s = new ClusterSeat(m);
        seats.put(m.node(), s);
      } else if (m.bootedAt() != s.m.bootedAt()) {
        s.rebooted(m, etcdStart.toNanos());
        NodeReboots.rebooted(s, m, kube, monitorGrace, this::later, this);
      }
      s.m = m;
      effects = reconcile(System.nanoTime());
    }
    run(effects);
  }

  /**
   * What machined's etcd check before an upgrade finds wrong, or empty (siderolabs/talos v1.13.9
   * internal/pkg/etcd/etcd.go, ValidateForUpgrade): two members cannot keep quorum with one down;
   * every member must be started (a member of a node that is down answers nothing) and healthy.
   */
  synchronized Optional<String> upgradeEtcdProblem(long now) {
    List<ClusterSeat> members = seats.values().stream().filter(s -> s.etcdMember).toList();
    if (members.size() == 2) {
      return Optional.of(
          "etcd member count(2) is insufficient to maintain quorum if upgrade commences");
    }
    for (ClusterSeat s : members) {
      if (s.gone || !s.m.up() || now < s.etcdUpAt || s.m.neverHealthy().contains("etcd")) {
        return Optional.of(
            String.format(
                "etcd member %016x is not healthy; all members must be healthy to perform an"
                    + " upgrade: context deadline exceeded",
                s.etcdId));
      }
    }
    return Optional.empty();
  }

  /** Null when {@code node} may be bootstrapped, else the status real Talos would answer. */
  synchronized Status bootstrapRefusal(TalosNodeFake node) {
    ClusterSeat s = seats.get(node);
    if (s != null && s.etcdMember) {
      return Status.ALREADY_EXISTS.withDescription("etcd data directory is not empty");
    }
    Optional<ClusterSeat> first = seats.values().stream().filter(x -> x.bootstrapNode).findFirst();
    if (first.isPresent()) {
      return Status.FAILED_PRECONDITION.withDescription(
          "bootstrap is not available: cluster "
              + name
              + " was bootstrapped on "
              + first.get().m.hostname()
              + "; this node joins its etcd by itself");
    }
    return null;
  }

  /** Bootstrap was accepted on {@code node} at {@code nanos}. */
  void bootstrapped(TalosNodeFake node, long nanos) {
    List<Runnable> effects;
    synchronized (this) {
      ClusterSeat s = seats.get(node);
      s.bootstrapNode = true;
      timeline.admit(s);
      s.etcdUpAt = Math.max(nanos, s.m.baseUpAt()) + etcdStart.toNanos();
      effects = reconcile(nanos);
    }
    run(effects);
  }

  /** The first API server of the cluster started, seeded with the bootstrap node's Node. */
  void kubernetesStarted(TalosNodeFake node, KubeCluster state) {
    List<Runnable> effects;
    List<Runnable> effects0 = new ArrayList<>();
    synchronized (this) {
      if (kube == null) {
        kube = state;
        kube.useNetwork(paths);
        ClusterSeat s = seats.get(node);
        if (s != null) {
          s.registered = true;
          effects0.add(() -> NodeInfoReport.post(state, node));
        }
      }
      effects = reconcile(System.nanoTime());
      effects.addAll(effects0);
    }
    run(effects);
  }

  /**
   * The node left: its machine was deleted, or it was reset ({@code leaveEtcd}: gracefully, so it
   * also left etcd). Its Node object stays and turns NotReady after the grace period.
   */
  void left(TalosNodeFake node, boolean leaveEtcd) {
    List<Runnable> effects = new ArrayList<>();
    boolean empty;
    synchronized (this) {
      ClusterSeat s = seats.get(node);
      if (s == null || s.gone) {
        return;
      }
      s.gone = true;
      if (leaveEtcd) {
        s.etcdMember = false;
      }
      if (s.registered && kube != null) {
        KubeCluster k = kube;
        String host = s.m.hostname();
        effects.add(() -> later(monitorGrace.toNanos(), () -> k.nodeUnreachable(host)));
      }
      empty = seats.values().stream().allMatch(x -> x.gone);
      if (!empty) {
        effects.addAll(reconcile(System.nanoTime()));
      }
    }
    if (empty) {
      close();
      onEmpty.accept(this);
      return;
    }
    run(effects);
  }

  /**
   * The OS CA a worker's trustd request is signed with: that of a control plane which is up and
   * admits {@code worker} on TCP 50001; empty while there is none (the worker's apid then has no
   * certificate and keeps trying, as a real worker does).
   */
  synchronized Optional<SimPki.Issued> trustd(InetAddress worker) {
    return seats.values().stream()
        .filter(s -> !s.gone && s.m.up() && s.m.controlPlane() && s.m.osCa().key() != null)
        .filter(s -> s.m.firewall().allows(worker, "tcp", 50001))
        .map(s -> s.m.osCa())
        .findFirst();
  }

  synchronized KubeCluster kubeState() {
    return kube;
  }

  synchronized boolean etcdMember(TalosNodeFake node) {
    ClusterSeat s = seats.get(node);
    return s != null && s.etcdMember;
  }

  /** Whether {@code node} is the cluster's only etcd member (it cannot leave gracefully). */
  synchronized boolean onlyEtcdMember(TalosNodeFake node) {
    return etcdMember(node)
        && seats.values().stream().filter(x -> x.etcdMember && !x.gone).count() == 1;
  }

  synchronized List<EtcdMemberInfo> etcdMembers() {
    return seats.values().stream()
        .filter(s -> s.etcdMember)
        .sorted(Comparator.comparingInt(s -> s.joinOrder))
        .map(s -> new EtcdMemberInfo(s.etcdId, s.m.hostname(), s.m.address().getHostAddress()))
        .toList();
  }

  /** What a datacenter snapshot keeps of this cluster; {@code machineIds} names each node. */
  KeptCluster keep(Function<TalosNodeFake, String> machineIds) {
    List<KeptCluster.Seat> kept;
    KubeCluster state;
    synchronized (this) {
      kept = ClusterKeeping.seats(seats, machineIds);
      state = kube;
    }
    return new KeptCluster(name, kept, state == null ? null : state.keep());
  }

  /**
   * Puts back what {@code saved} kept, its {@code nodes} (by machine id) entered but not booted
   * yet; {@code state} holds its Kubernetes objects, which every control plane serves once it is
   * up.
   */
  synchronized void restore(
      KeptCluster saved, Map<String, TalosNodeFake> nodes, KubeCluster state) {
    timeline.restoredUpTo(ClusterKeeping.restore(saved.seats(), seats, nodes));
    if (state != null && kube == null) {
      kube = state;
      kube.useNetwork(paths);
    }
  }

  /** What {@code node}'s etcd and kubelet report now. */
  View view(TalosNodeFake node, long now) {
    List<Runnable> effects;
    View view;
    synchronized (this) {
      effects = reconcile(now);
      ClusterSeat s = seats.get(node);
      view = s == null ? new View("Preparing", false, "", false, "") : timeline.viewOf(s, now);
    }
    run(effects);
    return view;
  }

  /** Advances every node to {@code now}; returns what to do outside the lock. */
  private List<Runnable> reconcile(long now) {
    return closed ? new ArrayList<>() : timeline.reconcile(now, kube);
  }

  /** Wakes the cluster up when a computed instant comes, so nodes advance unobserved too. */
  private void wakeAt(long nanos, long now) {
    if (wakeups.add(nanos)) {
      later(
          nanos - now,
          () -> {
            List<Runnable> effects;
            synchronized (this) {
              wakeups.remove(nanos);
              effects = reconcile(System.nanoTime());
            }
            run(effects);
          });
    }
  }

  private void later(long delayNanos, Runnable task) {
    try {
      clock.schedule(task, Math.max(0, delayNanos), TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      // the cluster is gone
    }
  }

  private void run(List<Runnable> effects) {
    // Off the caller's locks: starting an API server takes the node's own lock.
    effects.forEach(e -> later(0, e));
  }

  @Override
  public void close() {
    synchronized (this) {
      closed = true;
    }
    clock.shutdownNow();
  }
}
