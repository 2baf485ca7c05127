package dev.ironkube.cli.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The short chaos run CI affords: one run of each disturbance that matters most, the integrations'
 * faults among them, each checked against every invariant. The long campaign is `ironkube sim chaos
 * --runs 200`.
 */
class ChaosShortRunTest {

  @Test
  void everyInvariantHoldsUnderTheMainDisturbances() throws Exception {
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    List<String> scenarios =
        List.of(
            "none", "kill-then-resume", "kill-then-destroy", "dns-lost-create", "ctrl-c@teleport");
    ChaosSummary s =
        new ChaosRunner(42, 0.0005, new PrintStream(log, true, StandardCharsets.UTF_8))
            .run(0, scenarios);
    assertThat(s.runs()).isEqualTo(scenarios.size());
    assertThat(s.violations()).as(log.toString(StandardCharsets.UTF_8)).isZero();
    assertThat(s.outcomes()).containsKey("provisioned");
    assertThat(s.ctrlCByPhase()).containsOnlyKeys("teleport");
    assertThat(s.ctrlCByPhase().get("teleport")).containsOnlyKeys("interrupted");
  }

  @Test
  void theCatalogueKnowsEveryNameItLists() {
    for (String name : Catalogue.names()) {
      Scenario s = Catalogue.build(name, new Random(1));
      if (name.equals(Catalogue.CTRL_C_PHASE)) {
        assertThat(s.name()).startsWith(Catalogue.CTRL_C_AT);
      } else {
        assertThat(s.name()).isEqualTo(name);
      }
    }
  }

  @Test
  void aCtrlCCanBeAimedAtEveryPhaseAndThoseThatNeedTheIntegrationsGetThem() {
    for (String phase : PipelinePhases.ALL) {
      Scenario s = Catalogue.build(Catalogue.CTRL_C_AT + phase, new Random(3));
      assertThat(s.interruptAt()).isEqualTo(phase);
      assertThat(s.disturbance()).isEqualTo(Scenario.Disturbance.CTRL_C_AT);
      assertThat(s.expect().outcomes()).containsExactly("interrupted");
      if (PipelinePhases.needsIntegrations(phase)) {
        assertThat(s.profile().integrations()).as(phase).isTrue();
      }
    }
  }

  @Test
  void everyIntegrationFaultHasAnExpectedOutcome() {
    for (String name : Catalogue.names()) {
      if (name.startsWith("dns-")
          || name.startsWith("infisical-")
          || name.startsWith("teleport-")
          || name.equals("platform-never-ready")) {
        Scenario s = Catalogue.build(name, new Random(5));
        assertThat(s.expect().outcomes()).as(name).isNotEmpty();
        assertThat(s.faults()).as(name).isNotEmpty();
      }
    }
  }

  @Test
  void phaseTitlesAreRecognised() {
    assertThat(PipelinePhases.of("Authenticating with scaleway")).contains("authenticate");
    assertThat(PipelinePhases.of("Storing the cluster's credentials in Infisical"))
        .contains("backup");
    assertThat(PipelinePhases.of("Cleaning up after the failure")).isEmpty();
  }
}
