package dev.ironkube.sim.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ironkube.sim.state.DatacenterSnapshot;
import dev.ironkube.sim.state.StateKeeper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The background datacenter keeps its providers' state across a restart, as a real account keeps
 * its servers while our tool is not running: killed or stopped, the next datacenter of the home
 * holds the same servers on the same addresses, and destroy deletes them there.
 */
class DaemonRestartTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final DaemonCli cli = new DaemonCli();

  @AfterEach
  void close() {
    cli.close();
  }

  @Test
  void serversSurviveAKilledAndAStoppedDatacenterAndDestroyDeletesThem() throws Exception {
    DaemonCli.Result first = cli.run("provision", "--simulate", "--yes", "--no-platform");
    assertThat(first.exitCode()).as(first.all()).isZero();
    List<String> before = servers();
    assertThat(before).hasSize(1).allMatch(s -> s.startsWith("demo-cp-1 127."));

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
    // The node had its machine configuration applied: it must not come back in maintenance mode.
    assertThat(saved.configuredMachines()).containsExactly(saved.latitude().servers().get(0).id());

    DaemonCli.Result restarted = cli.run("regions", "--simulate");
    assertThat(restarted.exitCode()).as(restarted.all()).isZero();
    assertThat(restarted.err())
        .contains("starting the simulated datacenter")
        .contains("the simulated cluster demo lived in a simulated datacenter that has stopped")
        .contains("holds their servers, projects and firewalls");
    assertThat(cli.running().orElseThrow().pid()).isNotEqualTo(killed.pid());
    assertThat(servers()).isEqualTo(before);

    // An orderly stop writes it too; the next --simulate command starts from it again.
    assertThat(cli.run("sim", "stop").exitCode()).isZero();
    DaemonCli.Result status = cli.run("status", "-o", "json");
    assertThat(status.exitCode()).as(status.all()).isZero();
    assertThat(status.out()).contains("\"name\" : \"demo\"").contains("\"simulated\" : true");

    DaemonCli.Result destroyed = cli.run("destroy", "demo", "--simulate", "--yes");
    assertThat(destroyed.exitCode()).as(destroyed.all()).isZero();
    assertThat(destroyed.err()).contains("holds their servers, projects and firewalls");
    assertThat(servers()).isEmpty();
    assertThat(cli.run("sim", "stop").exitCode()).isZero();
    DatacenterSnapshot after = StateKeeper.read(cli.simHome().state()).orElseThrow();
    assertThat(after.latitude().servers()).isEmpty();
    assertThat(after.configuredMachines()).isEmpty();

    // Nothing comes back after a destroy: the next datacenter holds no server and names no cluster.
    DaemonCli.Result clean = cli.run("regions", "--simulate");
    assertThat(clean.exitCode()).as(clean.all()).isZero();
    assertThat(clean.err()).doesNotContain("lived in a simulated datacenter");
    assertThat(servers()).isEmpty();
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
