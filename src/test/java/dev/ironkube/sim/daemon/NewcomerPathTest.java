package dev.ironkube.sim.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A newcomer's first minutes, in one home, through the background simulated datacenter that {@code
 * --simulate} starts as a real process: provision, then what kubectl does with the written
 * kubeconfig (through the Kubernetes client, after the command ended), status, a re-run that
 * resumes, scale, destroy (the API stops answering), sim stop. Without the platform, to keep it
 * short: what the platform adds is covered by PlatformEndToEndTest.
 */
class NewcomerPathTest {
  private final DaemonCli cli = new DaemonCli();

  @AfterEach
  void close() {
    cli.close();
  }

  @Test
  void provisionReadWithTheKubeconfigRerunScaleDestroyAndStop() throws Exception {
    DaemonCli.Result first = cli.run("provision", "--simulate", "--yes", "--no-platform");
    assertThat(first.exitCode()).as(first.all()).isZero();
    assertThat(first.err()).contains("simulated datacenter running (pid ");
    DaemonFile daemon = cli.running().orElseThrow();
    assertThat(daemon.pid()).isNotEqualTo(ProcessHandle.current().pid());
    assertThat(Files.getPosixFilePermissions(cli.simHome().daemonFile()))
        .extracting(Object::toString)
        .containsExactlyInAnyOrder("OWNER_READ", "OWNER_WRITE");

    // The command has ended; the cluster it made still answers, as kubectl would find it.
    Path kubeconfig = cli.home().resolve("clusters/demo/kubeconfig");
    DaemonCli.Result printed = cli.run("kubeconfig", "demo");
    assertThat(printed.exitCode()).as(printed.all()).isZero();
    assertThat(printed.out()).isEqualTo(Files.readString(kubeconfig));
    List<Node> nodes = kube(printed.out(), k -> k.nodes().list().getItems());
    assertThat(nodes).hasSize(1);
    assertThat(ready(nodes.get(0))).isTrue();
    // kubectl's ROLES column comes from node-role.kubernetes.io/<role> labels.
    assertThat(nodes.get(0).getMetadata().getLabels())
        .containsKey("node-role.kubernetes.io/control-plane");
    List<Namespace> namespaces = kube(printed.out(), k -> k.namespaces().list().getItems());
    assertThat(namespaces)
        .extracting(n -> n.getMetadata().getName())
        .contains("default", "kube-system");
    List<Pod> pods = kube(printed.out(), k -> k.pods().inAnyNamespace().list().getItems());
    assertThat(pods).extracting(p -> p.getMetadata().getNamespace()).contains("kube-system");

    DaemonCli.Result status = cli.run("status", "-o", "json");
    assertThat(status.exitCode()).as(status.all()).isZero();
    assertThat(status.out()).contains("\"name\" : \"demo\"").contains("\"simulated\" : true");
    DaemonCli.Result held = cli.run("sim", "status", "-o", "json");
    assertThat(held.out()).contains("\"running\" : true").contains("\"hostname\" : \"demo-cp-1\"");

    // A second run finds the servers it ordered and resumes, in the same datacenter.
    DaemonCli.Result again = cli.run("provision", "--simulate", "--yes", "--no-platform");
    assertThat(again.exitCode()).as(again.all()).isZero();
    assertThat(again.err()).doesNotContain("starting the simulated datacenter");
    assertThat(cli.running().orElseThrow().pid()).isEqualTo(daemon.pid());

    DaemonCli.Result scaled = cli.run("scale", "demo", "--count", "1", "--simulate", "--yes");
    assertThat(scaled.exitCode()).as(scaled.all()).isZero();
    List<Node> two = kube(Files.readString(kubeconfig), k -> k.nodes().list().getItems());
    assertThat(two).extracting(n -> n.getMetadata().getName()).hasSize(2).contains("demo-cp-1");

    DaemonCli.Result destroyed = cli.run("destroy", "demo", "--simulate", "--yes");
    assertThat(destroyed.exitCode()).as(destroyed.all()).isZero();
    String config = printed.out();
    assertThatThrownBy(() -> kube(config, k -> k.nodes().list().getItems()))
        .isInstanceOf(KubernetesClientException.class);
    assertThat(cli.run("sim", "status", "-o", "json").out()).contains("\"servers\" : [ ]");

    DaemonCli.Result stopped = cli.run("sim", "stop");
    assertThat(stopped.exitCode()).as(stopped.all()).isZero();
    assertThat(ProcessHandle.of(daemon.pid()).filter(ProcessHandle::isAlive)).isEmpty();
    assertThat(cli.simHome().daemonFile()).doesNotExist();
    DaemonCli.Result none = cli.run("sim", "status");
    assertThat(none.out()).contains("not running");
    assertThat(cli.run("sim", "stop").exitCode()).isZero();
  }

  /** A read through the Kubernetes client, configured from the kubeconfig alone as kubectl is. */
  private static <T> T kube(String kubeconfig, Function<KubernetesClient, T> read) {
    Config config = Config.fromKubeconfig(kubeconfig);
    config.setRequestTimeout(5_000);
    config.setConnectionTimeout(2_000);
    config.setRequestRetryBackoffLimit(0);
    try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build()) {
      return read.apply(client);
    }
  }

  private static boolean ready(Node node) {
    return node.getStatus().getConditions().stream()
        .anyMatch(c -> c.getType().equals("Ready") && c.getStatus().equals("True"));
  }
}
