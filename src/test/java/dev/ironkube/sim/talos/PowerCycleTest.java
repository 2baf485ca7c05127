package dev.ironkube.sim.talos;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ironkube.sim.Faults;
import dev.ironkube.sim.SimDisk;
import dev.ironkube.sim.SimMachine;
import dev.ironkube.sim.TimeModel;
import dev.ironkube.sim.kube.KubeCluster;
import dev.ironkube.talos.api.EtcdMemberInfo;
import dev.ironkube.talos.api.TalosClient;
import dev.ironkube.talos.config.NodeRole;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * A three-node cluster (two control planes, one worker) through a power cycle of its whole
 * datacenter: what {@link TalosNodes#keep} holds, through the snapshot's JSON, brought back by a
 * new {@link TalosNodes}. What a real node keeps is its disks (siderolabs/talos v1.11.6
 * pkg/machinery/constants/constants.go: the config on STATE, etcd's data on EPHEMERAL); etcd with
 * data starts with {@code initial-cluster-state=existing} and joins nothing (v1.11.6
 * internal/app/machined/pkg/system/services/etcd.go); apid's certificate is made again at boot from
 * the OS CA (v1.11.6 internal/app/machined/pkg/controllers/secrets/api.go). So the same talosconfig
 * identity must work after it (the worker's certificate from a control plane's trustd again), etcd
 * must list the same members with the same ids, and the cluster's objects must be the same ones
 * (uids), every Node Ready again. The kubeconfig's side is NewcomerPathTest's.
 */
class PowerCycleTest {
  private static final ObjectMapper JSON =
      new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  @Test
  void aThreeNodeClusterComesBackWithItsCertificatesEtcdMembersAndObjects() throws Exception {
    TimeModel time = TimeModel.instant();
    ClusterRig rig = new ClusterRig(77, Faults.none()); // configs and identities only
    Map<String, SimMachine> machines = new LinkedHashMap<>();
    for (String name : List.of("cp-1", "cp-2", "worker-1")) {
      String ip = rig.subnet + (name.startsWith("cp-") ? 10 : 20) + name.charAt(name.length() - 1);
      machines.put(
          name,
          new SimMachine(
              "sv_" + name, name, InetAddress.getByName(ip), SimDisk.typical(), "p", "s"));
    }
    byte[] snapshot;
    List<EtcdMemberInfo> members;
    Map<String, String> uids;
    try (TalosNodes first = new TalosNodes(time, Faults.none())) {
      for (var e : machines.entrySet()) {
        String ip = e.getValue().address().getHostAddress();
        first.talosBooted(e.getValue());
        NodeRole role = e.getKey().startsWith("cp-") ? NodeRole.CONTROLPLANE : NodeRole.WORKER;
        try (TalosClient maintenance = TalosClient.maintenance(ip, 50000, rig.polling())) {
          maintenance.applyConfiguration(
              rig.config(e.getKey(), ip, role).getBytes(StandardCharsets.UTF_8));
        }
      }
      try (TalosClient cp1 = admin(rig, machines.get("cp-1"));
          TalosClient cp2 = admin(rig, machines.get("cp-2"));
          TalosClient worker = admin(rig, machines.get("worker-1"))) {
        assertThat(cp1.bootstrap(ClusterRig.WAIT))
            .isEqualTo(TalosClient.BootstrapResult.BOOTSTRAPPED);
        cp2.awaitHealthy(ClusterRig.CP_SERVICES, ClusterRig.WAIT);
        worker.awaitHealthy(ClusterRig.WORKER_SERVICES, ClusterRig.WAIT);
        members = cp2.etcdMembers();
      }
      uids = uids(readyCluster(first));
      snapshot = JSON.writeValueAsBytes(first.keep());
    }
    assertThat(members).extracting(EtcdMemberInfo::hostname).containsExactly("cp-1", "cp-2");
    KeptTalos kept = JSON.readValue(snapshot, KeptTalos.class);
    assertThat(kept.nodes()).containsOnlyKeys("sv_cp-1", "sv_cp-2", "sv_worker-1");
    assertThat(kept.nodes().get("sv_cp-1").bootstrapped()).isTrue();
    assertThat(kept.nodes().get("sv_cp-2").bootstrapped()).isFalse();

    try (TalosNodes second = new TalosNodes(time, Faults.none())) {
      List<String> problems = new ArrayList<>();
      // Workers first on purpose: the worker's apid waits for a control plane's trustd.
      List<SimMachine> silent =
          second.restore(
              kept,
              List.of(machines.get("worker-1"), machines.get("cp-2"), machines.get("cp-1")),
              problems::add);
      assertThat(silent).isEmpty();
      assertThat(problems).isEmpty();
      // The talosconfig identity made before: apid's new certificate chains to the same OS CA.
      try (TalosClient cp1 = admin(rig, machines.get("cp-1"));
          TalosClient cp2 = admin(rig, machines.get("cp-2"));
          TalosClient worker = admin(rig, machines.get("worker-1"))) {
        cp1.awaitHealthy(ClusterRig.CP_SERVICES, ClusterRig.WAIT);
        cp2.awaitHealthy(ClusterRig.CP_SERVICES, ClusterRig.WAIT);
        worker.awaitHealthy(ClusterRig.WORKER_SERVICES, ClusterRig.WAIT);
        assertThat(cp1.etcdMembers()).isEqualTo(members);
        assertThat(cp2.etcdMembers()).isEqualTo(members);
        // Bootstrap again finds etcd's data: AlreadyExists, no second etcd.
        assertThat(cp1.bootstrap(ClusterRig.WAIT))
            .isEqualTo(TalosClient.BootstrapResult.ALREADY_BOOTSTRAPPED);
      }
      assertThat(second.clusters().all()).singleElement();
      KubeCluster kube = readyCluster(second);
      assertThat(kube.nodeNames()).containsExactlyInAnyOrder("cp-1", "cp-2", "worker-1");
      assertThat(uids(kube)).isEqualTo(uids);
    }
  }

  /** The cluster's Kubernetes state once its three Nodes are Ready. */
  private static KubeCluster readyCluster(TalosNodes nodes) {
    KubeCluster kube = nodes.clusters().all().get(0).kubernetes().orElseThrow();
    MultiNodeClusterTest.eventually(
        () -> kube.nodeNames().stream().filter(kube::nodeReady).count(), n -> n == 3);
    assertThat(kube.nodeNames()).hasSize(3).allMatch(kube::nodeReady);
    return kube;
  }

  private static TalosClient admin(ClusterRig rig, SimMachine m) {
    String ip = m.address().getHostAddress();
    TalosClient client = TalosClient.secure(ip, 50000, rig.identity(ip), rig.polling());
    client.awaitSecure(ClusterRig.WAIT);
    return client;
  }

  /** Every object's uid by its store key: the same objects, not look-alikes made again. */
  private static Map<String, String> uids(KubeCluster kube) {
    Map<String, String> out = new TreeMap<>();
    kube.keep().objects().forEach((k, o) -> out.put(k, o.path("metadata").path("uid").asText()));
    assertThat(out).isNotEmpty();
    return out;
  }
}
