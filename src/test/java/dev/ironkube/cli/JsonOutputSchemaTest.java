package dev.ironkube.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.ironkube.failure.ExitCodes;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every -o json output a script reads matches its published schema (docs/schema/v1), on a real run
 * in the simulator: the report with its endpoints as fields and paths as paths, status (one cluster
 * and the list), health, plans, regions, a destroy and its dry run (wouldDelete, not deleted), and
 * the error object a failing command writes to stdout instead of its result.
 */
class JsonOutputSchemaTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final SchemaRegistry REGISTRY =
      SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
  private static CliRun cli;
  private static JsonNode report;

  @BeforeAll
  static void provision() throws Exception {
    cli = new CliRun();
    CliRun.Result r =
        cli.run(
            "provision",
            "--simulate",
            "--yes",
            "--name",
            "js",
            "--show-argocd-password",
            "-o",
            "json");
    assertThat(r.exitCode()).as(r.err()).isZero();
    report = valid("provision-report", r.out());
    // Asked for, the password is in the data on stdout, and nowhere in the narration.
    String password = report.path("endpoints").path("argoCd").path("password").asText();
    assertThat(password).matches("[0-9A-Za-z]{16}");
    assertThat(r.err()).doesNotContain(password);
  }

  @AfterAll
  static void close() {
    cli.close();
  }

  @Test
  void theReportCarriesEndpointsAsFieldsAndPathsAsPaths() {
    JsonNode e = report.path("endpoints");
    assertThat(e.path("argoCd").path("url").asText()).startsWith("https://");
    assertThat(e.path("argoCd").path("user").asText()).isEqualTo("admin");
    assertThat(e.path("argoCd").path("passwordSecret").path("name").asText())
        .isEqualTo("argocd-initial-admin-secret");
    assertThat(e.path("argoWorkflowsUrl").asText()).startsWith("https://");
    assertThat(e.path("vault").path("url").asText()).startsWith("http://");
    assertThat(e.path("vault").path("tokenSecret").path("key").asText()).isEqualTo("token");
    String kubeconfig = report.path("kubeconfig").asText();
    assertThat(kubeconfig).doesNotStartWith("file:");
    assertThat(Files.isRegularFile(Path.of(kubeconfig))).isTrue();
  }

  @Test
  void readsMatchTheirSchemas() throws Exception {
    JsonNode one = valid("status", cli.run("status", "js", "-o", "json").out());
    assertThat(one.path("resources").get(0).path("system").asText()).isEqualTo("latitude");
    valid("status-list", cli.run("status", "-o", "json").out());
    CliRun.Result health = cli.run("health", "js", "-o", "json");
    assertThat(health.exitCode()).as(health.err()).isZero();
    valid("health", health.out());
    valid("plans", cli.run("plans", "--simulate", "-o", "json").out());
    valid("regions", cli.run("regions", "--simulate", "-o", "json").out());
  }

  @Test
  void aFailureWritesTheErrorObjectAndADryRunSaysWouldDelete() throws Exception {
    CliRun.Result unknown = cli.run("destroy", "nosuch", "--simulate", "--yes", "-o", "json");
    assertThat(unknown.exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
    JsonNode error = valid("error", unknown.out()).path("error");
    assertThat(error.path("exitCode").asInt()).isEqualTo(ExitCodes.NOT_FOUND);
    assertThat(error.path("kind").asText()).isEqualTo("not-found");
    assertThat(error.path("message").asText()).contains("no cluster named nosuch");

    CliRun.Result badFlag = cli.run("status", "--bogus", "-o", "json");
    assertThat(badFlag.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(valid("error", badFlag.out()).path("error").path("kind").asText())
        .isEqualTo("invalid-input");
    assertThat(cli.run("status", "--bogus").out()).as("no JSON unless asked").isEmpty();

    JsonNode planned =
        valid("destroy", cli.run("destroy", "js", "--simulate", "--dry-run", "-o", "json").out());
    assertThat(planned.has("deleted")).isFalse();
    assertThat(planned.path("wouldDelete").toString()).contains("server js-cp-1");
  }

  @Test
  void theSchemasAreStrict() throws Exception {
    // A field the schema does not know, or one missing, fails: a changed shape needs a new version.
    var changed = report.deepCopy();
    ((ObjectNode) changed).put("surprise", 1);
    assertThat(schema("provision-report").validate(changed)).isNotEmpty();
    var missing = report.deepCopy();
    ((ObjectNode) missing).remove("endpoints");
    assertThat(schema("provision-report").validate(missing)).isNotEmpty();
  }

  private static Schema schema(String name) throws Exception {
    return REGISTRY.getSchema(Files.readString(Path.of("docs/schema/v1/" + name + ".schema.json")));
  }

  private static JsonNode valid(String schema, String output) throws Exception {
    JsonNode node = MAPPER.readTree(output);
    assertThat(schema(schema).validate(node)).as(schema + " against\n" + output).isEmpty();
    return node;
  }
}
