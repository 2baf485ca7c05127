package dev.ironkube.lifecycle;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.util.Date;
import org.bouncycastle.bcpg.ArmoredOutputStream;
import org.bouncycastle.bcpg.SymmetricKeyAlgorithmTags;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openpgp.PGPEncryptedDataGenerator;
import org.bouncycastle.openpgp.PGPEncryptedDataList;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPLiteralData;
import org.bouncycastle.openpgp.PGPLiteralDataGenerator;
import org.bouncycastle.openpgp.PGPPBEEncryptedData;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.jcajce.JcaPGPObjectFactory;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPDigestCalculatorProviderBuilder;
import org.bouncycastle.openpgp.operator.jcajce.JcePBEDataDecryptorFactoryBuilder;
import org.bouncycastle.openpgp.operator.jcajce.JcePBEKeyEncryptionMethodGenerator;
import org.bouncycastle.openpgp.operator.jcajce.JcePGPDataEncryptorBuilder;

/**
 * OpenPGP passphrase encryption (RFC 4880: a symmetric-key session packet with iterated and salted
 * S2K, AES-256, integrity-protected data), with BouncyCastle's bcpg, so a backup's secrets bundle
 * opens with {@code gpg --decrypt} as well as with ironkube, and no key pair has to be kept.
 */
public final class PassphraseEncryption {
  private static final BouncyCastleProvider BC = new BouncyCastleProvider();

  /** The passphrase was wrong or the file is not an OpenPGP message ironkube wrote. */
  public static final class CannotDecrypt extends Exception {
    CannotDecrypt(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private PassphraseEncryption() {}

  /** ASCII-armoured OpenPGP message holding {@code plain} as the literal file {@code name}. */
  public static byte[] encrypt(byte[] plain, String name, char[] passphrase, SecureRandom random) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ArmoredOutputStream armour = ArmoredOutputStream.builder().build(out)) {
      PGPEncryptedDataGenerator generator =
          new PGPEncryptedDataGenerator(
              new JcePGPDataEncryptorBuilder(SymmetricKeyAlgorithmTags.AES_256)
                  .setWithIntegrityPacket(true)
                  .setSecureRandom(random)
                  .setProvider(BC));
      generator.addMethod(
          new JcePBEKeyEncryptionMethodGenerator(passphrase)
              .setProvider(BC)
              .setSecureRandom(random));
      try (OutputStream encrypted = generator.open(armour, new byte[1 << 16]);
          OutputStream literal =
              new PGPLiteralDataGenerator()
                  .open(encrypted, PGPLiteralData.BINARY, name, plain.length, new Date())) {
        literal.write(plain);
      }
    } catch (IOException | PGPException e) {
      throw new UncheckedIOException(new IOException("OpenPGP encryption failed", e));
    }
    return out.toByteArray();
  }

  public static byte[] decrypt(InputStream message, char[] passphrase) throws CannotDecrypt {
    try {
      var objects = new JcaPGPObjectFactory(PGPUtil.getDecoderStream(message));
      Object first = objects.nextObject();
      if (!(first instanceof PGPEncryptedDataList list)
          || !(list.get(0) instanceof PGPPBEEncryptedData pbe)) {
        throw new CannotDecrypt("not a passphrase-encrypted OpenPGP message", null);
      }
      InputStream clear =
          pbe.getDataStream(
              new JcePBEDataDecryptorFactoryBuilder(
                      new JcaPGPDigestCalculatorProviderBuilder().setProvider(BC).build())
                  .setProvider(BC)
                  .build(passphrase));
      Object inner = new JcaPGPObjectFactory(clear).nextObject();
      if (!(inner instanceof PGPLiteralData literal)) {
        throw new CannotDecrypt("the OpenPGP message holds no literal data", null);
      }
      byte[] plain = literal.getInputStream().readAllBytes();
      if (!pbe.verify()) {
        throw new CannotDecrypt("the OpenPGP message failed its integrity check", null);
      }
      return plain;
    } catch (PGPException | IOException e) {
      throw new CannotDecrypt("cannot decrypt: wrong passphrase or damaged file", e);
    }
  }
}
