package dev.ironkube.sim.talos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ironkube.platform.KubeConnectionProbe;
import dev.ironkube.sim.Faults;
import dev.ironkube.talos.api.EtcdMemberInfo;
import dev.ironkube.talos.api.ServiceStatus;
import dev.ironkube.talos.api.TalosClient;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.grpc.Status;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * A multi-node cluster as the multi-node workflow drives it: configs from one secrets bundle,
 * Bootstrap on the first control plane only, then every node's ServiceList and the Kubernetes API.
 */
class MultiNodeClusterTest {
  static <T> T eventually(Supplier<T> read, Predicate<T> done) {
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    T last = read.get();
    while (!done.test(last) && System.nanoTime() < deadline) {
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      last = read.get();
    }
    return last;
  }

  static ServiceStatus service(TalosClient admin, String id) {
    return admin.serviceList().stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow();
  }

  static Node nodeObject(String kubeconfig, String name) {
    return KubeConnectionProbe.withClient(kubeconfig, c -> c.nodes().withName(name).get());
  }

  @Test
  void threeControlPlanesAndTwoWorkersFormOneClusterServedByEveryControlPlane() throws Exception {
    try (ClusterRig rig = new ClusterRig(61, Faults.none()).start(3, 2)) {
      assertThat(rig.node("cp-1").admin().bootstrap(ClusterRig.WAIT))
          .isEqualTo(TalosClient.BootstrapResult.BOOTSTRAPPED);
      for (ClusterRig.Node node : rig.nodes.values()) {
        boolean cp = node.hostname().startsWith("cp-");
        node.admin()
            .awaitHealthy(
                cp ? ClusterRig.CP_SERVICES : ClusterRig.WORKER_SERVICES, ClusterRig.WAIT);
        List<String> ids = node.admin().serviceList().stream().map(ServiceStatus::id).toList();
        if (!cp) {
          assertThat(ids).as(node.hostname()).doesNotContain("etcd", "trustd");
        }
      }
      assertThat(rig.clusters.all()).hasSize(1);

      List<EtcdMemberInfo> members = rig.node("cp-2").admin().etcdMembers();
      assertThat(members)
          .extracting(EtcdMemberInfo::hostname)
          .containsExactly("cp-1", "cp-2", "cp-3");
      assertThat(members.get(1).peerUrls()).containsExactly("https://" + rig.subnet + "12:2380");
      assertThat(members).extracting(EtcdMemberInfo::id).doesNotHaveDuplicates();

      // Bootstrap again never starts a second etcd; a worker cannot be bootstrapped.
      assertThat(rig.node("cp-2").admin().bootstrap(ClusterRig.WAIT))
          .isEqualTo(TalosClient.BootstrapResult.ALREADY_BOOTSTRAPPED);
      assertThat(rig.node("worker-1").fake().life.bootstrap().getCode())
          .isEqualTo(Status.Code.FAILED_PRECONDITION);

      String viaFirst = rig.kubeconfigVia("cp-1");
      List<String> all = List.of("cp-1", "cp-2", "cp-3", "worker-1", "worker-2");
      assertThat(eventually(() -> KubeConnectionProbe.readyNodes(viaFirst), r -> r.size() == 5))
          .containsExactlyInAnyOrderElementsOf(all);
      assertThat(nodeObject(viaFirst, "cp-3").getMetadata().getLabels())
          .containsKey("node-role.kubernetes.io/control-plane");
      assertThat(nodeObject(viaFirst, "worker-2").getMetadata().getLabels())
          .doesNotContainKey("node-role.kubernetes.io/control-plane");
      assertThat(nodeObject(viaFirst, "worker-2").getStatus().getAddresses().get(0).getAddress())
          .isEqualTo(rig.subnet + "22");

      // One state behind every control plane's API server.
      KubeConnectionProbe.withClient(
          rig.kubeconfigVia("cp-2"),
          c ->
              c.configMaps()
                  .inNamespace("default")
                  .resource(
                      new ConfigMapBuilder()
                          .withNewMetadata()
                          .withName("written-via-cp-2")
                          .endMetadata()
                          .addToData("k", "v")
                          .build())
                  .create());
      for (String cp : List.of("cp-1", "cp-3")) {
        ConfigMap read =
            KubeConnectionProbe.withClient(
                rig.kubeconfigVia(cp),
                c -> c.configMaps().inNamespace("default").withName("written-via-cp-2").get());
        assertThat(read).as(cp).isNotNull();
        assertThat(KubeConnectionProbe.readyNodes(rig.kubeconfigVia(cp))).hasSize(5);
      }

      // A machine deleted at the provider: its Node turns NotReady and stays.
      rig.node("worker-2").fake().close();
      Node gone =
          eventually(
              () -> nodeObject(viaFirst, "worker-2"),
              n -> n.getStatus().getConditions().get(0).getStatus().equals("Unknown"));
      assertThat(gone.getStatus().getConditions().get(0).getReason())
          .isEqualTo("NodeStatusUnknown");
      assertThat(KubeConnectionProbe.readyNodes(viaFirst)).doesNotContain("worker-2").hasSize(4);
    }
  }

  @Test
  void aControlPlaneWhoseEtcdNeverTurnsHealthyNeverJoins() throws Exception {
    Faults faults =
        new Faults(1).arm(Faults.Rule.always("talos.service.etcd@cp-2", "never-healthy"));
    try (ClusterRig rig = new ClusterRig(62, faults).start(3, 0)) {
      rig.node("cp-1").admin().bootstrap(ClusterRig.WAIT);
      rig.node("cp-1").admin().awaitHealthy(ClusterRig.CP_SERVICES, ClusterRig.WAIT);
      rig.node("cp-3").admin().awaitHealthy(ClusterRig.CP_SERVICES, ClusterRig.WAIT);

      ServiceStatus etcd = service(rig.node("cp-2").admin(), "etcd");
      assertThat(etcd.state()).isEqualTo("Running");
      assertThat(etcd.healthy()).isFalse();
      assertThat(rig.node("cp-1").admin().etcdMembers())
          .extracting(EtcdMemberInfo::hostname)
          .containsExactly("cp-1", "cp-3");
      assertThat(rig.node("cp-2").fake().kubernetesApi()).as("no API without etcd").isEmpty();
      // Its kubelet reaches the API through the other control planes (KubePrism): Ready.
      String kubeconfig = rig.kubeconfigVia("cp-1");
      assertThat(eventually(() -> KubeConnectionProbe.readyNodes(kubeconfig), r -> r.size() == 3))
          .contains("cp-2");
    }
  }

  @Test
  void aWorkerWhoseKubeletNeverTurnsHealthyRegistersNotReady() throws Exception {
    Faults faults =
        new Faults(1).arm(Faults.Rule.always("talos.service.kubelet@worker-1", "never-healthy"));
    try (ClusterRig rig = new ClusterRig(63, faults).start(1, 2)) {
      rig.node("cp-1").admin().bootstrap(ClusterRig.WAIT);
      rig.node("worker-2").admin().awaitHealthy(ClusterRig.WORKER_SERVICES, ClusterRig.WAIT);

      assertThat(service(rig.node("worker-1").admin(), "kubelet").healthy()).isFalse();
      String kubeconfig = rig.kubeconfigVia("cp-1");
      Node sick = eventually(() -> nodeObject(kubeconfig, "worker-1"), n -> n != null);
      assertThat(sick.getStatus().getConditions().get(0).getStatus()).isEqualTo("False");
      assertThat(KubeConnectionProbe.readyNodes(kubeconfig))
          .containsExactlyInAnyOrder("cp-1", "worker-2");
    }
  }
}
