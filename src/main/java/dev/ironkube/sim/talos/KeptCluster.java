package dev.ironkube.sim.talos;

import dev.ironkube.sim.kube.KeptObjects;
import java.util.List;

/**
 * One simulated Talos cluster as a datacenter snapshot keeps it: each member node's place in etcd
 * (the membership etcd keeps in its own data, so a member powered on again starts with {@code
 * --initial-cluster-state=existing} and rejoins nothing: siderolabs/talos v1.11.6
 * internal/app/machined/pkg/system/services/etcd.go, argsForControlPlane, data dir not empty) and
 * its Kubernetes state.
 *
 * @param name the cluster name
 * @param seats the member nodes, by machine id
 * @param kubernetes etcd's objects and the workloads' pods; null before the first API server ran
 */
public record KeptCluster(String name, List<Seat> seats, KeptObjects kubernetes) {
  public KeptCluster {
    seats = List.copyOf(seats);
  }

  /**
   * @param machine the machine id of the node
   * @param bootstrapNode whether the cluster was bootstrapped on it
   * @param etcdMember whether it is an etcd member
   * @param etcdId its etcd member id
   * @param joinOrder its place in the member list
   */
  public record Seat(
      String machine, boolean bootstrapNode, boolean etcdMember, long etcdId, int joinOrder) {}
}
