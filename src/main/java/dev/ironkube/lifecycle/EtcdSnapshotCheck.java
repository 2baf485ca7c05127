package dev.ironkube.lifecycle;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The integrity of an etcd snapshot file as etcd writes it: the bbolt database followed by the
 * SHA-256 of it ({@code maintenance.Snapshot}), so the size is 32 more than a multiple of 512.
 * talosctl refuses a download without it (siderolabs/talos v1.11.6 {@code
 * cmd/talosctl/cmd/talos/etcd.go}: "sha256 checksum not found (size %d)"), and etcd's restore
 * compares it (etcd-io/etcd v3.5 {@code etcdutl/snapshot/v3_snapshot.go} saveDB).
 */
public final class EtcdSnapshotCheck {
  private static final int SHA256 = 32;

  private EtcdSnapshotCheck() {}

  /** Whether etcd's trailing hash is there, by size alone (talosctl's check). */
  public static boolean hasTrailingHash(long size) {
    return size % 512 == SHA256;
  }

  /** Null when the trailing hash matches the database before it, else why not. */
  public static String verify(Path snapshot) throws IOException {
    long size = Files.size(snapshot);
    if (!hasTrailingHash(size)) {
      return "sha256 checksum not found (size " + size + ")";
    }
    MessageDigest digest = sha256();
    byte[] trailer;
    try (InputStream in = Files.newInputStream(snapshot)) {
      long left = size - SHA256;
      byte[] buffer = new byte[1 << 16];
      while (left > 0) {
        int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
        if (n < 0) {
          return "the file ended early";
        }
        digest.update(buffer, 0, n);
        left -= n;
      }
      trailer = in.readNBytes(SHA256);
    }
    byte[] computed = digest.digest();
    return Arrays.equals(computed, trailer)
        ? null
        : "expected sha256 "
            + HexFormat.of().formatHex(trailer)
            + ", got "
            + HexFormat.of().formatHex(computed);
  }

  /** The SHA-256 of the whole file, as sha256sum prints it. */
  public static String fileSha256(Path file) throws IOException {
    MessageDigest digest = sha256();
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buffer = new byte[1 << 16];
      for (int n; (n = in.read(buffer)) > 0; ) {
        digest.update(buffer, 0, n);
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
