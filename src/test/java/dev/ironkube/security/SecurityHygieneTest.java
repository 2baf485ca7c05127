package dev.ironkube.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ironkube.settings.Secret;
import dev.ironkube.settings.Settings;
import dev.ironkube.settings.SettingsCatalogue;
import dev.ironkube.settings.Source;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

/**
 * Structural security promises that no single feature test covers: TLS is verified everywhere
 * except the Talos maintenance probe and apply, and settings never print their secrets.
 */
class SecurityHygieneTest {
  private static final Path MAIN = Path.of("src/main/java/dev/ironkube");

  /** Code that could turn certificate verification off. */
  private static final Pattern TRUST_BYPASS =
      Pattern.compile(
          "X509(Extended)?TrustManager|InsecureTrustManagerFactory|HostnameVerifier"
              + "|checkServerTrusted|jdk\\.internal\\.httpclient\\.disableHostnameVerification");

  /**
   * A Talos node in maintenance mode has only a self-signed key: the one place trust-all is due.
   */
  private static final Path ALLOWED = MAIN.resolve("talos/api/TalosTls.java");

  /**
   * The lockdown's check that a port no longer answers: it sends nothing and trusts nothing it
   * receives, it only notes whether a server certificate arrived at all.
   */
  private static final Path REACHABILITY_PROBE = MAIN.resolve("access/PortProbe.java");

  @Test
  void certificateVerificationIsOnlyBypassedForTalosMaintenanceMode() throws IOException {
    List<Path> offenders;
    try (Stream<Path> files = Files.walk(MAIN)) {
      offenders =
          files
              .filter(p -> p.toString().endsWith(".java"))
              // The simulator is the server side: it verifies clients, it dials nothing.
              .filter(p -> !p.startsWith(MAIN.resolve("sim")))
              .filter(p -> !p.equals(ALLOWED) && !p.equals(REACHABILITY_PROBE))
              .filter(p -> TRUST_BYPASS.matcher(read(p)).find())
              .toList();
    }
    assertThat(offenders).as("files that may bypass TLS verification").isEmpty();
    assertThat(read(ALLOWED)).contains("maintenance");
  }

  @Test
  void restClientsUseTheJdkDefaultTrust() throws IOException {
    try (Stream<Path> files = Files.walk(MAIN.resolve("http"))) {
      // The one exception is PlainHttp: clients of plain http:// URIs get a context that refuses
      // every use (PlainHttpTest proves it), so nothing there can weaken a TLS connection.
      assertThat(
              files
                  .filter(p -> p.toString().endsWith(".java"))
                  .filter(p -> !p.getFileName().toString().equals("PlainHttp.java"))
                  .map(SecurityHygieneTest::read))
          .noneMatch(source -> source.contains("sslContext(") || source.contains("SSLContext"));
    }
  }

  @Test
  void settingsNeverPrintTheirSecrets() {
    String key = "lat_live_9f8e7d6c5b4a39281706";
    Settings s =
        Settings.defaults().with(SettingsCatalogue.LATITUDE_API_KEY, key, Source.ENVIRONMENT);
    assertThat(s.toString()).doesNotContain(key).contains("****");
    assertThat(s.masked().get(SettingsCatalogue.LATITUDE_API_KEY).raw()).isEqualTo("****");
    assertThat(s.secret(SettingsCatalogue.LATITUDE_API_KEY)).contains(Secret.of(key));
  }

  @Test
  void secretsCannotBeReadThroughThePublicAccessors() {
    Settings s =
        Settings.defaults().with(SettingsCatalogue.LATITUDE_API_KEY, "x", Source.ENVIRONMENT);
    Assertions.assertThatThrownBy(() -> s.get(SettingsCatalogue.LATITUDE_API_KEY))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("x\"");
  }

  private static String read(Path p) {
    try {
      return Files.readString(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
