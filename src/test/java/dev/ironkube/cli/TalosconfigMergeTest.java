package dev.ironkube.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.ironkube.store.IronkubeHome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * `talosconfig --output-file` merges into an existing talosconfig. The layout is talosctl's
 * (siderolabs/talos v1.13.9 pkg/machinery/client/config/config.go: `context`, `contexts` by name).
 */
class TalosconfigMergeTest {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final String DEMO =
      """
      context: demo
      contexts:
          demo:
              endpoints:
                  - 203.0.113.10
              nodes:
                  - 203.0.113.10
              ca: Y2E=
              crt: Y3J0
              key: a2V5
      """;
  private static final String EXISTING =
      """
      context: other
      contexts:
          other:
              endpoints:
                  - 198.51.100.7
              ca: b3RoZXItY2E=
              crt: b3RoZXItY3J0
              key: b3RoZXIta2V5
          demo:
              endpoints:
                  - 192.0.2.99
      """;

  private final CliRun cli = new CliRun();
  private Path target;

  @BeforeEach
  void clusterWithATalosconfig() throws Exception {
    Path source = IronkubeHome.resolve(cli.env, cli.userHome).cluster("demo").talosconfig();
    Files.createDirectories(source.getParent());
    Files.writeString(source, DEMO);
    target = cli.userHome.resolve(".talos").resolve("config");
    Files.createDirectories(target.getParent());
  }

  @AfterEach
  void close() {
    cli.close();
  }

  @Test
  void replacesThisClustersContextKeepsTheOthersAndTheCurrentOne() throws Exception {
    Files.writeString(target, EXISTING);
    CliRun.Result r = cli.run("talosconfig", "demo", "--output-file", target.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode merged = YAML.readTree(target.toFile());
    assertThat(merged.path("context").asText()).isEqualTo("other");
    assertThat(merged.path("contexts").size()).isEqualTo(2);
    assertThat(merged.at("/contexts/other/endpoints/0").asText()).isEqualTo("198.51.100.7");
    assertThat(merged.at("/contexts/other/key").asText()).isEqualTo("b3RoZXIta2V5");
    assertThat(merged.at("/contexts/demo/endpoints/0").asText()).isEqualTo("203.0.113.10");
    assertThat(merged.at("/contexts/demo/crt").asText()).isEqualTo("Y3J0");
    assertThat(Files.getPosixFilePermissions(target))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    assertThat(r.err()).contains("Replaced context demo").contains("current context: other");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void useContextMakesItCurrent() throws Exception {
    Files.writeString(target, EXISTING);
    CliRun.Result r =
        cli.run("talosconfig", "demo", "--output-file", target.toString(), "--use-context");
    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode merged = YAML.readTree(target.toFile());
    assertThat(merged.path("context").asText()).isEqualTo("demo");
    assertThat(merged.at("/contexts/other/endpoints/0").asText()).isEqualTo("198.51.100.7");
  }

  @Test
  void aNewFileGetsTheContextAsCurrent() throws Exception {
    CliRun.Result r = cli.run("talosconfig", "demo", "--output-file", target.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode written = YAML.readTree(target.toFile());
    assertThat(written).isEqualTo(YAML.readTree(DEMO));
    assertThat(Files.getPosixFilePermissions(target))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
  }

  @Test
  void aFileThatIsNotATalosconfigIsLeftAlone() throws Exception {
    Files.writeString(target, "- just\n- a list\n");
    CliRun.Result r = cli.run("talosconfig", "demo", "--output-file", target.toString());
    assertThat(r.exitCode()).isNotZero();
    assertThat(r.err()).contains("is not a talosconfig");
    assertThat(Files.readString(target)).isEqualTo("- just\n- a list\n");
  }
}
