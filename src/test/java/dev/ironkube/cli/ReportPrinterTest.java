package dev.ironkube.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ironkube.cli.ui.DisplayWidth;
import dev.ironkube.workflow.provision.Endpoints;
import dev.ironkube.workflow.provision.ProvisionReport;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The report's box closes on every line and its node columns line up, whatever the names. */
class ReportPrinterTest {
  @Test
  void theBoxAndTheNodeColumnsLineUp() {
    List<ProvisionReport.NodeLine> nodes =
        List.of(
            new ProvisionReport.NodeLine(
                "a-rather-long-cluster-name-cp-1",
                "controlplane",
                "cp",
                "sv_1",
                "10.0.0.1",
                "p",
                "DAL"),
            new ProvisionReport.NodeLine("w-1", "worker", "w", "sv_22", "10.0.0.22", "p", "DAL"));
    ProvisionReport r =
        new ProvisionReport(
            "a-rather-long-cluster-name",
            "latitude",
            "provisioned",
            "sv_1",
            "a-rather-long-cluster-name-cp-1",
            "10.0.0.1",
            "p",
            "DAL",
            new BigDecimal("0.42"),
            "USD",
            "v1.14.6",
            Path.of("/h/talosconfig"),
            Path.of("/h/kubeconfig"),
            null,
            List.of(),
            List.of(),
            List.of(),
            Endpoints.NONE,
            nodes,
            "https://10.0.0.1:6443",
            "why",
            List.of());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    CliEnvironment env =
        new CliEnvironment(
            Map.of(),
            Path.of("."),
            new ByteArrayInputStream(new byte[0]),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            Clock.systemUTC(),
            false,
            false,
            Signals.NONE,
            null);
    ReportPrinter.print(env, r, false, false);
    List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
    List<String> box = lines.stream().filter(l -> l.matches("^[╭│╰].*")).toList();
    assertThat(box).hasSize(3);
    assertThat(box.stream().map(DisplayWidth::of).distinct()).hasSize(1);
    assertThat(box.get(1)).contains("Cluster a-rather-long-cluster-name is ready").endsWith("│");

    int header =
        lines.indexOf(lines.stream().filter(l -> l.contains("HOSTNAME")).findFirst().get());
    List<String> table = lines.subList(header, header + 3);
    int roleColumn = table.get(0).indexOf("ROLE");
    assertThat(table.get(1).indexOf("controlplane")).isEqualTo(roleColumn);
    assertThat(table.get(2).indexOf("worker")).isEqualTo(roleColumn);
    assertThat(table.get(2).indexOf("sv_22")).isEqualTo(table.get(0).indexOf("SERVER"));
  }

  @Test
  void displayWidthCountsColumnsNotCharacters() {
    assertThat(DisplayWidth.of("🎉 ok")).isEqualTo(5);
    assertThat(DisplayWidth.of("⚠️")).isEqualTo(1);
    assertThat(DisplayWidth.of("plain")).isEqualTo(5);
  }
}
