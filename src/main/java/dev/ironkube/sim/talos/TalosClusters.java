package dev.ironkube.sim.talos;

import dev.ironkube.sim.TimeModel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The simulated clusters of a datacenter: configured nodes whose applied configs carry the same
 * cluster identity (cluster name and cluster CA, which a controlplane and a worker config generated
 * from one secrets bundle share) form one {@link TalosCluster}. A node created on its own gets a
 * registry of its own, so it is a single-node cluster as before.
 */
public final class TalosClusters implements AutoCloseable {
  private final TimeModel time;
  private final Map<String, TalosCluster> clusters = new LinkedHashMap<>();

  public TalosClusters(TimeModel time) {
    this.time = time;
  }

  /** The cluster a node configured with {@code config} belongs to, created on first use. */
  synchronized TalosCluster of(AppliedConfig config) {
    return clusters.computeIfAbsent(
        config.clusterIdentity(), id -> new TalosCluster(config.clusterName(), time, this::gone));
  }

  private synchronized void gone(TalosCluster cluster) {
    clusters.values().remove(cluster);
  }

  /** Every cluster with at least one member, for tests and invariant checks. */
  public synchronized List<TalosCluster> all() {
    return new ArrayList<>(clusters.values());
  }

  /** The cluster {@code node} is a member of. */
  public Optional<TalosCluster> clusterOf(TalosNodeFake node) {
    return all().stream().filter(c -> c.hasMember(node)).findFirst();
  }

  @Override
  public void close() {
    all().forEach(TalosCluster::close);
  }
}
