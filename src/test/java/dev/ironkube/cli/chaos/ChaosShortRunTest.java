package dev.ironkube.cli.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The short chaos run CI affords: one run of each disturbance that matters most, each checked
 * against every invariant. The long campaign is `ironkube sim chaos --runs 200`.
 */
class ChaosShortRunTest {

  @Test
  void everyInvariantHoldsUnderTheMainDisturbances() throws Exception {
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    List<String> scenarios =
        List.of(
            "none",
            "lost-create-response",
            "failed-deployment",
            "ctrl-c",
            "kill-then-resume",
            "kill-then-destroy",
            "talos-apply-drop",
            "provider-429");
    ChaosSummary s =
        new ChaosRunner(42, 0.0005, new PrintStream(log, true, StandardCharsets.UTF_8))
            .run(0, scenarios);
    assertThat(s.runs()).isEqualTo(scenarios.size());
    assertThat(s.violations()).as(log.toString(StandardCharsets.UTF_8)).isZero();
    assertThat(s.outcomes()).containsKey("provisioned");
  }

  @Test
  void theCatalogueKnowsEveryNameItLists() {
    for (String name : Catalogue.names()) {
      assertThat(Catalogue.build(name, new java.util.Random(1)).name()).isEqualTo(name);
    }
  }
}
