package dev.ironkube.talos.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ironkube.talos.testing.Contracts;
import dev.ironkube.talos.testing.TestBundles;
import dev.ironkube.talos.yaml.TalosYaml;
import java.io.StringReader;
import java.math.BigInteger;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.util.io.pem.PemReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TalosPemTest {

  @ParameterizedTest
  @ValueSource(strings = {"gen-secrets-secrets.yaml", "stability-secrets.yaml"})
  void readsEveryKeyOfUpstreamBundlesAndWritesThemBackByteForByte(String file) throws Exception {
    JsonNode certs =
        TalosYaml.readDocuments(Contracts.read("samples/generated/" + file)).get(0).path("certs");
    for (String name : new String[] {"etcd", "k8s", "k8saggregator", "k8sserviceaccount", "os"}) {
      String upstream = certs.path(name).path("key").asText();
      PrivateKey key = TalosPem.parsePrivateKey(TalosPem.fromBase64(upstream, name));
      if (name.equals("os")) {
        assertThat(key.getAlgorithm()).as(name).isIn("Ed25519", "EdDSA");
      } else {
        assertThat(key.getAlgorithm()).as(name).isEqualTo("EC");
      }
      assertThat(TalosPem.base64(TalosPem.privateKey(key))).as(name).isEqualTo(upstream);
    }
  }

  @Test
  void upstreamOsKeyMatchesItsCertificate() throws Exception {
    JsonNode os =
        TalosYaml.readDocuments(Contracts.read("samples/generated/stability-secrets.yaml"))
            .get(0)
            .path("certs")
            .path("os");
    PrivateKey key = TalosPem.parsePrivateKey(TalosPem.fromBase64(os.path("key").asText(), "key"));
    var cert = TalosPem.parseCertificate(TalosPem.fromBase64(os.path("crt").asText(), "crt"));
    Signature signer = Signature.getInstance("Ed25519");
    signer.initSign(key);
    signer.update(new byte[] {1, 2, 3});
    byte[] signature = signer.sign();
    Signature verifier = Signature.getInstance("Ed25519");
    verifier.initVerify(cert.getPublicKey());
    verifier.update(new byte[] {1, 2, 3});
    assertThat(verifier.verify(signature)).isTrue();
  }

  @Test
  void ed25519UsesTalosLabelAndPlainPkcs8V1Body() throws Exception {
    String pem = TalosPem.privateKey(TestBundles.fixed().os().requireKey());
    assertThat(pem).startsWith("-----BEGIN ED25519 PRIVATE KEY-----\n");
    byte[] der = new PemReader(new StringReader(pem)).readPemObject().getContent();
    assertThat(der).hasSize(48);
    assertThat(HexFormat.of().formatHex(der)).startsWith("302e020100300506032b657004220420");
  }

  @Test
  void ecKeysAreSec1WithCurveOidAndPublicKeySoBouncyCastleAndGoCanReadThem() throws Exception {
    PrivateKey jdkKey = KeyType.ECDSA_P256.generate(new SecureRandom()).getPrivate();
    String pem = TalosPem.privateKey(jdkKey);
    assertThat(pem).startsWith("-----BEGIN EC PRIVATE KEY-----\n");
    byte[] der = new PemReader(new StringReader(pem)).readPemObject().getContent();
    ECPrivateKey sec1 = ECPrivateKey.getInstance(der);
    assertThat(ASN1ObjectIdentifier.getInstance(sec1.getParametersObject()))
        .isEqualTo(X9ObjectIdentifiers.prime256v1);
    assertThat(sec1.getPublicKey()).isNotNull();
    assertThat(der).hasSize(121);
    try (PEMParser parser = new PEMParser(new StringReader(pem))) {
      assertThat(parser.readObject()).isInstanceOf(PEMKeyPair.class);
    }
    // The parsed key's encoding now carries the curve and public key, so compare the scalar.
    assertThat(((java.security.interfaces.ECPrivateKey) TalosPem.parsePrivateKey(pem)).getS())
        .isEqualTo(((java.security.interfaces.ECPrivateKey) jdkKey).getS());
  }

  @Test
  void rsaKeysArePkcs1() throws Exception {
    String pem = TalosPem.privateKey(TestBundles.fixed().serviceAccountKey());
    assertThat(pem).startsWith("-----BEGIN RSA PRIVATE KEY-----\n");
    try (PEMParser parser = new PEMParser(new StringReader(pem))) {
      assertThat(parser.readObject()).isInstanceOf(PEMKeyPair.class);
    }
    assertThat(TalosPem.parsePrivateKey(pem)).isEqualTo(TestBundles.fixed().serviceAccountKey());
  }

  @Test
  void exportsPkcs8ForGrpcForEveryKeyType() throws Exception {
    SecretsBundle bundle = TestBundles.fixed();
    for (PrivateKey key :
        new PrivateKey[] {
          bundle.os().requireKey(), bundle.kubernetes().requireKey(), bundle.serviceAccountKey()
        }) {
      String pem = TalosPem.privateKeyPkcs8(key);
      assertThat(pem).startsWith("-----BEGIN PRIVATE KEY-----\n");
      byte[] der = new PemReader(new StringReader(pem)).readPemObject().getContent();
      PrivateKey decoded =
          KeyFactory.getInstance(key.getAlgorithm()).generatePrivate(new PKCS8EncodedKeySpec(der));
      assertThat(decoded).isEqualTo(key);
      assertThat(TalosPem.parsePrivateKey(pem)).isEqualTo(key);
    }
  }

  @Test
  void certificatesRoundTrip() {
    var cert = TestBundles.fixed().kubernetes().certificate();
    assertThat(TalosPem.parseCertificate(TalosPem.certificate(cert))).isEqualTo(cert);
  }

  @Test
  void rejectsUnknownLabelsAndEcKeysWithoutCurve() throws Exception {
    assertThatThrownBy(
            () ->
                TalosPem.parsePrivateKey(
                    "-----BEGIN DSA PRIVATE KEY-----\nAAAA\n-----END DSA PRIVATE KEY-----\n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("DSA PRIVATE KEY");
    byte[] noCurve = new ECPrivateKey(256, BigInteger.TEN, null).getEncoded();
    String pem =
        "-----BEGIN EC PRIVATE KEY-----\n"
            + Base64.getMimeEncoder().encodeToString(noCurve)
            + "\n-----END EC PRIVATE KEY-----\n";
    assertThatThrownBy(() -> TalosPem.parsePrivateKey(pem)).hasMessageContaining("curve OID");
    assertThatThrownBy(() -> TalosPem.parsePrivateKey("not pem"))
        .hasMessageContaining("no PEM block");
  }
}
