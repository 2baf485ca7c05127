package dev.ironkube.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ironkube.failure.ExitCodes;
import dev.ironkube.sim.launch.SimulatedDatacenter;
import dev.ironkube.time.FastClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The catalogue of bad inputs: each ends with one line naming the problem, a line saying what to
 * do, its documented exit code, no stack trace, and no mutating request sent anywhere.
 */
class BadInputTest {
  private final CliRun cli = new CliRun();

  @AfterEach
  void close() {
    cli.close();
  }

  /**
   * @param document cluster document text, or null for none
   * @param env extra environment as KEY=VALUE pairs
   * @param clockSpeed how many times faster than real time the run's clock goes (1: real time)
   */
  record Case(
      String name,
      String document,
      List<String> env,
      List<String> args,
      int exitCode,
      String mentions,
      int clockSpeed) {
    Case(
        String name,
        String document,
        List<String> env,
        List<String> args,
        int exitCode,
        String mentions) {
      this(name, document, env, args, exitCode, mentions, 1);
    }

    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Arguments> cases() {
    String header = "apiVersion: ironkube.dev/v1alpha1\nkind: Cluster\n";
    List<Case> c = new ArrayList<>();
    c.add(
        new Case(
            "wrong API key",
            null,
            List.of(),
            List.of("provision", "--simulate", "--yes", "--api-key", "lat_wrong"),
            ExitCodes.UNAUTHORIZED,
            "LATITUDE_API_KEY"));
    c.add(
        new Case(
            "wrong API key as flag",
            null,
            List.of(),
            List.of("plans", "--simulate", "--api-key", "nope"),
            ExitCodes.UNAUTHORIZED,
            "API key"));
    c.add(
        new Case(
            "unknown plan",
            null,
            List.of(),
            List.of("provision", "--simulate", "--yes", "--plan", "z9-huge", "--region", "ASH"),
            ExitCodes.INVALID_INPUT,
            "ironkube plans"));
    c.add(
        new Case(
            "unknown region for a plan",
            null,
            List.of(),
            List.of(
                "provision", "--simulate", "--yes", "--plan", "c2-small-x86", "--region", "XXX"),
            ExitCodes.INVALID_INPUT,
            "--region"));
    c.add(
        new Case(
            "plan out of stock at the site",
            null,
            List.of(),
            List.of(
                "provision", "--simulate", "--yes", "--plan", "c2-small-x86", "--region", "ASH"),
            ExitCodes.OUT_OF_STOCK,
            "out of stock"));
    c.add(
        new Case(
            "malformed YAML",
            header + "spec: [unclosed\n",
            List.of(),
            List.of("provision", "--simulate", "--yes"),
            ExitCodes.INVALID_INPUT,
            "not valid YAML"));
    c.add(
        new Case(
            "unknown field with suggestion",
            header + "spec:\n  tlaos:\n    version: v1.11.6\n",
            List.of(),
            List.of("config", "validate"),
            ExitCodes.INVALID_INPUT,
            "spec.tlaos"));
    c.add(
        new Case(
            "wrong apiVersion",
            "apiVersion: v2\nkind: Cluster\n",
            List.of(),
            List.of("config", "validate"),
            ExitCodes.INVALID_INPUT,
            "apiVersion"));
    c.add(
        new Case(
            "wrong kind",
            "apiVersion: ironkube.dev/v1alpha1\nkind: Pod\n",
            List.of(),
            List.of("config", "validate"),
            ExitCodes.INVALID_INPUT,
            "kind"));
    c.add(
        new Case(
            "invalid CIDR",
            header + "spec:\n  network:\n    podSubnet: 10.244.0.0/33\n",
            List.of(),
            List.of("provision", "--simulate", "--yes"),
            ExitCodes.INVALID_INPUT,
            "spec.network.podSubnet"));
    c.add(
        new Case(
            "CIDR with host bits",
            header + "spec:\n  access:\n    operatorCidrs: [203.0.113.7/24]\n",
            List.of(),
            List.of("config", "validate"),
            ExitCodes.INVALID_INPUT,
            "host bits"));
    c.add(
        new Case(
            "invalid cluster name",
            null,
            List.of(),
            List.of("provision", "--simulate", "--yes", "--name", "Bad_Name"),
            ExitCodes.INVALID_INPUT,
            "cluster name"));
    c.add(
        new Case(
            "unsupported Talos version",
            null,
            List.of(),
            List.of("provision", "--simulate", "--yes", "--talos-version", "v1.7.0"),
            ExitCodes.INVALID_INPUT,
            "not supported"));
    c.add(
        new Case(
            "not a Talos version",
            null,
            List.of(),
            List.of("provision", "--simulate", "--yes", "--talos-version", "latest"),
            ExitCodes.INVALID_INPUT,
            "v1.14.6"));
    c.add(
        new Case(
            "Kubernetes outside the chosen Talos release's support matrix",
            "apiVersion: ironkube.dev/v1alpha1\nkind: Cluster\nspec:\n  kubernetes:\n"
                + "    version: 1.37.1\n",
            List.of(),
            List.of("provision", "--simulate", "--yes", "--talos-version", "v1.11.6"),
            ExitCodes.INVALID_INPUT,
            "is not supported by Talos 1.11, which runs Kubernetes 1.29–1.34"));
    c.add(
        new Case(
            "unknown provider",
            null,
            List.of(),
            List.of("plans", "--provider", "hetzner"),
            ExitCodes.INVALID_INPUT,
            "spec.provider"));
    c.add(
        new Case(
            "bad duration",
            header + "spec:\n  waits:\n    providerPollInterval: soon\n",
            List.of(),
            List.of("config", "validate"),
            ExitCodes.INVALID_INPUT,
            "duration"));
    c.add(
        new Case(
            "bad endpoint URL",
            null,
            List.of("LATITUDE_API_URL=ftp://x"),
            List.of("config", "validate"),
            ExitCodes.INVALID_INPUT,
            "spec.endpoints.latitude"));
    c.add(
        new Case(
            "secret in the document",
            header + "secrets:\n  latitude:\n    apiKey: abc\n",
            List.of(),
            List.of("config", "validate"),
            ExitCodes.INVALID_INPUT,
            "unknown field"));
    c.add(
        new Case(
            "missing document file",
            null,
            List.of(),
            List.of("config", "validate", "-f", "/nonexistent/cluster.yaml"),
            ExitCodes.INVALID_INPUT,
            "file not found"));
    c.add(
        new Case(
            "unreachable endpoint",
            null,
            // Only Latitude is unreachable: the other checks are served by the simulator or
            // skipped, not left to the internet (no network here: each would retry for seconds).
            List.of(
                "LATITUDE_API_KEY=x",
                "LATITUDE_API_URL=http://127.0.0.1:9",
                "IRONKUBE_IMAGE_FACTORY_URL=${SIM_FACTORY}",
                "IRONKUBE_OPERATOR_CIDRS=203.0.113.7/32"),
            List.of("provision", "--yes", "--dry-run", "--no-platform"),
            ExitCodes.REMOTE_FAILURE,
            "could not reach Latitude.sh",
            // The refused connection is retried with back-off, about 5 s of real sleep in all;
            // a clock a thousand times fast spends the retries' 3-minute budget after the first
            // back-off, so the run gives up after one retry with the same message.
            1000));
    c.add(
        new Case(
            "missing plan on a non-interactive run",
            null,
            List.of(
                "LATITUDE_API_KEY=${SIM_KEY}",
                "LATITUDE_API_URL=${SIM_URL}",
                "IRONKUBE_IMAGE_FACTORY_URL=${SIM_FACTORY}"),
            List.of("provision", "--yes"),
            ExitCodes.INVALID_INPUT,
            "--plan and --region"));
    c.add(
        new Case(
            "missing API key on a non-interactive run",
            null,
            List.of("LATITUDE_API_URL=${SIM_URL}"),
            List.of("plans"),
            ExitCodes.UNAUTHORIZED,
            "LATITUDE_API_KEY"));
    c.add(
        new Case(
            "unknown option",
            null,
            List.of(),
            List.of("provision", "--colour"),
            ExitCodes.INVALID_INPUT,
            "--help"));
    c.add(
        new Case(
            "destroy without confirmation",
            null,
            List.of(),
            List.of("destroy", "demo", "--simulate"),
            ExitCodes.INVALID_INPUT,
            "--yes"));
    c.add(
        new Case(
            "status of an unknown cluster",
            null,
            List.of(),
            List.of("status", "nosuch"),
            ExitCodes.NOT_FOUND,
            "nosuch"));
    c.add(
        new Case(
            "bad simulation scale",
            null,
            List.of("IRONKUBE_SIM_SCALE=fast"),
            List.of("sim"),
            ExitCodes.INVALID_INPUT,
            "IRONKUBE_SIM_SCALE"));
    c.add(
        new Case(
            "list where a value belongs",
            header + "spec:\n  plan: [a, b]\n",
            List.of(),
            List.of("config", "validate"),
            ExitCodes.INVALID_INPUT,
            "single value"));
    c.add(
        new Case(
            "scaleway without a project",
            null,
            List.of("SCW_SECRET_KEY=x"),
            List.of("plans", "--provider", "scaleway"),
            ExitCodes.INVALID_INPUT,
            "SCW_DEFAULT_PROJECT_ID"));
    c.add(
        new Case(
            "scaleway offer without cloud-init",
            null,
            List.of(),
            List.of(
                "provision",
                "--provider",
                "scaleway",
                "--simulate",
                "--yes",
                "--plan",
                "EM-L110X-SATA",
                "--region",
                "fr-par-2"),
            ExitCodes.INVALID_INPUT,
            "cannot be used"));
    c.add(
        new Case(
            "cluster name too long for hostnames",
            null,
            List.of(),
            List.of("provision", "--simulate", "--yes", "--name", "a-very-long-cluster-name"),
            ExitCodes.INVALID_INPUT,
            "1-20"));
    c.add(
        new Case(
            "kubeconfig of an unknown cluster",
            null,
            List.of(),
            List.of("kubeconfig", "nosuch"),
            ExitCodes.NOT_FOUND,
            "nosuch"));
    c.add(
        new Case(
            "chaos with no runs",
            null,
            List.of(),
            List.of("sim", "chaos", "--runs", "0"),
            ExitCodes.INVALID_INPUT,
            "--runs"));
    c.add(
        new Case(
            "operator address given as a host name",
            null,
            List.of("IRONKUBE_OPERATOR_CIDRS=example.com"),
            List.of("config", "validate"),
            ExitCodes.INVALID_INPUT,
            "not an IP network"));
    return c.stream().map(Arguments::of);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void endsWithOneClearLineAndSendsNothing(Case c) throws IOException {
    List<String> args = new ArrayList<>(c.args());
    if (c.document() != null) {
      Path doc = Files.createTempFile(cli.userHome, "cluster", ".yaml");
      Files.writeString(doc, c.document());
      args.add("-f");
      args.add(doc.toString());
    }
    for (String kv : c.env()) {
      int eq = kv.indexOf('=');
      String value =
          kv.substring(eq + 1)
              .replace("${SIM_URL}", cli.sim.latitudeUrl().toString())
              .replace("${SIM_FACTORY}", cli.sim.imageFactoryUrl().toString())
              .replace("${SIM_KEY}", SimulatedDatacenter.LATITUDE_TEST_KEY);
      cli.env.put(kv.substring(0, eq), value);
    }
    if (c.clockSpeed() != 1) {
      cli.clock = new FastClock(c.clockSpeed());
    }
    CliRun.Result r = cli.run(args.toArray(String[]::new));
    assertThat(r.exitCode()).as(r.err()).isEqualTo(c.exitCode());
    List<String> errorLines = r.err().lines().filter(l -> l.startsWith("ironkube: ")).toList();
    assertThat(errorLines).as(r.err()).hasSize(1);
    assertThat(r.err()).contains(c.mentions()).doesNotContain("\tat ").doesNotContain("Exception");
    assertThat(cli.sim.requests().mutating())
        .as("mutating requests")
        .filteredOn(e -> !e.api().equals("factory"))
        .isEmpty();
    assertThat(r.all()).doesNotContain("lat_wrong").doesNotContain("--api-key nope");
  }
}
