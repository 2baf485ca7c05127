package dev.ironkube.talos.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ironkube.failure.UserInputException;
import dev.ironkube.talos.testing.TestPki;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class PemKeysTest {
  @Test
  void readsTalosEd25519LabelAndPkcs8() {
    TestPki.Pair ca = TestPki.osCa();
    assertThat(ca.keyPem()).startsWith("-----BEGIN ED25519 PRIVATE KEY-----");

    assertThat(PemKeys.privateKey(ca.keyPem()).getEncoded()).isEqualTo(ca.key().getEncoded());
    String relabelled = ca.keyPem().replace("ED25519 PRIVATE KEY", "PRIVATE KEY");
    assertThat(PemKeys.privateKey(relabelled).getEncoded()).isEqualTo(ca.key().getEncoded());
  }

  @Test
  void readsAnEcKeyOfTheKubernetesCa() {
    TestPki.Pair ca = TestPki.k8sCa();
    assertThat(PemKeys.privateKey(ca.keyPem()).getAlgorithm()).isEqualTo("EC");
  }

  @Test
  void aBrokenKeyIsReportedWithoutQuotingIt() {
    String secret =
        "-----BEGIN ED25519 PRIVATE KEY-----\nc2VjcmV0LXNlZWQ=\n-----END ED25519 PRIVATE KEY-----\n";
    assertThatThrownBy(() -> PemKeys.privateKey(secret))
        .isInstanceOf(UserInputException.class)
        .hasMessageStartingWith("private key PEM is not usable")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("c2VjcmV0"));
  }

  @Test
  void talosconfigFieldsAreBase64OfPem() {
    TestPki.Pair ca = TestPki.osCa();
    var identity = TestPki.admin(ca);
    var fromFields =
        TalosIdentity.fromTalosconfigFields(
            b64(identity.caPem()), b64(identity.certPem()), b64(identity.keyPem()));

    assertThat(fromFields).isEqualTo(identity);
  }

  private static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.US_ASCII));
  }
}
