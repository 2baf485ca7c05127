package dev.ironkube.talos.api;

import dev.ironkube.failure.UserInputException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;

/**
 * Reads the PEM forms Talos writes into JDK objects that netty's JDK TLS provider accepts. Talos
 * labels Ed25519 PKCS#8 keys {@code ED25519 PRIVATE KEY}, which no standard parser knows, and
 * writes EC/RSA keys as SEC1/PKCS#1. Errors never quote the PEM text, since it may be a key.
 */
public final class PemKeys {
  private PemKeys() {}

  public static PrivateKey privateKey(String pem) {
    try (PemReader reader = new PemReader(new StringReader(pem))) {
      PemObject block = reader.readPemObject();
      if (block == null) {
        throw invalid("no PEM block found");
      }
      PrivateKeyInfo info =
          switch (block.getType()) {
            case "ED25519 PRIVATE KEY", "PRIVATE KEY" ->
                PrivateKeyInfo.getInstance(block.getContent());
            case "EC PRIVATE KEY", "RSA PRIVATE KEY" -> sec1OrPkcs1(pem);
            default -> throw invalid("unsupported PEM label '" + block.getType() + "'");
          };
      return new JcaPEMKeyConverter().getPrivateKey(info);
    } catch (IOException | RuntimeException e) {
      if (e instanceof UserInputException u) {
        throw u;
      }
      throw invalid("the key could not be decoded (" + e.getClass().getSimpleName() + ")");
    }
  }

  private static PrivateKeyInfo sec1OrPkcs1(String pem) throws IOException {
    try (PEMParser parser = new PEMParser(new StringReader(pem))) {
      if (parser.readObject() instanceof PEMKeyPair pair) {
        return pair.getPrivateKeyInfo();
      }
      throw invalid("the EC/RSA key block is not a key pair");
    }
  }

  public static List<X509Certificate> certificates(String pem) {
    try {
      CertificateFactory factory = CertificateFactory.getInstance("X.509");
      List<X509Certificate> out = new ArrayList<>();
      for (var c :
          factory.generateCertificates(
              new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))) {
        out.add((X509Certificate) c);
      }
      if (out.isEmpty()) {
        throw new UserInputException("no certificate found in PEM text", "");
      }
      return out;
    } catch (CertificateException e) {
      throw new UserInputException(
          "certificate PEM could not be parsed: " + e.getMessage(),
          "check the talosconfig or secrets bundle");
    }
  }

  private static UserInputException invalid(String why) {
    return new UserInputException(
        "private key PEM is not usable: " + why,
        "use the key from the persisted secrets bundle or talosconfig");
  }
}
