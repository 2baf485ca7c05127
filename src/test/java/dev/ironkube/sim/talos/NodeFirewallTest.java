package dev.ironkube.sim.talos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ironkube.access.Probes;
import dev.ironkube.failure.RemoteServiceException;
import dev.ironkube.talos.api.TalosClient;
import dev.ironkube.talos.testing.SimNodeFixture;
import dev.ironkube.talos.testing.TestPki;
import java.net.InetAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The simulated node enforces its config's ingress firewall per source address: the operator
 * (127.0.0.1), a stranger (127.0.0.3) and the node network (the node's own address) are told apart
 * by binding the probing socket to each.
 */
class NodeFirewallTest {
  private static final Duration WAIT = Duration.ofSeconds(15);

  private static String firewall(String... apidAndApiSources) {
    StringBuilder rules = new StringBuilder();
    for (String cidr : apidAndApiSources) {
      rules.append("  - subnet: ").append(cidr).append('\n');
    }
    return """
        apiVersion: v1alpha1
        kind: NetworkDefaultActionConfig
        ingress: block
        ---
        apiVersion: v1alpha1
        kind: NetworkRuleConfig
        name: apid
        portSelector:
          ports: [50000]
          protocol: tcp
        ingress:
        %s---
        apiVersion: v1alpha1
        kind: NetworkRuleConfig
        name: kubernetes-api
        portSelector:
          ports: ["6440-6449"]
          protocol: tcp
        ingress:
        %s"""
        .formatted(rules, rules);
  }

  private static boolean answers(String from, String host, int port) {
    return Probes.answers(from, host, port);
  }

  private static boolean silent(String from, String host, int port) {
    return Probes.silent(from, host, port);
  }

  @Test
  void maintenanceModeAndAConfigWithoutFirewallDocumentsAreOpenToEveryone() throws Exception {
    try (SimNodeFixture sim = SimNodeFixture.instant()) {
      assertThat(answers("127.0.0.3", sim.ip, sim.node.port())).isTrue();

      sim.maintenanceClient().applyConfiguration(sim.config().yaml());
      sim.adminClient().awaitSecure(WAIT);

      assertThat(sim.node.ingressFirewall()).isEqualTo(IngressFirewall.OPEN);
      assertThat(answers("127.0.0.3", sim.ip, sim.node.port())).isTrue();
    }
  }

  @Test
  void blockModeAdmitsOnlyListedSourcesAndAReapplyTightensTheRulesInPlace() throws Exception {
    try (SimNodeFixture sim = SimNodeFixture.instant()) {
      var bootstrap = sim.config().withDocument(firewall("127.0.0.1/32", sim.ip + "/32"));
      sim.maintenanceClient().applyConfiguration(bootstrap.yaml());
      TalosClient admin = sim.adminClient();
      admin.awaitSecure(WAIT);
      admin.bootstrap(WAIT);
      int api = sim.node.kubernetesApi().orElseThrow().port();

      assertThat(answers("127.0.0.1", sim.ip, sim.node.port())).as("operator, apid").isTrue();
      assertThat(answers("127.0.0.1", sim.ip, api)).as("operator, 6443").isTrue();
      assertThat(silent("127.0.0.3", sim.ip, sim.node.port())).as("stranger, apid").isTrue();
      assertThat(silent("127.0.0.3", sim.ip, api)).as("stranger, 6443").isTrue();

      // The lockdown: the same config without the operator, applied in place over mTLS.
      admin.applyConfiguration(sim.config().withDocument(firewall(sim.ip + "/32")).yaml());

      assertThat(silent("127.0.0.1", sim.ip, sim.node.port())).as("operator, apid").isTrue();
      assertThat(silent("127.0.0.1", sim.ip, api)).as("operator, 6443").isTrue();
      assertThat(answers(sim.ip, sim.ip, sim.node.port())).as("node network, apid").isTrue();
      assertThat(answers(sim.ip, sim.ip, api)).as("node network, 6443").isTrue();
      // A fresh client from the operator is cut off the way a dropped SYN looks to gRPC: the
      // node is unreachable (retryable), not a refused handshake (which would be a wrong CA).
      // Its call gives up after half a second (the fixture's 3 s would all be waited out here).
      try (TalosClient fresh =
          TalosClient.secure(
              sim.ip,
              sim.node.port(),
              TestPki.admin(sim.osCa),
              sim.polling().withCallTimeout(Duration.ofMillis(500)))) {
        assertThatThrownBy(fresh::version).isInstanceOf(RemoteServiceException.Transient.class);
      }
      // Established connections survive, as conntrack keeps them in block mode.
      assertThat(admin.version().tag()).isEqualTo("v1.11.6");
      assertThat(sim.node.mode()).isEqualTo(TalosNodeFake.Mode.CONFIGURED);
    }
  }

  @Test
  void acceptModeRulesOnlyGuardTheirOwnPortsAndExceptCarvesOut() throws Exception {
    IngressFirewall accept =
        IngressFirewall.of(
            """
            apiVersion: v1alpha1
            kind: NetworkRuleConfig
            name: apid
            portSelector:
              ports: [50000]
              protocol: tcp
            ingress:
              - subnet: 127.0.0.0/8
                except: 127.0.0.3/32
            """
                .getBytes());
    InetAddress stranger = InetAddress.getByName("127.0.0.3");
    InetAddress operator = InetAddress.getByName("127.0.0.1");
    assertThat(accept.block()).isFalse();
    assertThat(accept.admitsTcp(operator, 50000)).isTrue();
    assertThat(accept.admitsTcp(stranger, 50000)).isFalse();
    assertThat(accept.admitsTcp(stranger, 6443)).as("no rule: default accept").isTrue();
    assertThat(accept.admitsTcp(InetAddress.getByName("::1"), 50000)).isFalse();
  }
}
