package dev.ironkube.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ironkube.failure.ExitCodes;
import dev.ironkube.sim.Faults;
import dev.ironkube.sim.launch.SimulatedDatacenter;
import dev.ironkube.sim.launch.Simulation;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two runs of one cluster in two real processes: the second is refused before it orders or writes
 * anything, names the holder, and a lock left by a process killed outright is taken over.
 */
class ClusterLockEndToEndTest {
  private final CliRun cli =
      new CliRun(new Faults(5).arm(Faults.Rule.always("latitude.POST /servers", "stuck")));
  private Process child;

  @AfterEach
  void close() throws Exception {
    if (child != null) {
      child.destroyForcibly().waitFor();
    }
    cli.close();
  }

  /** The CLI in a second JVM on the test classpath, pointed at this test's simulator. */
  private Process start(Path log, String... args) throws IOException {
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> cmd = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED"));
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.ironkube.cli.Main"));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().keySet().removeIf(k -> k.startsWith("IRONKUBE_") || k.startsWith("LATITUDE_"));
    pb.environment().putAll(realRun());
    pb.redirectErrorStream(true);
    pb.redirectOutput(log.toFile());
    pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    return pb.start();
  }

  /**
   * A real run's environment (no --simulate) pointed at this test's simulator: the child is one,
   * and so are the runs that then act on the cluster it made, which a --simulate run would refuse.
   */
  private Map<String, String> realRun() {
    SimulatedDatacenter sim = cli.sim;
    return Map.of(
        "HOME", cli.userHome.toString(),
        "IRONKUBE_HOME", cli.home().toString(),
        "LATITUDE_API_URL", sim.latitudeUrl().toString(),
        "LATITUDE_API_KEY", SimulatedDatacenter.LATITUDE_TEST_KEY,
        "IRONKUBE_IMAGE_FACTORY_URL", sim.imageFactoryUrl().toString(),
        "IRONKUBE_PXE_URL", sim.pxeUrl().toString(),
        "IRONKUBE_OPERATOR_CIDRS", "127.0.0.1/32");
  }

  private void await(String what, BooleanSupplier condition, Path log) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline || child != null && !child.isAlive()) {
        throw new AssertionError(what + " did not happen; child log:\n" + Files.readString(log));
      }
      Thread.sleep(100);
    }
  }

  private static boolean says(Path log, String text) {
    try {
      return Files.readString(log).contains(text);
    } catch (IOException e) {
      return false;
    }
  }

  private Path cluster() {
    return cli.home().resolve("clusters/twin");
  }

  private boolean holds(String text) {
    try {
      return Files.readString(cluster().resolve("journal.jsonl")).contains(text);
    } catch (IOException e) {
      return false;
    }
  }

  @Test
  void aSecondProvisionIsRefusedWhileAnotherProcessRunsAndAKilledOnesLockIsTakenOver()
      throws Exception {
    Path log = cli.userHome.resolve("child.log");
    child =
        start(
            log,
            "provision",
            "--yes",
            "--name",
            "twin",
            "--no-platform",
            "--plan",
            "c2-small-x86",
            "--region",
            "CHI");
    await(
        "the child's server order",
        () -> holds("\"type\":\"created\",\"system\":\"latitude\",\"action\":\"create server\""),
        log);
    await(
        "the child's wait for the boot",
        () -> says(log, "to boot Talos: provider says deploying"),
        log);
    // The child waits for a boot that never comes: its secrets bundle is generated meanwhile but
    // written only when the configuration asks for it, so there is none yet, and no refused run
    // may make one.
    assertThat(cluster().resolve("secrets.yaml")).doesNotExist();
    int mutating = cli.sim.requests().mutating().size();

    cli.env.putAll(realRun());
    for (String[] args :
        List.of(
            new String[] {"provision", "--yes", "--name", "twin", "--no-platform"},
            new String[] {"scale", "twin", "--count", "2", "--yes"},
            new String[] {"destroy", "twin", "--yes"})) {
      byte[] journal = Files.readAllBytes(cluster().resolve("journal.jsonl"));
      CliRun.Result r = cli.run(args);
      assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.INVALID_INPUT);
      assertThat(r.err())
          .contains("cluster twin is busy")
          .contains("pid " + child.pid())
          .contains("'provision --name twin'")
          .contains("since 20")
          .doesNotContain("==>");
      assertThat(Files.readAllBytes(cluster().resolve("journal.jsonl")))
          .as("journal untouched by " + args[0])
          .isEqualTo(journal);
    }
    assertThat(cluster().resolve("secrets.yaml")).doesNotExist();
    assertThat(cli.sim.requests().mutating()).as("nothing sent").hasSize(mutating);
    assertThat(cli.sim.latitude().servers()).hasSize(1);
    // Reading needs no lock.
    assertThat(cli.run("status", "twin").exitCode()).isZero();

    child.destroyForcibly().waitFor();
    CliRun.Result d = cli.run("destroy", "twin", "--yes");
    assertThat(d.exitCode()).as(d.err()).isZero();
    assertThat(d.err())
        .contains("took over the lock of cluster twin")
        .contains("pid " + child.pid())
        .contains("that process is gone");
    assertThat(cli.sim.latitude().servers()).isEmpty();
  }

  @Test
  void aSecondProcessIsRefusedWhileThisOneHoldsTheCluster() throws Exception {
    PipedOutputStream answers = new PipedOutputStream();
    PipedInputStream in = new PipedInputStream(answers);
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    CliEnvironment env =
        new CliEnvironment(
            Map.of(),
            cli.userHome,
            in,
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            Clock.systemUTC(),
            true,
            false,
            Signals.NONE,
            Simulation.shared(cli.sim));
    // Interactive, without a plan: the run holds the lock while it waits for the choice.
    CompletableFuture<Integer> first =
        CompletableFuture.supplyAsync(
            () -> Ironkube.run(env, "provision", "--simulate", "--name", "twin"));
    Path log = cli.userHome.resolve("child.log");
    await("the plan question", () -> err.toString(StandardCharsets.UTF_8).contains("]: "), log);

    child = start(log, "provision", "--yes", "--name", "twin", "--plan", "c2-small-x86");
    assertThat(child.waitFor(120, TimeUnit.SECONDS)).isTrue();
    String out = Files.readString(log);
    assertThat(child.exitValue()).as(out).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(out)
        .contains("cluster twin is busy")
        .contains("pid " + ProcessHandle.current().pid())
        .contains("'provision --name twin'");
    assertThat(cli.sim.latitude().servers()).isEmpty();

    answers.close();
    assertThat(first.get(60, TimeUnit.SECONDS)).isNotZero();
    // Released when the run ended: the next one goes through.
    // The first run ended before it owned anything, so it left no cluster behind either.
    CliRun.Result next = cli.run("destroy", "twin", "--simulate", "--yes");
    assertThat(next.exitCode()).as(next.err()).isEqualTo(ExitCodes.NOT_FOUND);
    assertThat(next.err()).contains("no cluster named twin").doesNotContain("took over");
  }
}
