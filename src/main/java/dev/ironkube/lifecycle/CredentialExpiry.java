package dev.ironkube.lifecycle;

import dev.ironkube.store.ClusterFiles;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
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

  /** One credential file's client certificate and when it ends. */
  public record Credential(String what, String file, Instant notAfter) {}

  private CredentialExpiry() {}

  /** The cluster's admin credentials that exist, with their certificates' ends. */
  public static List<Credential> of(ClusterFiles files) {
    List<Credential> out = new ArrayList<>();
    notAfter(files.talosconfig(), "crt")
        .ifPresent(
            at -> out.add(new Credential("talosconfig", files.talosconfig().toString(), at)));
    notAfter(files.kubeconfig(), "client-certificate-data")
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

  /**
   * The end of the client certificate in a credential file: the first {@code key: <base64 PEM>}
   * line, which is where both files carry it (one context each, as ironkube writes them). A line
   * scan, not a YAML parser, so that {@code status} stays a fast local read; a file that does not
   * have the line, or a certificate that does not parse, gives nothing (the command that uses the
   * file reports the damage).
   */
  static Optional<Instant> notAfter(Path file, String key) {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      Optional<String> value = scalar(Files.readAllLines(file, StandardCharsets.UTF_8), key);
      if (value.isEmpty()) {
        return Optional.empty();
      }
      byte[] pem = Base64.getMimeDecoder().decode(value.get());
      var certificate =
          (X509Certificate)
              CertificateFactory.getInstance("X.509")
                  .generateCertificate(new ByteArrayInputStream(pem));
      return Optional.of(certificate.getNotAfter().toInstant());
    } catch (IOException | GeneralSecurityException | RuntimeException unreadable) {
      return Optional.empty();
    }
  }

  /**
   * The first {@code key:} scalar, with the lines of a folded plain scalar (deeper indented, no key
   * of their own) joined on: a YAML writer that splits long lines writes base64 that way.
   */
  private static Optional<String> scalar(List<String> lines, String key) {
    String prefix = key + ":";
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      String stripped = line.strip();
      if (!stripped.startsWith(prefix)) {
        continue;
      }
      int indent = line.indexOf(stripped.charAt(0));
      StringBuilder value = new StringBuilder(stripped.substring(prefix.length()).strip());
      for (int j = i + 1; j < lines.size(); j++) {
        String next = lines.get(j);
        String s = next.strip();
        if (s.isEmpty() || next.indexOf(s.charAt(0)) <= indent || s.contains(": ")) {
          break;
        }
        value.append(s);
      }
      String v = unquote(value.toString());
      return v.isEmpty() ? Optional.empty() : Optional.of(v);
    }
    return Optional.empty();
  }

  private static String unquote(String v) {
    return v.length() >= 2
            && (v.startsWith("\"") && v.endsWith("\"") || v.startsWith("'") && v.endsWith("'"))
        ? v.substring(1, v.length() - 1)
        : v;
  }
}
