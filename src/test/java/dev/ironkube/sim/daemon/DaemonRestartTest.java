package dev.ironkube.sim.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ironkube.sim.state.DatacenterSnapshot;
import dev.ironkube.sim.state.StateKeeper;
import io.fabric8.kubernetes.api.model.Node;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The background datacenter keeps its state across an orderly stop, as a real account keeps its
 * servers while our tool is not running and a real Talos node keeps its disks through a power
 * cycle: the next datacenter of the home holds the same servers on the same addresses, their Talos
 * nodes answer the kubeconfig written before, and destroy deletes them there. A killed datacenter
 * and every later step of a cluster (kubectl reads, health, re-run, scale, destroy) are covered on
 * the README's quick-start cluster by NewcomerPathTest, so no second cluster is made for them.
 */
class DaemonRestartTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final DaemonCli cli = new DaemonCli();

  @AfterEach
  void close() {
    cli.close();
  }

  @Test
  void aScalewayServerSurvivesAStopAndDestroyDeletesIt() throws Exception {
    DaemonCli.Result first =
        cli.run("provision", "--provider", "scaleway", "--simulate", "--yes", "--no-platform");
    assertThat(first.exitCode()).as(first.all()).isZero();
    List<String> before = cli.servers();
    assertThat(before).hasSize(1);
    String kubeconfig = Files.readString(cli.home().resolve("clusters/demo/kubeconfig"));
    String uid = nodeUid(kubeconfig);
    assertThat(cli.run("sim", "stop").exitCode()).isZero();
    DatacenterSnapshot saved = StateKeeper.read(cli.simHome().state()).orElseThrow();
    assertThat(saved.scaleway().servers()).hasSize(1);
    assertThat(saved.scaleway().servers().get(0).install()).isEqualTo("completed");
    assertThat(saved.configuredMachines()).containsExactly(saved.scaleway().servers().get(0).id());

    DaemonCli.Result restarted = cli.run("regions", "--simulate");
    assertThat(restarted.exitCode()).as(restarted.all()).isZero();
    assertThat(restarted.err()).contains("powered its servers and Talos nodes on again");
    assertThat(cli.servers()).isEqualTo(before);
    // Its Talos node came back from its disks: the kubeconfig written before answers, the same
    // Node (uid) Ready again.
    assertThat(nodeUid(kubeconfig)).isEqualTo(uid);
    // No --provider: the journal says where the servers were ordered.
    DaemonCli.Result destroyed = cli.run("destroy", "demo", "--simulate", "--yes");
    assertThat(destroyed.exitCode()).as(destroyed.all()).isZero();
    // Scaleway answers a deleted server as "deleting" until its deletion step has passed.
    assertThat(cli.run("sim", "stop").exitCode()).isZero();
    assertThat(StateKeeper.read(cli.simHome().state()).orElseThrow().scaleway().servers())
        .isEmpty();
  }

  /** The uid of the cluster's one Node, once it is Ready (moments after a power-on). */
  private static String nodeUid(String kubeconfig) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    List<Node> nodes = KubeReads.read(kubeconfig, k -> k.nodes().list().getItems());
    while (!(nodes.size() == 1 && KubeReads.ready(nodes.get(0))) && System.nanoTime() < deadline) {
      Thread.sleep(100);
      nodes = KubeReads.read(kubeconfig, k -> k.nodes().list().getItems());
    }
    assertThat(nodes).singleElement().matches(KubeReads::ready);
    return nodes.get(0).getMetadata().getUid();
  }
}
