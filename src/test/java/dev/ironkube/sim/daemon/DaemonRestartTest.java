package dev.ironkube.sim.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ironkube.sim.state.DatacenterSnapshot;
import dev.ironkube.sim.state.StateKeeper;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The background datacenter keeps its state across a restart, as a real account keeps its servers
 * while our tool is not running and a real Talos node keeps its disks through a power cycle: killed
 * or stopped, the next datacenter of the home holds the same servers on the same addresses, their
 * Talos nodes answer the talosconfig and the kubeconfig written before, with the same objects, a
 * re-run resumes, scale adds a node, and destroy ends them there. One cluster for every step.
 */
class DaemonRestartTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final DaemonCli cli = new DaemonCli();

  @AfterEach
  void close() {
    cli.close();
  }

  @Test
  void aClusterSurvivesAKilledAndAStoppedDatacenterAndDestroyEndsIt() throws Exception {
    DaemonCli.Result first = cli.run("provision", "--simulate", "--yes", "--no-platform");
    assertThat(first.exitCode()).as(first.all()).isZero();
    List<String> before = servers();
    assertThat(before).hasSize(1).allMatch(s -> s.startsWith("demo-cp-1 127."));
    String kubeconfig = Files.readString(cli.home().resolve("clusters/demo/kubeconfig"));
    Map<String, String> uids = uids(kubeconfig);

    // Killed without a chance to save: what it held was written within the keeper's interval.
    ProcessHandle killed = ProcessHandle.of(cli.running().orElseThrow().pid()).orElseThrow();
    Thread.sleep(1_500);
    killed.destroyForcibly();
    killed.onExit().get(20, TimeUnit.SECONDS);
    Path state = cli.simHome().state().resolve("datacenter.json");
    assertThat(Files.getPosixFilePermissions(state))
        .extracting(Object::toString)
        .containsExactlyInAnyOrder("OWNER_READ", "OWNER_WRITE");
    DatacenterSnapshot saved = StateKeeper.read(cli.simHome().state()).orElseThrow();
    assertThat(saved.latitude().servers()).hasSize(1);
    assertThat(saved.latitude().projects()).isNotEmpty();
    String machine = saved.latitude().servers().get(0).id();
    // The node had its machine configuration applied: it comes back from its disks, not in
    // maintenance mode, bootstrapped, the only member of its cluster's etcd.
    assertThat(saved.configuredMachines()).containsExactly(machine);
    assertThat(saved.talos().nodes()).containsOnlyKeys(machine);
    assertThat(saved.talos().nodes().get(machine).bootstrapped()).isTrue();
    assertThat(saved.talos().clusters())
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.name()).isEqualTo("demo");
              assertThat(c.seats())
                  .singleElement()
                  .satisfies(
                      seat -> {
                        assertThat(seat.machine()).isEqualTo(machine);
                        assertThat(seat.etcdMember()).isTrue();
                      });
              assertThat(c.kubernetes().objects()).isNotEmpty();
            });

    DaemonCli.Result restarted = cli.run("regions", "--simulate");
    assertThat(restarted.exitCode()).as(restarted.all()).isZero();
    assertThat(restarted.err())
        .contains("starting the simulated datacenter")
        .contains("the simulated cluster demo lived in a simulated datacenter that has stopped")
        .contains("powered its servers and Talos nodes on again");
    assertThat(cli.running().orElseThrow().pid()).isNotEqualTo(killed.pid());
    assertThat(servers()).isEqualTo(before);
    // The kubeconfig written before the restart still works: the same cluster CA, the same
    // address, the same objects (their uids), the node Ready again with its role.
    assertThat(uids(kubeconfig)).isEqualTo(uids);
    List<Pod> pods = KubeReads.read(kubeconfig, k -> k.pods().inAnyNamespace().list().getItems());
    assertThat(pods).extracting(p -> p.getMetadata().getNamespace()).contains("kube-system");
    // And the talosconfig: the checks of talosctl health, over apid's mTLS from the same OS CA.
    DaemonCli.Result health = cli.run("health", "demo", "--wait", "30s");
    assertThat(health.exitCode()).as(health.all()).isZero();

    // An orderly stop writes it too; a re-run of provision brings the datacenter back and resumes
    // on the same server, ordering nothing new.
    assertThat(cli.run("sim", "stop").exitCode()).isZero();
    DaemonCli.Result again = cli.run("provision", "--simulate", "--yes", "--no-platform");
    assertThat(again.exitCode()).as(again.all()).isZero();
    assertThat(again.err()).contains("starting the simulated datacenter");
    assertThat(servers()).isEqualTo(before);
    DaemonCli.Result status = cli.run("status", "-o", "json");
    assertThat(status.exitCode()).as(status.all()).isZero();
    assertThat(status.out()).contains("\"name\" : \"demo\"").contains("\"simulated\" : true");

    DaemonCli.Result scaled = cli.run("scale", "demo", "--count", "1", "--simulate", "--yes");
    assertThat(scaled.exitCode()).as(scaled.all()).isZero();
    assertThat(servers()).hasSize(2);
    List<Node> two = KubeReads.read(kubeconfig, k -> k.nodes().list().getItems());
    assertThat(two).extracting(n -> n.getMetadata().getName()).hasSize(2).contains("demo-cp-1");

    DaemonCli.Result destroyed = cli.run("destroy", "demo", "--simulate", "--yes");
    assertThat(destroyed.exitCode()).as(destroyed.all()).isZero();
    assertThat(servers()).isEmpty();
    assertThatThrownBy(() -> KubeReads.read(kubeconfig, k -> k.nodes().list().getItems()))
        .isInstanceOf(KubernetesClientException.class);
    assertThat(cli.run("sim", "stop").exitCode()).isZero();
    DatacenterSnapshot after = StateKeeper.read(cli.simHome().state()).orElseThrow();
    assertThat(after.latitude().servers()).isEmpty();
    assertThat(after.configuredMachines()).isEmpty();
    assertThat(after.talos().nodes()).isEmpty();
    assertThat(after.talos().clusters()).isEmpty();
  }

  /**
   * The uids of the cluster's Nodes and Namespaces read with {@code kubeconfig}, once every Node is
   * Ready and carries a role (kubectl's ROLES column reads node-role.kubernetes.io/ labels); a node
   * powered on again turns Ready within moments at the tests' time scale.
   */
  private static Map<String, String> uids(String kubeconfig) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (true) {
      List<Node> nodes = KubeReads.read(kubeconfig, k -> k.nodes().list().getItems());
      if (!nodes.isEmpty() && nodes.stream().allMatch(KubeReads::ready)
          || System.nanoTime() > deadline) {
        assertThat(nodes).isNotEmpty().allMatch(KubeReads::ready);
        assertThat(nodes)
            .allMatch(
                n ->
                    n.getMetadata()
                        .getLabels()
                        .containsKey("node-role.kubernetes.io/control-plane"));
        Map<String, String> uids = new TreeMap<>();
        nodes.forEach(n -> uids.put("node/" + n.getMetadata().getName(), n.getMetadata().getUid()));
        KubeReads.read(kubeconfig, k -> k.namespaces().list().getItems())
            .forEach(n -> uids.put("ns/" + n.getMetadata().getName(), n.getMetadata().getUid()));
        assertThat(uids).containsKeys("ns/default", "ns/kube-system");
        return uids;
      }
      Thread.sleep(100);
    }
  }

  @Test
  void aScalewayServerSurvivesAStopAndDestroyDeletesIt() throws Exception {
    DaemonCli.Result first =
        cli.run("provision", "--provider", "scaleway", "--simulate", "--yes", "--no-platform");
    assertThat(first.exitCode()).as(first.all()).isZero();
    List<String> before = servers();
    assertThat(before).hasSize(1);
    assertThat(cli.run("sim", "stop").exitCode()).isZero();
    DatacenterSnapshot saved = StateKeeper.read(cli.simHome().state()).orElseThrow();
    assertThat(saved.scaleway().servers()).hasSize(1);
    assertThat(saved.scaleway().servers().get(0).install()).isEqualTo("completed");
    assertThat(saved.configuredMachines()).containsExactly(saved.scaleway().servers().get(0).id());

    assertThat(cli.run("regions", "--simulate").exitCode()).isZero();
    assertThat(servers()).isEqualTo(before);
    // No --provider: the journal says where the servers were ordered.
    DaemonCli.Result destroyed = cli.run("destroy", "demo", "--simulate", "--yes");
    assertThat(destroyed.exitCode()).as(destroyed.all()).isZero();
    // Scaleway answers a deleted server as "deleting" until its deletion step has passed.
    assertThat(cli.run("sim", "stop").exitCode()).isZero();
    assertThat(StateKeeper.read(cli.simHome().state()).orElseThrow().scaleway().servers())
        .isEmpty();
  }

  /** The running datacenter's servers as "hostname address plan site", from sim status. */
  private List<String> servers() throws Exception {
    DaemonCli.Result r = cli.run("sim", "status", "-o", "json");
    assertThat(r.exitCode()).as(r.all()).isZero();
    JsonNode root = JSON.readTree(r.out());
    List<String> out = new ArrayList<>();
    for (JsonNode s : root.path("holds").path("servers")) {
      out.add(
          s.path("hostname").asText()
              + " "
              + s.path("address").asText()
              + " "
              + s.path("plan").asText()
              + " "
              + s.path("site").asText());
    }
    return out;
  }
}
