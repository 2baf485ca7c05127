package dev.ironkube.talos.testing;

import dev.ironkube.talos.pki.CertificateIssuer;
import dev.ironkube.talos.pki.SecretsBundle;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * Secrets bundles for tests. The fixed one is a committed file, so golden renderings never change;
 * the generated one is made once per JVM because RSA-4096 generation is slow on small machines.
 */
public final class TestBundles {
  /** The instant generated material is issued at. */
  public static final Instant NOW = Instant.parse("2026-11-22T03:00:00Z");

  public static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  private static SecretsBundle generated;

  private TestBundles() {}

  public static SecretsBundle fixed() {
    try (InputStream in = TestBundles.class.getResourceAsStream("/fixtures/test-secrets.yaml")) {
      if (in == null) {
        throw new IllegalStateException("test resource fixtures/test-secrets.yaml is missing");
      }
      return SecretsBundle.fromYaml(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static CertificateIssuer issuer() {
    return new CertificateIssuer(CLOCK, new SecureRandom());
  }

  public static synchronized SecretsBundle generated() {
    if (generated == null) {
      generated = SecretsBundle.generate(issuer(), new SecureRandom());
    }
    return generated;
  }
}
