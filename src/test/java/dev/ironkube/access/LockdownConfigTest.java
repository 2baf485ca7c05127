package dev.ironkube.access;

import static dev.ironkube.access.LockdownRig.OPERATOR;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.ironkube.sim.talos.IngressFirewall;
import dev.ironkube.talos.config.MachineConfigGenerator;
import dev.ironkube.talos.testing.TestBundles;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * What the lockdown re-applies, and why the policy must be default-block: removing allows under
 * Talos' default accept (rawkode-cloud's lockdown) opens the ports it meant to close.
 */
class LockdownConfigTest {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private static List<JsonNode> documents(String config) throws Exception {
    try (var it = YAML.readerFor(JsonNode.class).<JsonNode>readValues(config)) {
      return it.readAll();
    }
  }

  private static Set<String> subnets(JsonNode rule) {
    List<String> out = new ArrayList<>();
    rule.path("ingress").forEach(i -> out.add(i.path("subnet").asText()));
    return Set.copyOf(out);
  }

  @Test
  void theLockdownConfigDiffersFromTheBootstrapOneOnlyByTheOperatorAllows() throws Exception {
    LockdownRig.input("203.0.113.10"); // validates the input shape outside a node
    var generator = new MachineConfigGenerator(TestBundles.fixed());
    var input = LockdownRig.input("203.0.113.10");
    List<JsonNode> bootstrap = documents(generator.render(LockdownRig.VERSION, input));
    List<JsonNode> locked = documents(generator.renderLockedDown(LockdownRig.VERSION, input));

    assertThat(locked).hasSameSizeAs(bootstrap);
    List<String> changed = new ArrayList<>();
    for (int i = 0; i < bootstrap.size(); i++) {
      JsonNode before = bootstrap.get(i);
      JsonNode after = locked.get(i);
      if (before.equals(after)) {
        continue;
      }
      String name = before.path("name").asText();
      changed.add(name);
      assertThat(before.path("kind").asText()).isEqualTo("NetworkRuleConfig");
      Set<String> removed =
          subnets(before).stream()
              .filter(s -> !subnets(after).contains(s))
              .collect(Collectors.toSet());
      assertThat(removed).as(name).containsExactly(OPERATOR + "/32");
      assertThat(subnets(after)).as(name).isSubsetOf(subnets(before));
      ObjectNode beforeRest = ((ObjectNode) before.deepCopy()).without("ingress");
      ObjectNode afterRest = ((ObjectNode) after.deepCopy()).without("ingress");
      assertThat(afterRest).as(name).isEqualTo(beforeRest);
    }
    assertThat(changed).containsExactly("ironkube-apid", "ironkube-kubernetes-api");
    assertThat(locked.get(1).path("ingress").asText()).isEqualTo("block");
  }

  @Test
  void removingAllowsUnderDefaultAcceptOpensThePortsWhileDefaultBlockClosesThem() throws Exception {
    try (LockdownRig rig = new LockdownRig("127.0.1.203")) {
      String v1alpha1 =
          rig.generator.render(LockdownRig.VERSION, rig.input).split("(?m)^---\\s*$")[0];
      // rawkode-cloud's bootstrap: default accept plus operator-only rules on 50000 and 6443...
      String seedBootstrap =
          v1alpha1 + seedRule("operator-talos-api", 50000) + seedRule("operator-kube-api", 6443);
      // ...and its lockdown: the same config with those rules removed.
      String seedLockdown = v1alpha1;
      InetAddress stranger = InetAddress.getByName("198.51.100.99");

      IngressFirewall before = IngressFirewall.of(seedBootstrap.getBytes(StandardCharsets.UTF_8));
      IngressFirewall after = IngressFirewall.of(seedLockdown.getBytes(StandardCharsets.UTF_8));
      assertThat(before.admitsTcp(stranger, 50000)).as("seed bootstrap, stranger").isFalse();
      assertThat(after.admitsTcp(stranger, 50000)).as("seed lockdown, stranger").isTrue();
      assertThat(after.admitsTcp(stranger, 6443)).as("seed lockdown, stranger").isTrue();

      // Against the node: the seed's lockdown leaves both ports answering from a stranger.
      rig.admin.applyConfiguration(seedLockdown.getBytes(StandardCharsets.UTF_8));
      assertThat(rig.answers("127.0.0.3", rig.node.port())).as("seed: 50000 open").isTrue();
      assertThat(rig.answers("127.0.0.3", rig.kubernetesPort)).as("seed: 6443 open").isTrue();

      // Ours: default block with the operator allows removed closes them to everyone outside.
      rig.admin.applyConfiguration(
          rig.generator
              .renderLockedDown(LockdownRig.VERSION, rig.input)
              .getBytes(StandardCharsets.UTF_8));
      for (String outsider : List.of("127.0.0.3", OPERATOR)) {
        assertThat(rig.silent(outsider, rig.node.port())).as(outsider + ": 50000").isTrue();
        assertThat(rig.silent(outsider, rig.kubernetesPort)).as(outsider + ": 6443").isTrue();
      }
    }
  }

  private static String seedRule(String name, int port) {
    return """
        ---
        apiVersion: v1alpha1
        kind: NetworkRuleConfig
        name: %s
        portSelector:
          ports: [%d]
          protocol: tcp
        ingress:
          - subnet: %s/32
        """
        .formatted(name, port, OPERATOR);
  }
}
