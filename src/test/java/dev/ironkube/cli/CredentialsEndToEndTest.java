package dev.ironkube.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ironkube.sim.Faults;
import dev.ironkube.talos.pki.TalosPem;
import dev.ironkube.talos.talosconfig.Talosconfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Admin credentials that do not expire on the user: commands warn in the last 30 days, and
 * `credentials renew` reissues both certificates from the secrets bundle; the nodes (mTLS against
 * the OS CA, os:admin) and the API server (the cluster CA) accept the new ones at once.
 */
class CredentialsEndToEndTest {
  private CliRun cli;

  @AfterEach
  void close() {
    if (cli != null) {
      cli.close();
    }
  }

  private Path clusterFile(String name) {
    return cli.home().resolve("clusters/cr/" + name);
  }

  private X509Certificate talosCert() {
    return TalosPem.parseCertificate(Talosconfig.read(clusterFile("talosconfig")).certificatePem());
  }

  private static String server(String kubeconfig) {
    var m = java.util.regex.Pattern.compile("server: \"?([^\"\\s]+)").matcher(kubeconfig);
    return m.find() ? m.group(1) : "";
  }

  @Test
  void warnsAMonthAheadAndRenewsFromTheSecrets() throws Exception {
    cli = new CliRun(new Faults(152));
    CliRun.Result p = cli.run("provision", "--simulate", "--yes", "--no-platform", "--name", "cr");
    assertThat(p.exitCode()).as(p.err()).isZero();
    X509Certificate before = talosCert();
    String kubeBefore = Files.readString(clusterFile("kubeconfig"));
    assertThat(cli.run("status", "cr").err()).doesNotContain("warning");

    // Ten days before the end, every command that reads the credentials says so, once each.
    Instant late = before.getNotAfter().toInstant().minus(Duration.ofDays(10));
    cli.clock = Clock.fixed(late, java.time.ZoneOffset.UTC);
    CliRun.Result status = cli.run("status", "cr");
    assertThat(status.err())
        .contains("the admin talosconfig of cluster cr expires in 10 days")
        .contains("the admin kubeconfig of cluster cr expires in")
        .contains("renew it with 'ironkube credentials renew cr'");
    assertThat(cli.run("talosconfig", "cr").err()).contains("expires in 10 days");

    // Renewed now: new certificates from the same CAs, kept endpoints and names, 0600.
    cli.clock = Clock.systemUTC();
    CliRun.Result renew = cli.run("credentials", "renew", "cr");
    assertThat(renew.exitCode()).as(renew.all()).isZero();
    assertThat(renew.err()).contains("Renewed the admin talosconfig and kubeconfig of cluster cr");
    X509Certificate after = talosCert();
    assertThat(after.getSerialNumber()).isNotEqualTo(before.getSerialNumber());
    assertThat(after.getIssuerX500Principal()).isEqualTo(before.getIssuerX500Principal());
    assertThat(after.getNotAfter()).isAfterOrEqualTo(before.getNotAfter());
    String kubeAfter = Files.readString(clusterFile("kubeconfig"));
    // Compared by value, never printed: the files hold private keys.
    assertThat(kubeAfter.equals(kubeBefore)).isFalse();
    assertThat(server(kubeAfter)).isEqualTo(server(kubeBefore)).startsWith("https://");
    for (String f : new String[] {"talosconfig", "kubeconfig"}) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(clusterFile(f))))
          .as(f)
          .isEqualTo("rw-------");
    }
    assertThat(renew.all()).doesNotContain("PRIVATE KEY");

    // The nodes and the API server accept the new identities.
    CliRun.Result health = cli.run("health", "cr", "--wait", "30s");
    assertThat(health.exitCode()).as(health.all()).isZero();

    // Renewed on the late day, nothing is left to warn about.
    cli.clock = Clock.fixed(late, java.time.ZoneOffset.UTC);
    assertThat(cli.run("credentials", "renew", "cr").exitCode()).isZero();
    assertThat(cli.run("status", "cr").err()).doesNotContain("warning");
  }
}
