package dev.ironkube.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CatalogueCommandsTest {
  private final CliRun cli = new CliRun();
  private final ObjectMapper json = new ObjectMapper();

  @AfterEach
  void close() {
    cli.close();
  }

  @Test
  void plansTableListsInStockOffersCheapestFirst() {
    CliRun.Result r = cli.run("plans", "--simulate");
    assertThat(r.exitCode()).as(r.err()).isZero();
    String[] lines = r.out().split("\n");
    assertThat(lines[0]).startsWith("PLAN").contains("PRICE").contains("SITE");
    assertThat(lines.length).isGreaterThan(3);
    double previous = 0;
    for (int i = 1; i < lines.length; i++) {
      String price = lines[i].replaceAll(".*\\$([0-9.]+)/h.*", "$1");
      double p = Double.parseDouble(price);
      assertThat(p).isGreaterThanOrEqualTo(previous);
      previous = p;
    }
  }

  @Test
  void plansJsonIsParseableAndOnlyInStock() throws Exception {
    CliRun.Result r = cli.run("plans", "--simulate", "-o", "json");
    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode offers = json.readTree(r.out());
    assertThat(offers.isArray()).isTrue();
    assertThat(offers.size()).isPositive();
    for (JsonNode o : offers) {
      assertThat(o.get("inStock").asBoolean()).isTrue();
      assertThat(o.get("hourlyPrice").decimalValue()).isPositive();
      assertThat(o.get("site").asText()).isNotBlank();
    }
  }

  @Test
  void regionsReadsEveryPage() throws Exception {
    CliRun.Result table = cli.run("regions", "--simulate");
    assertThat(table.exitCode()).as(table.err()).isZero();
    assertThat(table.out()).startsWith("SITE").contains("DAL").contains("LAX");
    JsonNode regions = json.readTree(cli.run("regions", "--simulate", "-o", "json").out());
    // The first page holds 20 sites; the rest only arrive when the client pages on.
    assertThat(regions.size()).isGreaterThan(20);
  }

  /**
   * A read ends its HTTP clients with it: a selector thread left waiting in native code holds the
   * JVM's exit back by 300 ms (HotSpot's VM_Exit waits that long for threads in native), which was
   * a third of {@code plans}' wall time.
   */
  @Test
  void readsLeaveNoHttpClientThreadBehind() throws Exception {
    assertThat(cli.run("plans", "--simulate").exitCode()).isZero(); // the datacenter is up now
    Set<Thread> before = httpClientThreads();
    assertThat(cli.run("plans", "--simulate").exitCode()).isZero();
    assertThat(cli.run("regions", "--simulate").exitCode()).isZero();
    Set<Thread> left = httpClientThreads();
    left.removeAll(before);
    for (Thread t : left) {
      t.join(1000);
    }
    assertThat(left.stream().filter(Thread::isAlive).map(Thread::getName)).isEmpty();
  }

  private static Set<Thread> httpClientThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().startsWith("HttpClient-"))
        .collect(Collectors.toSet());
  }

  @Test
  void helpTeachesWithExamplesAndVersionPrints() {
    CliRun.Result help = cli.run("provision", "--help");
    assertThat(help.exitCode()).isZero();
    assertThat(help.out()).contains("--dry-run").contains("Examples:").contains("--simulate");
    CliRun.Result version = cli.run("--version");
    assertThat(version.exitCode()).isZero();
    assertThat(version.out()).startsWith("ironkube ");
  }
}
