package dev.ironkube.lifecycle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.ironkube.store.ClusterFiles;
import dev.ironkube.talos.pki.TalosPem;
import dev.ironkube.talos.talosconfig.Talosconfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * When a cluster's admin credentials stop working: the talosconfig's and the kubeconfig's client
 * certificates last a year (Talos' admin kubeconfig and talosctl gen's talosconfig alike), and a
 * user finds out only when every call fails. Commands that read them warn a month ahead.
 */
public final class CredentialExpiry {
  /** How far ahead the warning starts. */
  public static final Duration WARN_BEFORE = Duration.ofDays(30);

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  /** One credential file's client certificate and when it ends. */
  public record Credential(String what, String file, Instant notAfter) {}

  private CredentialExpiry() {}

  /** The cluster's admin credentials that exist, with their certificates' ends. */
  public static List<Credential> of(ClusterFiles files) {
    List<Credential> out = new ArrayList<>();
    if (Files.isRegularFile(files.talosconfig())) {
      try {
        Talosconfig tc = Talosconfig.read(files.talosconfig());
        out.add(
            new Credential(
                "talosconfig",
                files.talosconfig().toString(),
                TalosPem.parseCertificate(tc.certificatePem()).getNotAfter().toInstant()));
      } catch (RuntimeException unreadable) {
        // a damaged file is reported by the command that needs it, not here
      }
    }
    kubeconfigNotAfter(files)
        .ifPresent(at -> out.add(new Credential("kubeconfig", files.kubeconfig().toString(), at)));
    return out;
  }

  /**
   * One line per credential with less than {@link #WARN_BEFORE} left (or already expired), naming
   * the command that renews it; empty when all is well.
   */
  public static List<String> warnings(String cluster, ClusterFiles files, Clock clock) {
    Instant now = clock.instant();
    List<String> lines = new ArrayList<>();
    for (Credential c : of(files)) {
      if (c.notAfter().isAfter(now.plus(WARN_BEFORE))) {
        continue;
      }
      long days = Duration.between(now, c.notAfter()).toDays();
      String when =
          c.notAfter().isBefore(now)
              ? "expired on " + c.notAfter()
              : "expires in " + days + " day" + (days == 1 ? "" : "s") + " (" + c.notAfter() + ")";
      lines.add(
          "the admin "
              + c.what()
              + " of cluster "
              + cluster
              + " "
              + when
              + "; renew it with 'ironkube credentials renew "
              + cluster
              + "'");
    }
    return lines;
  }

  private static Optional<Instant> kubeconfigNotAfter(ClusterFiles files) {
    if (!Files.isRegularFile(files.kubeconfig())) {
      return Optional.empty();
    }
    try {
      JsonNode root = YAML.readTree(Files.readString(files.kubeconfig()));
      String data =
          root.path("users").path(0).path("user").path("client-certificate-data").asText();
      String pem = new String(Base64.getDecoder().decode(data), StandardCharsets.UTF_8);
      return Optional.of(TalosPem.parseCertificate(pem).getNotAfter().toInstant());
    } catch (IOException | RuntimeException unreadable) {
      return Optional.empty();
    }
  }
}
