package dev.ironkube.sim.talos;

import dev.ironkube.sim.SimEvents;
import dev.ironkube.sim.TimeModel;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Which {@link TalosCluster} a node belongs to: the one its config's identity names in the registry
 * it was given (alone, a registry of its own, so a cluster of one). Guarded by the node's lock, as
 * every call comes from a synchronized node method.
 */
final class NodeMembership {
  private final TalosNodeFake node;
  private TalosClusters registry;
  private TalosCluster cluster;

  NodeMembership(TalosNodeFake node, TimeModel time) {
    this.node = node;
    this.registry = new TalosClusters(time);
  }

  void use(TalosClusters clusters) {
    this.registry = clusters;
  }

  Optional<TalosCluster> current() {
    return Optional.ofNullable(cluster);
  }

  /** The cluster of a configured node. */
  TalosCluster cluster() {
    return cluster;
  }

  /** Joins the cluster of {@code config}'s identity (leaving another one), or updates its view. */
  void enter(AppliedConfig config, TalosCluster.Member self) {
    TalosCluster target = registry.of(config);
    if (cluster != null && cluster != target) {
      cluster.left(node, true);
    }
    cluster = target;
    cluster.update(self);
  }

  /** The node leaves; {@code graceful}: its etcd member leaves etcd too. */
  void leave(boolean graceful) {
    if (cluster != null) {
      cluster.left(node, graceful);
      cluster = null;
    }
  }

  void update(TalosCluster.Member self) {
    cluster.update(self);
  }

  boolean etcdMember() {
    return cluster != null && cluster.etcdMember(node);
  }

  List<TalosCluster.EtcdMemberInfo> etcdMembers() {
    return cluster == null ? List.of() : cluster.etcdMembers();
  }

  boolean onlyEtcdMember() {
    return cluster != null && cluster.onlyEtcdMember(node);
  }

  /** What the cluster knows of {@code node}: {@code boot} is null while the node is down. */
  static TalosCluster.Member self(
      TalosNodeFake node,
      InetAddress address,
      AppliedConfig config,
      IngressFirewall firewall,
      NodeBoot boot,
      SimEvents events,
      String subject) {
    boolean up = boot != null;
    return new TalosCluster.Member(
        node,
        node.hostname(),
        address,
        config.controlPlane(),
        firewall,
        up ? boot.bootedAt() : -1,
        up ? boot.bootstrapReadyAt() : -1,
        up ? boot.neverHealthy() : Set.of(),
        SanNames.host(config.endpoint()),
        events,
        subject,
        config.osCa(),
        config.controlPlane() ? TalosManifests.inline(config.raw()) : List.of());
  }

  /** A control plane's trustd that admits {@code address}, for a worker's apid certificate. */
  Optional<SimPki.Issued> trustd(InetAddress address) {
    return cluster.trustd(address);
  }
}
