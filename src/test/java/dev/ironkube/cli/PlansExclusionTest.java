package dev.ironkube.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** `plans --all` lists what `plans` leaves out, each with the reason it is left out. */
class PlansExclusionTest {
  private final CliRun cli = new CliRun();
  private final ObjectMapper json = new ObjectMapper();

  @AfterEach
  void close() {
    cli.close();
  }

  @Test
  void everyOfferPlansLeavesOutCarriesItsReasonInJson() throws Exception {
    Set<String> orderable = new HashSet<>();
    for (JsonNode o : json.readTree(cli.run("plans", "--simulate", "-o", "json").out())) {
      assertThat(o.get("excluded").isNull()).as(o.toString()).isTrue();
      orderable.add(key(o));
    }
    CliRun.Result all = cli.run("plans", "--simulate", "--all", "-o", "json");
    assertThat(all.exitCode()).as(all.err()).isZero();
    int excluded = 0;
    for (JsonNode o : json.readTree(all.out())) {
      assertThat(o.get("plan").asText()).isNotBlank();
      if (orderable.contains(key(o))) {
        assertThat(o.get("excluded").isNull()).as(o.toString()).isTrue();
        continue;
      }
      excluded++;
      String why = o.get("excluded").asText();
      if (!o.get("inStock").asBoolean()) {
        assertThat(why).contains("out of stock at " + o.get("site").asText());
      }
      if (!o.get("note").asText().isEmpty()) {
        assertThat(why).contains(o.get("note").asText());
      }
    }
    // The simulated catalogue has plans out of stock somewhere (c2-small-x86 at ASH, issue #14).
    assertThat(excluded).isPositive();
  }

  @Test
  void theTableHasAnExcludedColumnWithTheReason() {
    CliRun.Result r = cli.run("plans", "--simulate", "--all");
    assertThat(r.exitCode()).as(r.err()).isZero();
    String[] lines = r.out().split("\n");
    assertThat(lines[0]).contains("STOCK").endsWith("EXCLUDED");
    assertThat(lines).anySatisfy(l -> assertThat(l).contains(" no ").contains("out of stock at "));
    assertThat(cli.run("plans", "--simulate").out().split("\n")[0]).doesNotContain("EXCLUDED");
  }

  private static String key(JsonNode o) {
    return o.get("plan").asText() + "@" + o.get("site").asText();
  }
}
