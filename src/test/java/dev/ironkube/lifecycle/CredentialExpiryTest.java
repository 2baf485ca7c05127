package dev.ironkube.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ironkube.talos.pki.CertAndKey;
import dev.ironkube.talos.pki.CertificateIssuer;
import dev.ironkube.talos.pki.KeyType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The certificate end is read from the credential files by a line scan (status must not load a YAML
 * parser): one-line, quoted and folded base64, Ed25519 (talosconfig) and ECDSA (kubeconfig)
 * certificates, and files that carry nothing usable.
 */
class CredentialExpiryTest {
  private static final Instant ISSUED = Instant.parse("2026-01-10T08:00:00Z");
  private static final CertificateIssuer ISSUER =
      new CertificateIssuer(Clock.fixed(ISSUED, ZoneOffset.UTC), new SecureRandom());

  @TempDir Path dir;

  @Test
  void talosconfigsEd25519CertificateOnOneLine() throws Exception {
    CertAndKey admin = ISSUER.talosAdmin(ISSUER.selfSignedCa(KeyType.ED25519, "talos", null));
    Path file =
        write(
            "talosconfig",
            "context: c\ncontexts:\n  c:\n    endpoints:\n      - 10.0.0.1\n    ca: "
                + b64("x")
                + "\n    crt: "
                + b64(admin.certificatePem())
                + "\n    key: "
                + b64("k")
                + "\n");
    assertThat(CredentialExpiry.notAfter(file, "crt"))
        .contains(admin.certificate().getNotAfter().toInstant());
    assertThat(admin.certificate().getNotAfter().toInstant())
        .isEqualTo(ISSUED.plus(CertificateIssuer.ADMIN_LIFETIME));
  }

  @Test
  void kubeconfigsCertificateQuotedOrFoldedOverLines() throws Exception {
    CertAndKey admin = ISSUER.kubernetesAdmin(ISSUER.selfSignedCa(KeyType.ECDSA_P256, null, "k"));
    String data = b64(admin.certificatePem());
    Instant end = admin.certificate().getNotAfter().toInstant();
    String head = "apiVersion: v1\nusers:\n  - name: admin@c\n    user:\n";
    assertThat(
            CredentialExpiry.notAfter(
                write("quoted", head + "      client-certificate-data: \"" + data + "\"\n"),
                "client-certificate-data"))
        .contains(end);
    StringBuilder folded = new StringBuilder(head + "      client-certificate-data: ");
    folded.append(data, 0, 80);
    for (int i = 80; i < data.length(); i += 80) {
      folded.append("\n        ").append(data, i, Math.min(data.length(), i + 80));
    }
    folded.append("\n      client-key-data: ").append(b64("k")).append('\n');
    assertThat(
            CredentialExpiry.notAfter(
                write("folded", folded.toString()), "client-certificate-data"))
        .contains(end);
  }

  @Test
  void aFileWithoutAUsableCertificateGivesNothing() throws Exception {
    assertThat(CredentialExpiry.notAfter(dir.resolve("absent"), "crt")).isEmpty();
    assertThat(CredentialExpiry.notAfter(write("empty", "crt:\n"), "crt")).isEmpty();
    assertThat(CredentialExpiry.notAfter(write("garbage", "crt: not base64 at all!\n"), "crt"))
        .isEmpty();
    assertThat(CredentialExpiry.notAfter(write("notacert", "crt: " + b64("hello") + "\n"), "crt"))
        .isEmpty();
  }

  private Path write(String name, String text) throws Exception {
    Path file = dir.resolve(name);
    Files.writeString(file, text, StandardCharsets.UTF_8);
    return file;
  }

  private static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }
}
