package dev.ironkube.sim.state;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ironkube.sim.Faults;
import dev.ironkube.sim.TimeModel;
import dev.ironkube.sim.cloudflare.CloudflareOptions;
import dev.ironkube.sim.launch.SimulatedDatacenter;
import dev.ironkube.sim.launch.Simulation;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a datacenter keeps comes back in the next one as the API answered it before: DNS records
 * keep their ids, names, contents and creation times (Cloudflare keeps a zone's records while no
 * client is connected; a record's id is stable for its life, as the v4 API's record paths assume).
 */
class StateKeeperTest {
  private static final String ZONE = CloudflareOptions.DEFAULT_ZONE_ID;

  @TempDir Path dir;

  @Test
  void dnsRecordsComeBackAsTheyWereAndResolve() throws Exception {
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    PrintStream narration = new PrintStream(log, true, StandardCharsets.UTF_8);
    List<ObjectNode> before;
    try (SimulatedDatacenter first = Simulation.create(TimeModel.instant(), new Faults(1));
        StateKeeper keeper = StateKeeper.restoreAndKeep(dir, first, narration)) {
      first.cloudflare().seedRecord(ZONE, "A", "argocd.demo.ironkube.test", "127.0.9.9");
      first.cloudflare().seedRecord(ZONE, "TXT", "demo.ironkube.test", "owner=ironkube");
      before = first.cloudflare().records(ZONE);
      first.infisical().putSecret("prod", "/", "ARGOCD_TOKEN", "  kept-value  ");
      first.infisical().addImport("prod", "/apps", "prod", "/");
    }
    Path file = dir.resolve("datacenter.json");
    assertThat(Files.getPosixFilePermissions(file))
        .extracting(Object::toString)
        .containsExactlyInAnyOrder("OWNER_READ", "OWNER_WRITE");
    assertThat(StateKeeper.read(dir).orElseThrow().dnsRecords().get(ZONE)).hasSize(2);

    try (SimulatedDatacenter second = Simulation.create(TimeModel.instant(), new Faults(1));
        StateKeeper keeper = StateKeeper.restoreAndKeep(dir, second, narration)) {
      assertThat(second.cloudflare().records(ZONE)).isEqualTo(before);
      assertThat(second.cloudflare().resolve("argocd.demo.ironkube.test"))
          .containsExactly("127.0.9.9");
      // Infisical keeps the value as it stored it (trimmed), and the folder and its import.
      assertThat(second.infisical().secretValue("prod", "/", "ARGOCD_TOKEN"))
          .isEqualTo("kept-value");
      assertThat(second.infisical().secretNames("prod", "/")).containsExactly("ARGOCD_TOKEN");
      assertThat(second.infisical().snapshot())
          .isEqualTo(StateKeeper.read(dir).orElseThrow().secrets());
    }
    assertThat(log.toString(StandardCharsets.UTF_8)).contains("2 DNS records, 1 secrets");
  }

  @Test
  void aDatacenterWithNothingKeptStartsEmptyAndWritesItsState() {
    try (SimulatedDatacenter dc = Simulation.create(TimeModel.instant(), new Faults(1));
        StateKeeper keeper =
            StateKeeper.restoreAndKeep(
                dir,
                dc,
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))) {
      assertThat(dc.latitude().servers()).isEmpty();
    }
    DatacenterSnapshot empty = StateKeeper.read(dir).orElseThrow();
    assertThat(empty.latitude().servers()).isEmpty();
    assertThat(empty.dnsRecords().get(ZONE)).isEmpty();
    assertThat(empty.configuredMachines()).isEmpty();
  }
}
