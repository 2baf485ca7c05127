package dev.ironkube.talos.api;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

/**
 * Reads the payload of the Kubeconfig stream: a gzip-compressed tar holding one regular file named
 * {@code kubeconfig}. A tiny ustar reader suffices; no archive library is needed for one file with
 * a short name.
 */
final class KubeconfigArchive {
  private static final int BLOCK = 512;

  private KubeconfigArchive() {}

  static Optional<byte[]> extract(byte[] tarGz) throws IOException {
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(tarGz))) {
      byte[] header = new byte[BLOCK];
      while (readBlock(in, header)) {
        String name = field(header, 0, 100);
        if (name.isEmpty()) {
          return Optional.empty(); // end-of-archive marker: two zero blocks
        }
        long size = Long.parseLong(field(header, 124, 12).trim(), 8);
        byte type = header[156];
        byte[] body = in.readNBytes((int) size);
        in.skipNBytes((BLOCK - size % BLOCK) % BLOCK);
        boolean regular = type == '0' || type == 0;
        if (regular && (name.equals("kubeconfig") || name.endsWith("/kubeconfig"))) {
          return Optional.of(body);
        }
      }
      return Optional.empty();
    }
  }

  private static boolean readBlock(InputStream in, byte[] block) throws IOException {
    return in.readNBytes(block, 0, BLOCK) == BLOCK;
  }

  private static String field(byte[] header, int offset, int length) {
    int end = offset;
    while (end < offset + length && header[end] != 0) {
      end++;
    }
    return new String(header, offset, end - offset, StandardCharsets.US_ASCII).trim();
  }
}
