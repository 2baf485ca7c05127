package dev.ironkube.harness.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

/**
 * The short chaos run CI affords: one run of each disturbance that matters most, an integration's
 * fault among them, each checked against every invariant. A second run beside a running one is
 * ClusterLockEndToEndTest's (a child holding the lock, every command refused with nothing sent and
 * the journal untouched, then the killed holder's lock taken over); the long campaign, `ironkube
 * sim chaos --runs 200`, draws it too.
 */
class ChaosShortRunTest {

  @Test
  void everyInvariantHoldsUnderTheMainDisturbances() throws Exception {
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    // The DNS fault strikes a single node: each locked-down node costs seconds of dropped probes.
    // A cut journal is JournalDamageEndToEndTest's and JournalCutTest's (and the long campaign's).
    // Each run draws from its place in the list: removing one changes what those after it draw.
    // No plain single-node run: the resumed and the DNS runs provision one node and end
    // provisioned, and "none/1+1" is the undisturbed run (two nodes, then a scale-down). Seed 7
    // draws that run without the integrations (a locked-down cluster refuses the scale-down) and
    // both providers among the six.
    List<String> scenarios =
        List.of(
            "kill-then-resume",
            "kill-then-destroy",
            "dns-lost-create/1+0",
            "ctrl-c@teleport",
            "none/1+1");
    ChaosSummary s =
        new ChaosRunner(7, 0.0005, new PrintStream(log, true, StandardCharsets.UTF_8))
            .run(0, scenarios);
    assertThat(s.runs()).isEqualTo(scenarios.size());
    assertThat(s.violations()).as(log.toString(StandardCharsets.UTF_8)).isZero();
    assertThat(s.outcomes()).containsKey("provisioned");
    assertThat(s.ctrlCByPhase()).containsOnlyKeys("teleport");
    assertThat(s.ctrlCByPhase().get("teleport")).containsOnlyKeys("interrupted");
    // The multi-node run: provisioned on 1 CP + 1 worker, then scaled down to no worker.
    assertThat(s.outcomesByTopology().get("1cp+1w")).containsOnlyKeys("provisioned");
    assertThat(s.scaleDowns()).isEqualTo(1);
  }

  @Test
  void aboutAFifthOfDrawnRunsAreSmallMultiNodeClustersReproducibleFromTheSeed() {
    int multi = 0;
    for (int i = 0; i < 1000; i++) {
      Scenario a = Catalogue.build("none", new Random(i));
      Scenario b = Catalogue.build("none", new Random(i));
      assertThat(a.topology()).isEqualTo(b.topology());
      Scenario.Topology t = a.topology();
      if (!t.single()) {
        multi++;
        assertThat(t.nodes()).isBetween(2, 4);
        assertThat(t.flags()).contains("--control-planes", "--workers");
      } else {
        assertThat(t.flags()).isEmpty();
      }
    }
    assertThat(multi).isBetween(170, 270);
  }

  @Test
  void nodeAimedKindsStrikeANodeTheirTopologyHas() {
    for (int seed = 0; seed < 50; seed++) {
      Scenario cp = Catalogue.build(Catalogue.CP_NEVER_JOINS, new Random(seed));
      assertThat(cp.topology().controlPlanes()).isEqualTo(3);
      String cpPoint = cp.faults().get(0).point();
      assertThat(cpPoint).matches("talos\\.service\\.etcd@chaos-cp-[23]");
      Scenario w = Catalogue.build(Catalogue.WORKER_NEVER_READY, new Random(seed));
      assertThat(w.topology().workers()).isPositive();
      String host = w.faults().get(0).point().substring("talos.service.kubelet@".length());
      assertThat(w.topology().workerHosts("chaos")).contains(host);
      assertThat(w.expect().outcomes()).containsAnyOf("failed-cleaned", "kept");
      assertThat(w.expect().mentions()).isEqualTo(host);
    }
    assertThat(Catalogue.build("none/3+1", new Random(1)).topology())
        .isEqualTo(new Scenario.Topology(3, 1));
    assertThat(Catalogue.build("none/3+1", new Random(1)).name()).isEqualTo("none");
    Assertions.assertThatThrownBy(
            () -> Catalogue.build(Catalogue.CP_NEVER_JOINS + "/1+1", new Random(1)))
        .isInstanceOf(IllegalArgumentException.class);
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
        // A fault armed, or the world prepared (someone else's record at the DNS name).
        assertThat(!s.faults().isEmpty() || !s.setup().equals(Scenario.Setup.NONE))
            .as(name)
            .isTrue();
      }
    }
  }

  @Test
  void phaseTitlesAreRecognised() {
    assertThat(PipelinePhases.of("Checking everything before ordering")).contains("preflight");
    assertThat(PipelinePhases.of("Storing the cluster's credentials in Infisical"))
        .contains("backup");
    assertThat(PipelinePhases.of("Cleaning up after the failure")).isEmpty();
  }
}
