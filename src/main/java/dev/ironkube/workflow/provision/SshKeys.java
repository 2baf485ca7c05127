package dev.ironkube.workflow.provision;

import dev.ironkube.store.SecureFiles;
import dev.ironkube.talos.pki.TalosPem;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;

/**
 * The cluster's own SSH key, registered with the provider for its out-of-band console (Talos itself
 * has no SSH). Generated once, private half kept 0600 beside the journal.
 */
public final class SshKeys {
  private SshKeys() {}

  /** Loads the cluster's key, creating it on first use; returns the OpenSSH public key line. */
  public static String ensure(Path privateKeyFile, String comment) {
    try {
      PublicKey pub;
      if (Files.isRegularFile(privateKeyFile)) {
        pub = publicFrom(Files.readString(privateKeyFile));
      } else {
        KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        // PKCS#8 PEM (what OpenSSH 7.8+ and every TLS library read), plus the public half.
        String pem =
            TalosPem.privateKeyPkcs8(pair.getPrivate())
                + "# public: "
                + Base64.getEncoder().encodeToString(pair.getPublic().getEncoded())
                + "\n";
        SecureFiles.write(privateKeyFile, pem);
        pub = pair.getPublic();
      }
      return openSsh(pub, comment);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the SSH key " + privateKeyFile, e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Ed25519 is not available in this JDK", e);
    }
  }

  private static PublicKey publicFrom(String file) throws GeneralSecurityException {
    for (String line : file.split("\n")) {
      if (line.startsWith("# public: ")) {
        byte[] der = Base64.getDecoder().decode(line.substring("# public: ".length()).strip());
        return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der));
      }
    }
    throw new GeneralSecurityException("the SSH key file has no public key line");
  }

  /** The "ssh-ed25519 AAAA... comment" form providers accept. */
  static String openSsh(PublicKey pub, String comment) {
    byte[] der = pub.getEncoded();
    byte[] raw = Arrays.copyOfRange(der, der.length - 32, der.length);
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      DataOutputStream out = new DataOutputStream(bytes);
      byte[] type = "ssh-ed25519".getBytes(StandardCharsets.US_ASCII);
      out.writeInt(type.length);
      out.write(type);
      out.writeInt(raw.length);
      out.write(raw);
      return "ssh-ed25519 "
          + Base64.getEncoder().encodeToString(bytes.toByteArray())
          + " "
          + comment;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
