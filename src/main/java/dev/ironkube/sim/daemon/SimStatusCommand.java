package dev.ironkube.sim.daemon;

import dev.ironkube.cli.CliEnvironment;
import dev.ironkube.cli.Json;
import dev.ironkube.cli.OutputFormat;
import dev.ironkube.cli.ui.Table;
import dev.ironkube.failure.ExitCodes;
import dev.ironkube.failure.OperationFailedException;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * `ironkube sim status`: whether this home's background simulated datacenter runs, and what for.
 */
@Command(
    name = "status",
    description = {
      "Whether the background simulated datacenter of this ironkube home is running (--simulate"
          + " starts it), its process, endpoints, and the servers and clusters it holds."
    })
final class SimStatusCommand implements Callable<Integer> {
  private final CliEnvironment env;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FORMAT",
      description = "table or json (default: table).")
  OutputFormat format = OutputFormat.table;

  SimStatusCommand(CliEnvironment env) {
    this.env = env;
  }

  /** The JSON shape of {@code sim status -o json}; absent fields are for a stopped datacenter. */
  record Report(
      boolean running,
      Long pid,
      Instant since,
      Double scale,
      String log,
      Map<String, String> endpoints,
      Map<String, String> exports,
      DatacenterState holds) {}

  @Override
  public Integer call() throws Exception {
    SimHome home = SimHome.of(env.env(), env.home());
    Optional<DaemonFile> running = DaemonLauncher.running(home);
    if (running.isEmpty()) {
      if (format == OutputFormat.json) {
        Json.print(env.out(), new Report(false, null, null, null, null, null, null, null));
      } else {
        env.out().println("Simulated datacenter: not running");
        env.err().println("ironkube: `ironkube provision --simulate` starts it in the background");
      }
      return 0;
    }
    DaemonFile f = running.get();
    DatacenterState holds;
    try {
      try (ControlClient control = new ControlClient(f)) {
        holds = control.status();
      }
    } catch (IOException e) {
      throw new OperationFailedException(
          "the simulated datacenter (pid " + f.pid() + ") does not answer",
          "see " + f.log() + "; `ironkube sim stop` stops it",
          ExitCodes.REMOTE_FAILURE,
          e);
    }
    Report r =
        new Report(
            true,
            f.pid(),
            f.since(),
            f.endpoints().scale(),
            f.log(),
            endpoints(f),
            f.exports(),
            holds);
    if (format == OutputFormat.json) {
      Json.print(env.out(), r);
    } else {
      print(env.out(), r);
    }
    return 0;
  }

  private static Map<String, String> endpoints(DaemonFile f) {
    Map<String, String> out = new LinkedHashMap<>();
    var e = f.endpoints();
    out.put("latitude", e.latitude().toString());
    out.put("scaleway", e.scaleway().toString());
    out.put("image-factory", e.imageFactory().toString());
    out.put("pxe", e.pxe().toString());
    out.put("cloudflare", e.cloudflare().toString());
    out.put("infisical", e.infisical().toString());
    out.put("teleport", e.teleportProxy());
    return out;
  }

  private static void print(PrintStream out, Report r) {
    out.println("Simulated datacenter: running (pid " + r.pid() + ", since " + r.since() + ")");
    out.println(
        "  time scale  "
            + BigDecimal.valueOf(r.scale()).stripTrailingZeros().toPlainString()
            + " (IRONKUBE_SIM_SCALE when it started)");
    out.println("  log         " + r.log());
    Table endpoints = new Table("SERVICE", "ENDPOINT");
    r.endpoints().forEach(endpoints::row);
    out.println();
    out.print(endpoints.render());
    out.println();
    out.println("Servers: " + r.holds().servers().size());
    if (!r.holds().servers().isEmpty()) {
      Table servers = new Table("ID", "HOSTNAME", "ADDRESS", "PLAN", "SITE", "STATE");
      r.holds()
          .servers()
          .forEach(
              s -> servers.row(s.id(), s.hostname(), s.address(), s.plan(), s.site(), s.state()));
      out.print(servers.render());
    }
    out.println();
    out.println("Clusters: " + r.holds().clusters().size());
    if (!r.holds().clusters().isEmpty()) {
      Table clusters = new Table("NAME", "CONTROL PLANES", "KUBERNETES API");
      r.holds()
          .clusters()
          .forEach(
              c ->
                  clusters.row(
                      c.name(),
                      String.join(",", c.etcdMembers()),
                      c.kubernetes() ? "serving" : "not started"));
      out.print(clusters.render());
    }
  }
}
