package dev.ironkube.sim.talos;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Takes a {@link TalosCluster}'s etcd membership apart into {@link KeptCluster.Seat}s and puts it
 * back onto the seats of its nodes powered on again. Called under the cluster's lock.
 */
final class ClusterKeeping {
  private ClusterKeeping() {}

  /**
   * The seats of nodes still in the cluster; a node that left (reset, or its machine deleted) is
   * not kept, nor is a stale etcd member it left behind.
   */
  static List<KeptCluster.Seat> seats(
      Map<TalosNodeFake, ClusterSeat> seats, Function<TalosNodeFake, String> machineIds) {
    List<KeptCluster.Seat> kept = new ArrayList<>();
    seats.forEach(
        (node, s) -> {
          String machine = machineIds.apply(node);
          if (!s.gone && machine != null) {
            kept.add(
                new KeptCluster.Seat(
                    machine, s.bootstrapNode, s.etcdMember, s.etcdId, s.joinOrder));
          }
        });
    return kept;
  }

  /**
   * Gives each restored node's seat its former place in etcd. The node is down still: once it
   * boots, the cluster starts its etcd as a reboot does (a member with data starts without joining)
   * and its kubelet registers again.
   *
   * @return the highest join order restored, so later members are numbered after it
   */
  static int restore(
      Collection<KeptCluster.Seat> saved,
      Map<TalosNodeFake, ClusterSeat> seats,
      Map<String, TalosNodeFake> nodes) {
    int joined = 0;
    for (KeptCluster.Seat k : saved) {
      TalosNodeFake node = nodes.get(k.machine());
      ClusterSeat s = node == null ? null : seats.get(node);
      if (s == null) {
        continue;
      }
      s.bootstrapNode = k.bootstrapNode();
      s.etcdMember = k.etcdMember();
      s.etcdId = k.etcdId();
      s.joinOrder = k.joinOrder();
      // Its services turned healthy before the power cycle; the event is not recorded twice.
      s.healthyRecorded = true;
      joined = Math.max(joined, k.joinOrder());
    }
    return joined;
  }
}
