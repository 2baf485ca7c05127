package dev.ironkube.sim.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ironkube.sim.state.DatacenterSnapshot;
import dev.ironkube.sim.state.StateKeeper;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A newcomer's first minutes: the README's quick-start lines, read from the README and run as
 * written, in one home, through the background simulated datacenter that {@code --simulate} starts
 * as a real process (kubectl's reads through the Kubernetes client, configured from the exported
 * kubeconfig alone). One cluster for every step, and a killed datacenter in the middle: after the
 * kubectl reads the datacenter is killed without a chance to save, and the README's next lines
 * (status, the re-run that brings it back and resumes, scale, destroy) run against the one started
 * from its kept state, as they would after a reboot of the user's machine.
 */
class NewcomerPathTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final DaemonCli cli = new DaemonCli();
  private String kubeconfig;

  @AfterEach
  void close() {
    cli.close();
  }

  @Test
  void theReadmeQuickStartRunsAsWrittenAcrossAKilledDatacenter() throws Exception {
    List<String> lines = quickStart();
    assertThat(lines).first().isEqualTo("./ironkube provision --simulate --yes");
    boolean killed = false;
    int provisions = 0;
    List<String> before = List.of();
    String factory = "";
    Map<String, String> uids = Map.of();
    for (String line : lines) {
      if (line.startsWith("export KUBECONFIG=")) {
        Path file = cli.userHome.resolve(line.substring("export KUBECONFIG=~/".length()));
        kubeconfig = Files.readString(file);
        // `ironkube kubeconfig` prints the same file.
        assertThat(cli.run("kubeconfig", "demo").out()).isEqualTo(kubeconfig);
        continue;
      }
      if (line.startsWith("kubectl ")) {
        kubectl(line);
        continue;
      }
      if (!killed && line.startsWith("./ironkube status")) {
        // The kubectl lines are done: the datacenter dies without a chance to save.
        before = cli.servers();
        uids = uids();
        factory = imageFactory();
        killAndCheckWhatWasKept(uids);
        killed = true;
      }
      DaemonCli.Result r = ironkube(line);
      String[] args = line.substring("./ironkube ".length()).split(" ");
      switch (args[0] + (args.length > 1 ? " " + args[1] : "")) {
        case "provision --simulate" -> {
          provisions++;
          if (provisions == 1) {
            firstProvision(r);
          } else {
            // The re-run brings the datacenter back from its kept state and resumes on the same
            // server; the old kubeconfig and talosconfig answer (same CAs, objects, uids).
            assertThat(r.err())
                .contains("starting the simulated datacenter")
                .contains("powered its servers and Talos nodes on again");
            assertThat(cli.servers()).isEqualTo(before);
            // Machine configs name the Image Factory's address: it serves where it did.
            assertThat(imageFactory()).isEqualTo(factory);
            assertThat(uids()).isEqualTo(uids);
            DaemonCli.Result health = cli.run("health", "demo", "--wait", "30s");
            assertThat(health.exitCode()).as(health.all()).isZero();
          }
        }
        case "status" -> assertThat(r.out()).contains("demo").contains("simulated");
        case "scale demo" -> {
          assertThat(cli.servers()).hasSize(before.size() + 1);
          assertThat(nodes()).extracting(n -> n.getMetadata().getName()).hasSize(2);
        }
        case "destroy demo" -> {
          assertThatThrownBy(this::nodes).isInstanceOf(KubernetesClientException.class);
          assertThat(cli.servers()).isEmpty();
        }
        case "sim status" ->
            assertThat(r.out())
                .contains("Simulated datacenter: running (pid ")
                .contains("Servers: 0")
                .contains("Clusters: 0");
        case "sim stop" -> {
          assertThat(cli.simHome().daemonFile()).doesNotExist();
          assertThat(cli.run("sim", "status").out()).contains("not running");
        }
        default -> fail("the README's quick start has a line this test does not check: " + line);
      }
    }
    assertThat(killed).as("the README runs status after its kubectl lines").isTrue();
    assertThat(provisions).isEqualTo(2);
    DatacenterSnapshot after = StateKeeper.read(cli.simHome().state()).orElseThrow();
    assertThat(after.latitude().servers()).isEmpty();
    assertThat(after.talos().nodes()).isEmpty();
    assertThat(after.talos().clusters()).isEmpty();
  }

  private void firstProvision(DaemonCli.Result r) throws Exception {
    assertThat(r.err()).contains("simulated datacenter running (pid ");
    DaemonFile daemon = cli.running().orElseThrow();
    assertThat(daemon.pid()).isNotEqualTo(ProcessHandle.current().pid());
    assertThat(Files.getPosixFilePermissions(cli.simHome().daemonFile()))
        .extracting(Object::toString)
        .containsExactlyInAnyOrder("OWNER_READ", "OWNER_WRITE");
    assertThat(cli.servers()).singleElement().asString().startsWith("demo-cp-1 127.");
  }

  private void killAndCheckWhatWasKept(Map<String, String> uids) throws Exception {
    ProcessHandle daemon = ProcessHandle.of(cli.running().orElseThrow().pid()).orElseThrow();
    // What it held is written within the keeper's interval (500 ms): killed once the state on
    // disk holds every Node and Namespace read, as it would be a moment later anyway.
    awaitKept(uids.values());
    daemon.destroyForcibly();
    daemon.onExit().get(20, TimeUnit.SECONDS);
    Path state = cli.simHome().state().resolve("datacenter.json");
    assertThat(Files.getPosixFilePermissions(state))
        .extracting(Object::toString)
        .containsExactlyInAnyOrder("OWNER_READ", "OWNER_WRITE");
    DatacenterSnapshot saved = StateKeeper.read(cli.simHome().state()).orElseThrow();
    String machine = saved.latitude().servers().get(0).id();
    // Configured: it comes back from its disks, bootstrapped, the only member of its etcd.
    assertThat(saved.configuredMachines()).containsExactly(machine);
    assertThat(saved.talos().nodes()).containsOnlyKeys(machine);
    assertThat(saved.talos().nodes().get(machine).bootstrapped()).isTrue();
    assertThat(saved.imageFactoryPort()).isPositive();
    assertThat(saved.talos().clusters())
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.name()).isEqualTo("demo");
              assertThat(c.seats()).singleElement().matches(s -> s.etcdMember());
              assertThat(c.kubernetes().objects()).isNotEmpty();
            });
  }

  /** kubectl's reads of the quick start, through the Kubernetes client. */
  private void kubectl(String line) {
    switch (line) {
      case "kubectl get nodes" -> uids();
      case "kubectl get pods --all-namespaces" -> {
        List<Pod> pods =
            KubeReads.read(kubeconfig, k -> k.pods().inAnyNamespace().list().getItems());
        assertThat(pods).extracting(p -> p.getMetadata().getNamespace()).contains("kube-system");
      }
      case "kubectl get applications -n argocd" -> {
        List<GenericKubernetesResource> apps =
            KubeReads.read(
                kubeconfig,
                k ->
                    k.genericKubernetesResources("argoproj.io/v1alpha1", "Application")
                        .inNamespace("argocd")
                        .list()
                        .getItems());
        assertThat(apps).isNotEmpty();
      }
      default ->
          fail("the README's quick start has a kubectl line this test does not run: " + line);
    }
  }

  private DaemonCli.Result ironkube(String line) {
    assertThat(line).startsWith("./ironkube ");
    DaemonCli.Result r = cli.run(line.substring("./ironkube ".length()).split(" "));
    assertThat(r.exitCode()).as(line + "\n" + r.all()).isZero();
    return r;
  }

  private List<Node> nodes() {
    return KubeReads.read(kubeconfig, k -> k.nodes().list().getItems());
  }

  private void awaitKept(Collection<String> uids) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!keptUids().containsAll(uids) && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
  }

  /** The uids of every Kubernetes object the kept state holds. */
  private Set<String> keptUids() {
    try {
      return StateKeeper.read(cli.simHome().state())
          .map(
              s ->
                  s.talos().clusters().stream()
                      .filter(c -> c.kubernetes() != null)
                      .flatMap(c -> c.kubernetes().objects().values().stream())
                      .map(o -> o.path("metadata").path("uid").asText())
                      .collect(Collectors.toSet()))
          .orElse(Set.of());
    } catch (RuntimeException e) {
      return Set.of(); // read while being replaced: the next look sees it whole
    }
  }

  /**
   * The uids of the Nodes and Namespaces, once every Node is Ready and carries the control-plane
   * role (kubectl's ROLES column reads node-role.kubernetes.io/ labels); a node powered on again
   * turns Ready within moments at the tests' time scale.
   */
  private Map<String, String> uids() {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    List<Node> nodes = nodes();
    while (!(!nodes.isEmpty() && nodes.stream().allMatch(KubeReads::ready))
        && System.nanoTime() < deadline) {
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
      nodes = nodes();
    }
    assertThat(nodes).isNotEmpty().allMatch(KubeReads::ready);
    assertThat(nodes.get(0).getMetadata().getLabels())
        .containsKey("node-role.kubernetes.io/control-plane");
    Map<String, String> uids = new TreeMap<>();
    nodes.forEach(n -> uids.put("node/" + n.getMetadata().getName(), n.getMetadata().getUid()));
    KubeReads.read(kubeconfig, k -> k.namespaces().list().getItems())
        .forEach(n -> uids.put("ns/" + n.getMetadata().getName(), n.getMetadata().getUid()));
    assertThat(uids).containsKeys("ns/default", "ns/kube-system");
    return uids;
  }

  private String imageFactory() throws Exception {
    DaemonCli.Result r = cli.run("sim", "status", "-o", "json");
    String url = JSON.readTree(r.out()).path("endpoints").path("image-factory").asText();
    assertThat(url).as(r.out()).startsWith("http://127.0.0.1:");
    return url;
  }

  /**
   * The README's quick start: the provision line of its first block, then the block after "Then use
   * the cluster it made", comments and blank lines dropped.
   */
  static List<String> quickStart() throws Exception {
    List<String> readme = Files.readAllLines(Path.of("README.md"));
    List<String> out = new ArrayList<>();
    int firstBlock = readme.indexOf("```sh");
    out.add(command(readme.get(firstBlock + 1)));
    int then = -1;
    for (int i = 0; i < readme.size(); i++) {
      if (readme.get(i).startsWith("Then use the cluster it made")) {
        then = i;
        break;
      }
    }
    assertThat(then).as("README: 'Then use the cluster it made'").isPositive();
    int open = readme.subList(then, readme.size()).indexOf("```sh") + then;
    for (String line : readme.subList(open + 1, readme.size())) {
      if (line.equals("```")) {
        break;
      }
      if (!command(line).isEmpty()) {
        out.add(command(line));
      }
    }
    return out;
  }

  private static String command(String line) {
    int comment = line.indexOf(" #");
    String bare = (comment < 0 ? line : line.substring(0, comment)).strip();
    return String.join(" ", Arrays.stream(bare.split("\\s+")).toList());
  }
}
