package dev.ironkube.sim.daemon;

import dev.ironkube.sim.SimMachine;
import dev.ironkube.sim.launch.SimulatedDatacenter;
import dev.ironkube.sim.talos.TalosCluster;
import dev.ironkube.sim.talos.TalosNodes;
import java.util.List;

/**
 * What a running simulated datacenter holds, as {@code ironkube sim status} shows it: the servers
 * either provider ordered that are not deleted, and the Talos clusters their nodes form.
 */
record DatacenterState(List<Server> servers, List<Cluster> clusters) {
  /** One ordered server, as the hardware sees it. */
  record Server(
      String id, String hostname, String address, String plan, String site, String state) {}

  /**
   * One simulated Talos cluster.
   *
   * @param etcdMembers the control planes' hostnames, in join order
   * @param kubernetes whether its Kubernetes API has started
   */
  record Cluster(String name, List<String> etcdMembers, boolean kubernetes) {}

  static DatacenterState of(SimulatedDatacenter dc) {
    List<Server> servers =
        dc.machines().live().stream()
            .map(
                (SimMachine m) ->
                    new Server(
                        m.id(),
                        m.hostname(),
                        m.address().getHostAddress(),
                        m.plan(),
                        m.site(),
                        state(m.state())))
            .toList();
    List<Cluster> clusters =
        dc.listener(TalosNodes.class).map(n -> n.clusters().all()).orElse(List.of()).stream()
            .map(
                (TalosCluster c) ->
                    new Cluster(c.name(), c.etcdMemberNames(), c.kubernetes().isPresent()))
            .toList();
    return new DatacenterState(servers, clusters);
  }

  /** The hardware's view: ordered and installing, running Talos, or failed. */
  private static String state(SimMachine.State s) {
    return switch (s) {
      case PROVISIONING -> "provisioning";
      case TALOS_MAINTENANCE -> "running-talos";
      case FAILED -> "failed";
      case DELETED -> "deleted";
    };
  }
}
