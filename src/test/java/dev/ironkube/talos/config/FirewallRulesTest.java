package dev.ironkube.talos.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ironkube.talos.testing.TestBundles;
import dev.ironkube.talos.yaml.TalosYaml;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FirewallRulesTest {
  private static final String OPERATOR = "198.51.100.7/32";
  private static final String NODES = "10.0.0.0/24";
  private static final String SELF = "203.0.113.10/32";
  private static final String PODS = "10.244.0.0/16";

  @Test
  void controlPlaneDuringBootstrap() {
    Map<String, Rule> rules = rules(Inputs.of(NodeRole.CONTROLPLANE, true));
    assertThat(rules.keySet())
        .containsExactly(
            "ironkube-apid",
            "ironkube-trustd",
            "ironkube-kubernetes-api",
            "ironkube-etcd",
            "ironkube-kubelet",
            "ironkube-cni-vxlan");
    assertThat(rules.get("ironkube-apid"))
        .isEqualTo(new Rule("tcp", "50000", List.of(NODES, SELF, OPERATOR)));
    assertThat(rules.get("ironkube-trustd"))
        .isEqualTo(new Rule("tcp", "50001", List.of(NODES, SELF)));
    assertThat(rules.get("ironkube-kubernetes-api"))
        .isEqualTo(new Rule("tcp", "6443", List.of(PODS, NODES, SELF, OPERATOR)));
    assertThat(rules.get("ironkube-etcd"))
        .isEqualTo(new Rule("tcp", "2379-2380", List.of(NODES, SELF)));
    assertThat(rules.get("ironkube-kubelet"))
        .isEqualTo(new Rule("tcp", "10250", List.of(NODES, SELF, PODS)));
    assertThat(rules.get("ironkube-cni-vxlan"))
        .isEqualTo(new Rule("udp", "8472", List.of(NODES, SELF)));
  }

  @Test
  void lockdownRemovesOnlyTheOperator() {
    Map<String, Rule> bootstrap = rules(Inputs.of(NodeRole.CONTROLPLANE, true));
    Map<String, Rule> locked = rules(Inputs.of(NodeRole.CONTROLPLANE, true).lockedDown());
    assertThat(locked.keySet()).isEqualTo(bootstrap.keySet());
    locked.forEach(
        (name, rule) -> {
          assertThat(rule.sources()).doesNotContain(OPERATOR);
          List<String> expected = new ArrayList<>(bootstrap.get(name).sources());
          expected.remove(OPERATOR);
          assertThat(rule.sources()).as(name).isEqualTo(expected);
        });
  }

  @Test
  void workersOpenNoControlPlanePorts() {
    Map<String, Rule> rules = rules(Inputs.of(NodeRole.WORKER, true));
    assertThat(rules.keySet())
        .containsExactly("ironkube-apid", "ironkube-kubelet", "ironkube-cni-vxlan");
  }

  @Test
  void defaultActionIsBlockAndComesFirstAfterTheMachineDocuments() {
    String yaml =
        new MachineConfigGenerator(TestBundles.fixed())
            .render(TalosVersion.V1_11, Inputs.of(NodeRole.CONTROLPLANE, true));
    List<JsonNode> documents = TalosYaml.readDocuments(yaml);
    assertThat(documents.get(1).path("kind").asText()).isEqualTo("NetworkDefaultActionConfig");
    assertThat(documents.get(1).path("ingress").asText()).isEqualTo("block");
  }

  @Test
  void singleNodeWithoutNodeNetworkStillReachesItself() {
    MachineConfigInput input =
        MachineConfigInput.builder()
            .clusterName("solo")
            .endpoint("https://203.0.113.10:6443")
            .certSans(List.of("203.0.113.10"))
            .installDisk("/dev/nvme0n1")
            .installerImage("ghcr.io/siderolabs/installer:v1.11.6")
            .firewall(FirewallPolicy.bootstrap(List.of(OPERATOR), List.of()).lockedDown())
            .build();
    Map<String, Rule> rules = rules(input);
    assertThat(rules.get("ironkube-kubernetes-api").sources()).containsExactly(PODS, SELF);
    assertThat(rules.get("ironkube-apid").sources()).containsExactly(SELF);
  }

  private record Rule(String protocol, String ports, List<String> sources) {}

  private static Map<String, Rule> rules(MachineConfigInput input) {
    Map<String, Rule> out = new LinkedHashMap<>();
    for (var document :
        new MachineConfigGenerator(TestBundles.fixed()).documents(TalosVersion.V1_12, input)) {
      if ("NetworkRuleConfig".equals(document.get("kind"))) {
        JsonNode node = TalosYaml.mapper().valueToTree(document);
        List<String> ports = new ArrayList<>();
        node.path("portSelector").path("ports").forEach(p -> ports.add(p.asText()));
        List<String> sources = new ArrayList<>();
        node.path("ingress").forEach(i -> sources.add(i.path("subnet").asText()));
        out.put(
            node.path("name").asText(),
            new Rule(
                node.path("portSelector").path("protocol").asText(),
                String.join(",", ports),
                sources));
      }
    }
    return out;
  }
}
