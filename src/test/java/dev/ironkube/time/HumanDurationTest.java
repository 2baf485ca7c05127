package dev.ironkube.time;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ironkube.settings.DurationParser;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class HumanDurationTest {
  @Test
  void writesDurationsAsPeopleDoNeverAsIso() {
    assertThat(HumanDuration.format(Duration.ofMinutes(30))).isEqualTo("30m");
    assertThat(HumanDuration.format(Duration.ofSeconds(90))).isEqualTo("1m30s");
    assertThat(HumanDuration.format(Duration.ofSeconds(45))).isEqualTo("45s");
    assertThat(HumanDuration.format(Duration.ofMinutes(90))).isEqualTo("1h30m");
    assertThat(HumanDuration.format(Duration.ofMillis(600))).isEqualTo("600ms");
    assertThat(HumanDuration.format(Duration.ofMillis(1500))).isEqualTo("1s500ms");
    assertThat(HumanDuration.format(Duration.ZERO)).isEqualTo("0s");
  }

  @Test
  void whatItWritesTheSettingsParserReadsBack() {
    for (Duration d :
        new Duration[] {
          Duration.ofMinutes(30),
          Duration.ofSeconds(90),
          Duration.ofMillis(1500),
          Duration.ofHours(26)
        }) {
      assertThat(DurationParser.parse(HumanDuration.format(d))).isEqualTo(d);
    }
  }
}
