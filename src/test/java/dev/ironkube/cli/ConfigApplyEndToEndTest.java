package dev.ironkube.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.ironkube.platform.KubeConnectionProbe;
import dev.ironkube.settings.TalosReleases;
import dev.ironkube.sim.Faults;
import dev.ironkube.sim.TimeModel;
import dev.ironkube.talos.api.TalosClient;
import dev.ironkube.talos.api.TalosIdentity;
import dev.ironkube.talos.patch.TalosSchemas;
import dev.ironkube.talos.talosconfig.Talosconfig;
import dev.ironkube.talos.testing.Contracts;
import dev.ironkube.workflow.Journal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue #15's patches and apply through the CLI against the simulator: a patch for one pool shows
 * in `diff` for that pool's node only, `apply` puts it on the node without a reboot (Talos 1.14
 * applies every change live), the node then runs it, and `diff` finds nothing left; a patch the
 * Talos schema refuses fails before anything reaches a node.
 */
class ConfigApplyEndToEndTest {
  private CliRun cli;

  @AfterEach
  void close() {
    if (cli != null) {
      cli.close();
    }
  }

  @Test
  void aPoolPatchIsDiffedAppliedLiveToThatPoolThenUnchangedAndABadPatchSendsNothing()
      throws Exception {
    cli = new CliRun(new Faults(15), new TimeModel(CliRun.SCALE));
    CliRun.Result made =
        cli.run(
            "provision", "--simulate", "--yes", "--no-platform", "--name", "ap", "--workers", "1");
    assertThat(made.exitCode()).as(made.err()).isZero();
    cacheSchema();
    Path doc =
        document(
            "    - target: pool/workers\n"
                + "      patch: {machine: {nodeLabels: {tier: batch}, sysctls: {vm.max_map_count:"
                + " \"262144\"}}}\n");

    CliRun.Result diff = cli.run("diff", "ap", "-f", doc.toString(), "--simulate");
    assertThat(diff.exitCode()).as(diff.err()).isZero();
    assertThat(diff.out())
        .contains("ap-workers-1", "would apply", "--- ap-workers-1 (running)")
        .contains("+    tier: batch")
        .doesNotContain("--- ap-cp-1");
    // secrets never reach a diff
    assertThat(diff.out()).doesNotContainPattern("key: LS0t");

    CliRun.Result json = cli.run("diff", "ap", "-f", doc.toString(), "--simulate", "-o", "json");
    JsonNode steps = valid(json.out()).get("steps");
    assertThat(steps.get(0).get("node").asText()).isEqualTo("ap-cp-1");
    assertThat(steps.get(0).get("change").asText()).isEqualTo("unchanged");
    assertThat(steps.get(1).get("change").asText()).isEqualTo("would apply");
    assertThat(steps.get(1).get("rebootNeeded").asBoolean()).isFalse();

    CliRun.Result applied = cli.run("apply", "ap", "-f", doc.toString(), "--simulate");
    assertThat(applied.exitCode()).as(applied.err()).isZero();
    assertThat(applied.out()).contains("applied");
    assertThat(runningConfig("ap-workers-1")).contains("tier: batch", "vm.max_map_count");
    assertThat(runningConfig("ap-cp-1")).doesNotContain("tier: batch");
    // Talos applies machine.nodeLabels to the Node (NodeLabelSpecController): that pool only.
    String kubeconfig = Files.readString(cli.home().resolve("clusters/ap/kubeconfig"));
    KubeConnectionProbe.withClient(
        kubeconfig,
        c -> {
          assertThat(c.nodes().withName("ap-workers-1").get().getMetadata().getLabels())
              .containsEntry("tier", "batch");
          assertThat(c.nodes().withName("ap-cp-1").get().getMetadata().getLabels())
              .doesNotContainKey("tier");
          return null;
        });

    CliRun.Result again = cli.run("apply", "ap", "-f", doc.toString(), "--simulate", "-o", "json");
    for (JsonNode step : valid(again.out()).get("steps")) {
      assertThat(step.get("change").asText()).as(step.toString()).isEqualTo("unchanged");
    }

    // A patch the schema refuses (a typo inside machine.kubelet, which 1.14 deprecates and its
    // schema leaves out, so the oldest release's schema judges it) fails before anything is sent.
    String journalBefore = Files.readString(cli.home().resolve("clusters/ap/journal.jsonl"));
    Path bad = document("    - patch: {machine: {kubelet: {extraArgz: {max-pods: \"150\"}}}}\n");
    CliRun.Result refused = cli.run("apply", "ap", "-f", bad.toString(), "--simulate");
    assertThat(refused.exitCode()).isEqualTo(2);
    assertThat(refused.err())
        .contains(
            "spec.talos.patches[0]", "ap-cp-1", "/machine/kubelet", "unknown field 'extraArgz'");
    String journalAfter = Files.readString(cli.home().resolve("clusters/ap/journal.jsonl"));
    assertThat(journalAfter.substring(journalBefore.length())).doesNotContain("config change");
  }

  @Test
  void aPatchThatFailsRefusesTheProvisionBeforeAnythingIsOrdered() throws Exception {
    cli = new CliRun(new Faults(17), new TimeModel(CliRun.SCALE));
    cacheSchema();
    Path doc = document("    - {target: workers, patch: [{op: remove, path: /machine/nothing}]}\n");
    CliRun.Result refused =
        cli.run(
            "provision",
            "--simulate",
            "--yes",
            "--no-platform",
            "--name",
            "cp",
            "--workers",
            "1",
            "-f",
            doc.toString());
    assertThat(refused.exitCode()).as(refused.err()).isNotZero();
    assertThat(refused.err())
        .contains("Machine-config patches", "spec.talos.patches[0]", "cp-workers-1")
        .contains("operation 0 (remove /machine/nothing)");
    assertThat(cli.home().resolve("clusters/cp/journal.jsonl"))
        .satisfiesAnyOf(
            journal -> assertThat(journal).doesNotExist(),
            journal -> assertThat(Files.readString(journal)).doesNotContain("\"created\""));
  }

  /** The output matches the published shape (docs/schema/v1/config-rollout.schema.json). */
  private static JsonNode valid(String json) throws Exception {
    JsonNode node = new ObjectMapper().readTree(json);
    var schema =
        SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
            .getSchema(Files.readString(Path.of("docs/schema/v1/config-rollout.schema.json")));
    assertThat(schema.validate(node)).as(json).isEmpty();
    return node;
  }

  /**
   * The schemas a real run downloads once per Talos tag (the release's and the oldest supported
   * one's, which still documents the fields later releases deprecate), from the contracts: no
   * network here.
   */
  private void cacheSchema() throws Exception {
    TalosSchemas schemas = new TalosSchemas(cli.home().resolve("cache"), url -> "");
    Path current = schemas.cached(TalosReleases.current().newestPatch());
    Files.createDirectories(current.getParent());
    Files.writeString(current, Contracts.read("schemas/config.schema.v1.14.json"));
    Files.writeString(
        schemas.cached(TalosReleases.ALL.get(0).newestPatch()),
        Contracts.read("schemas/config.schema.v1.11.json"));
  }

  private Path document(String patches) throws Exception {
    Path doc = Files.createTempDirectory("ironkube-doc").resolve("cluster.yaml");
    Files.writeString(
        doc,
        "apiVersion: ironkube.dev/v1alpha1\nkind: Cluster\nspec:\n  talos:\n    patches:\n"
            + patches);
    return doc;
  }

  private String runningConfig(String hostname) throws Exception {
    String cluster = hostname.substring(0, hostname.indexOf('-'));
    Talosconfig tc = Talosconfig.read(cli.home().resolve("clusters/" + cluster + "/talosconfig"));
    String address =
        Journal.open(
                cli.home().resolve("clusters/" + cluster + "/journal.jsonl"),
                Clock.systemUTC(),
                line -> {})
            .value("ipv4 " + hostname)
            .orElseThrow();
    try (TalosClient client =
        TalosClient.secure(
            address, new TalosIdentity(tc.caPem(), tc.certificatePem(), tc.keyPkcs8Pem()))) {
      return new String(client.machineConfig(), StandardCharsets.UTF_8);
    }
  }
}
