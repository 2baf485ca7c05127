package dev.ironkube.access.teleport;

import dev.ironkube.failure.UserInputException;
import dev.ironkube.talos.api.PemKeys;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;

/**
 * The TLS half of a Teleport identity file ({@code tctl auth sign --format=file} or tbot's identity
 * output): the private key, the user's TLS certificate, and the cluster's TLS CA certificates. The
 * file also holds an SSH certificate and {@code @cert-authority} lines, which the gRPC API does not
 * need and which are skipped.
 */
public record TeleportIdentity(
    PrivateKey key, X509Certificate certificate, List<X509Certificate> cas) {
  public TeleportIdentity {
    cas = List.copyOf(cas);
  }

  public static TeleportIdentity read(Path file) {
    try {
      return parse(Files.readString(file, StandardCharsets.US_ASCII));
    } catch (IOException e) {
      throw new UserInputException(
          "cannot read the Teleport identity file "
              + file
              + " ("
              + e.getClass().getSimpleName()
              + ")",
          "set TELEPORT_IDENTITY_FILE to a file written by tbot or tctl auth sign --format=file");
    }
  }

  /**
   * Reads the blocks in the order Teleport writes them: the key, then the user certificate (the
   * first CERTIFICATE block), then the CA certificates (every later one). Failures never quote the
   * text, since it holds a private key.
   */
  public static TeleportIdentity parse(String text) {
    List<String> blocks = new ArrayList<>();
    String key = null;
    StringBuilder current = null;
    for (String line : text.lines().toList()) {
      if (current == null && line.startsWith("-----BEGIN ")) {
        current = new StringBuilder();
      }
      if (current != null) {
        current.append(line).append('\n');
        if (line.startsWith("-----END ")) {
          String block = current.toString();
          if (line.contains("PRIVATE KEY")) {
            key = key == null ? block : key;
          } else if (line.contains("CERTIFICATE")) {
            blocks.add(block);
          }
          current = null;
        }
      }
    }
    String hint =
        "the file must hold the key, the TLS certificate and the cluster's TLS CA; sign"
            + " it again with tbot or tctl auth sign --format=file";
    if (key == null) {
      throw new UserInputException("the Teleport identity file has no private key", hint);
    }
    if (blocks.size() < 2) {
      throw new UserInputException(
          "the Teleport identity file has no TLS certificate and CA (found "
              + blocks.size()
              + " certificate blocks)",
          hint);
    }
    X509Certificate certificate = PemKeys.certificates(blocks.get(0)).get(0);
    List<X509Certificate> cas = new ArrayList<>();
    for (String block : blocks.subList(1, blocks.size())) {
      cas.addAll(PemKeys.certificates(block));
    }
    return new TeleportIdentity(PemKeys.privateKey(key), certificate, cas);
  }

  /**
   * The Teleport cluster the identity belongs to: Teleport's CAs name the cluster in their common
   * name, so the issuer of the user certificate names it. The TLS-routing ALPN value needs it.
   */
  public String clusterName() {
    X500Principal issuer = certificate.getIssuerX500Principal();
    RDN[] cn = X500Name.getInstance(issuer.getEncoded()).getRDNs(BCStyle.CN);
    if (cn.length == 0) {
      throw new UserInputException(
          "the Teleport identity's certificate issuer names no cluster",
          "use an identity issued by the Teleport cluster's user CA");
    }
    return IETFUtils.valueToString(cn[0].getFirst().getValue());
  }

  /** Key material never reaches a log line. */
  @Override
  public String toString() {
    return "TeleportIdentity[subject="
        + certificate.getSubjectX500Principal().getName()
        + ", cas="
        + cas.size()
        + ", key=<redacted>]";
  }
}
