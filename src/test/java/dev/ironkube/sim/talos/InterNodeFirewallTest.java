package dev.ironkube.sim.talos;

import static dev.ironkube.sim.talos.MultiNodeClusterTest.eventually;
import static dev.ironkube.sim.talos.MultiNodeClusterTest.service;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ironkube.platform.KubeConnectionProbe;
import dev.ironkube.sim.Faults;
import dev.ironkube.talos.api.EtcdMemberInfo;
import dev.ironkube.talos.api.ServiceStatus;
import dev.ironkube.talos.config.NodeRole;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

/** The paths between nodes depend on the firewall documents each node enforces. */
class InterNodeFirewallTest {
  /** The rendered config of {@code host} without its rule named {@code rule}. */
  static UnaryOperator<String> withoutRule(String host, String rule) {
    return config -> {
      if (!config.contains("hostname: " + host)) {
        return config;
      }
      return Arrays.stream(config.split("\n---\n"))
          .filter(doc -> !doc.contains("name: " + rule + "\n"))
          .collect(Collectors.joining("\n---\n"));
    };
  }

  @Test
  void allowsAnswersPerProtocolAndPort() throws Exception {
    IngressFirewall fw =
        IngressFirewall.of(
            """
            apiVersion: v1alpha1
            kind: NetworkDefaultActionConfig
            ingress: block
            ---
            apiVersion: v1alpha1
            kind: NetworkRuleConfig
            name: etcd
            portSelector:
              ports: ["2379-2380"]
              protocol: tcp
            ingress:
              - subnet: 10.0.0.0/24
            ---
            apiVersion: v1alpha1
            kind: NetworkRuleConfig
            name: vxlan
            portSelector:
              ports: [8472]
              protocol: udp
            ingress:
              - subnet: 10.0.0.0/24
            """
                .getBytes(StandardCharsets.UTF_8));
    InetAddress peer = InetAddress.getByName("10.0.0.7");
    InetAddress stranger = InetAddress.getByName("10.0.1.7");
    assertThat(fw.allows(peer, "tcp", 2380)).isTrue();
    assertThat(fw.allows(stranger, "tcp", 2380)).isFalse();
    assertThat(fw.allows(peer, "udp", 2380)).as("a tcp rule admits no udp").isFalse();
    assertThat(fw.allows(peer, "udp", 8472)).isTrue();
    assertThat(fw.allows(peer, "tcp", 8472)).isFalse();
    assertThat(fw.allows(stranger, "udp", 8472)).isFalse();
  }

  @Test
  void aMissingEtcdRuleKeepsTheJoinerOutUntilItsFirewallIsFixed() throws Exception {
    try (ClusterRig rig =
        new ClusterRig(64, Faults.none()).start(3, 0, withoutRule("cp-2", "ironkube-etcd"))) {
      rig.node("cp-1").admin().bootstrap(ClusterRig.WAIT);
      rig.node("cp-3").admin().awaitHealthy(ClusterRig.CP_SERVICES, ClusterRig.WAIT);

      ServiceStatus etcd = service(rig.node("cp-2").admin(), "etcd");
      assertThat(etcd.state()).isEqualTo("Preparing");
      assertThat(etcd.lastMessage()).contains("etcd join failed");
      assertThat(rig.node("cp-1").admin().etcdMembers())
          .extracting(EtcdMemberInfo::hostname)
          .containsExactly("cp-1", "cp-3");
      assertThat(rig.node("cp-2").fake().kubernetesApi()).isEmpty();

      // The same config with the etcd rule, applied in place: the join goes through.
      String fixed = rig.config("cp-2", rig.subnet + "12", NodeRole.CONTROLPLANE);
      rig.node("cp-2").admin().applyConfiguration(fixed.getBytes(StandardCharsets.UTF_8));
      rig.node("cp-2").admin().awaitHealthy(ClusterRig.CP_SERVICES, ClusterRig.WAIT);
      assertThat(rig.node("cp-1").admin().etcdMembers()).hasSize(3);
      assertThat(eventually(() -> rig.node("cp-2").fake().kubernetesApi(), a -> a.isPresent()))
          .isPresent();
    }
  }

  @Test
  void aWorkerTheControlPlaneDoesNotAdmitOnTheApiNeverRegisters() throws Exception {
    UnaryOperator<String> operatorOnly =
        config ->
            !config.contains("hostname: cp-1")
                ? config
                : Arrays.stream(config.split("\n---\n"))
                    .map(
                        doc ->
                            doc.contains("name: ironkube-kubernetes-api\n")
                                ? doc.replaceAll("(?m)^ *- subnet: 127\\.0\\.65\\.0/24\n", "")
                                : doc)
                    .collect(Collectors.joining("\n---\n"));
    try (ClusterRig rig = new ClusterRig(65, Faults.none()).start(1, 2, operatorOnly)) {
      // The API rule lists the operator (and pods) but not the node network.
      rig.node("cp-1").admin().bootstrap(ClusterRig.WAIT);
      rig.node("cp-1").admin().awaitHealthy(ClusterRig.CP_SERVICES, ClusterRig.WAIT);
      ServiceStatus kubelet = service(rig.node("worker-1").admin(), "kubelet");
      assertThat(kubelet.healthy()).isFalse();
      assertThat(kubelet.lastMessage()).contains(":6443").contains("dropped");
      assertThat(KubeConnectionProbe.readyNodes(rig.kubeconfigVia("cp-1"))).containsExactly("cp-1");
    }
  }

  @Test
  void aWorkerWithoutTrustdNeverServesMutualTls() throws Exception {
    try (ClusterRig rig = new ClusterRig(66, Faults.none())) {
      rig.awaitSecure = false;
      rig.start(1, 1, withoutRule("cp-1", "ironkube-trustd"));
      rig.node("cp-1").admin().awaitSecure(ClusterRig.WAIT);
      Thread.sleep(500);
      assertThat(rig.node("worker-1").fake().mode()).isEqualTo(TalosNodeFake.Mode.REBOOTING);

      String fixed = rig.config("cp-1", rig.subnet + "11", NodeRole.CONTROLPLANE);
      rig.node("cp-1").admin().applyConfiguration(fixed.getBytes(StandardCharsets.UTF_8));
      rig.node("worker-1").admin().awaitSecure(ClusterRig.WAIT);
      assertThat(rig.node("worker-1").fake().mode()).isEqualTo(TalosNodeFake.Mode.CONFIGURED);
    }
  }

  @Test
  void kubeletAndVxlanPathsBreakLogsAndPodReadinessOfTheCutOffNodeOnly() throws Exception {
    UnaryOperator<String> cut =
        c ->
            withoutRule("worker-1", "ironkube-cni-vxlan")
                .apply(withoutRule("worker-1", "ironkube-kubelet").apply(c));
    try (ClusterRig rig = new ClusterRig(67, Faults.none()).start(1, 2, cut)) {
      rig.node("cp-1").admin().bootstrap(ClusterRig.WAIT);
      for (String w : List.of("worker-1", "worker-2")) {
        rig.node(w).admin().awaitHealthy(ClusterRig.WORKER_SERVICES, ClusterRig.WAIT);
      }
      String kubeconfig = rig.kubeconfigVia("cp-1");
      assertThat(eventually(() -> KubeConnectionProbe.readyNodes(kubeconfig), r -> r.size() == 3))
          .as("blocked paths do not make a Node NotReady")
          .hasSize(3);
      KubeConnectionProbe.withClient(
          kubeconfig,
          c -> {
            c.namespaces()
                .resource(
                    new NamespaceBuilder().withNewMetadata().withName("apps").endMetadata().build())
                .create();
            for (int i = 0; i < 3; i++) {
              c.apps()
                  .deployments()
                  .inNamespace("apps")
                  .resource(
                      new DeploymentBuilder()
                          .withNewMetadata()
                          .withName("app-" + i)
                          .endMetadata()
                          .withNewSpec()
                          .withReplicas(1)
                          .withNewTemplate()
                          .withNewMetadata()
                          .addToLabels("app", "app-" + i)
                          .endMetadata()
                          .endTemplate()
                          .endSpec()
                          .build())
                  .create();
            }
            return null;
          });
      List<Pod> pods =
          KubeConnectionProbe.withClient(
              kubeconfig, c -> c.pods().inNamespace("apps").list().getItems());
      assertThat(pods)
          .extracting(p -> p.getSpec().getNodeName())
          .containsExactlyInAnyOrder("cp-1", "worker-1", "worker-2");
      for (Pod pod : pods) {
        String node = pod.getSpec().getNodeName();
        boolean cutOff = node.equals("worker-1");
        assertThat(pod.getStatus().getContainerStatuses().get(0).getReady())
            .as("pod on " + node + " ready")
            .isEqualTo(!cutOff);
        String name = pod.getMetadata().getName();
        if (cutOff) {
          assertThat(
                  Assertions.catchThrowable(
                      () ->
                          KubeConnectionProbe.withClient(
                              kubeconfig,
                              c -> c.pods().inNamespace("apps").withName(name).getLog())))
              .hasMessageContaining("10250");
        } else {
          String log =
              KubeConnectionProbe.withClient(
                  kubeconfig, c -> c.pods().inNamespace("apps").withName(name).getLog());
          assertThat(log).contains(name);
        }
      }
    }
  }
}
