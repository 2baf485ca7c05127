package dev.ironkube.access.teleport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ironkube.failure.UserInputException;
import dev.ironkube.sim.Faults;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPairGenerator;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TeleportIdentityTest {
  @TempDir Path dir;

  @Test
  void readsKeyUserCertificateAndCasAndSkipsTheSshLines() throws Exception {
    try (TeleportRig rig = new TeleportRig(dir, Faults.none())) {
      String text = Files.readString(rig.identityFile);
      assertThat(text).contains("-cert-v01@openssh.com").contains("@cert-authority");
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(rig.identityFile)))
          .isEqualTo("rw-------");

      TeleportIdentity identity = TeleportIdentity.parse(text);

      assertThat(identity.certificate().getSubjectX500Principal().getName())
          .isEqualTo("CN=ironkube-bot");
      assertThat(identity.cas()).hasSize(1);
      assertThat(identity.key().getAlgorithm()).isEqualTo("EC");
      assertThat(identity.clusterName()).isEqualTo("sim.teleport.example");
      assertThat(TeleportChannel.authAlpn(identity.clusterName()))
          .isEqualTo(
              "teleport-auth@73696d2e74656c65706f72742e6578616d706c65.teleport.cluster.local");
      assertThat(identity.toString()).contains("key=<redacted>").doesNotContain("PRIVATE");
    }
  }

  @Test
  void acceptsAPkcs1RsaKeyAsOlderTeleportVersionsWriteIt() throws Exception {
    try (TeleportRig rig = new TeleportRig(dir, Faults.none())) {
      String text = Files.readString(rig.identityFile);
      var rsa = KeyPairGenerator.getInstance("RSA");
      rsa.initialize(2048);
      StringWriter pem = new StringWriter();
      try (JcaPEMWriter writer = new JcaPEMWriter(pem)) {
        writer.writeObject(rsa.generateKeyPair().getPrivate());
      }
      assertThat(pem.toString()).startsWith("-----BEGIN RSA PRIVATE KEY-----");
      String withRsa = pem + text.substring(text.indexOf("-----END EC PRIVATE KEY-----") + 29);

      assertThat(TeleportIdentity.parse(withRsa).key().getAlgorithm()).isEqualTo("RSA");
    }
  }

  @Test
  void aFileWithoutKeyOrCaFailsWithoutQuotingIt() {
    assertThatThrownBy(() -> TeleportIdentity.parse("ssh-rsa-cert-v01@openssh.com AAAA\n"))
        .isInstanceOf(UserInputException.class)
        .hasMessage("the Teleport identity file has no private key");
    String keyOnly = "-----BEGIN PRIVATE KEY-----\nMIIsecret\n-----END PRIVATE KEY-----\n";
    assertThatThrownBy(() -> TeleportIdentity.parse(keyOnly))
        .isInstanceOf(UserInputException.class)
        .hasMessageContaining("no TLS certificate and CA")
        .hasMessageNotContaining("MIIsecret");
  }
}
