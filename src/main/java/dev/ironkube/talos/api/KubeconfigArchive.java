package dev.ironkube.talos.api;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads the payload of the Kubeconfig stream: gzip around a tar holding one regular file named
 * {@code kubeconfig}. A tiny ustar reader suffices for one file with a short name.
 *
 * <p>Talos never closes its tar writer (siderolabs/talos {@code
 * internal/app/machined/internal/server/v1alpha1/v1alpha1_server.go} Kubeconfig(), v1.11.6 to
 * main), so the archive ends right after the file's last byte: no padding to a 512-byte block, no
 * end-of-archive blocks. Like Go's tar reader, which talosctl uses, a stream that ends where
 * padding or the next header was due is a normal end; one that ends inside a file is truncated.
 */
final class KubeconfigArchive {
  private static final int BLOCK = 512;

  /** The payload cannot be read as gzip around a tar; the message says where it went wrong. */
  static final class Malformed extends IOException {
    Malformed(String message) {
      super(message);
    }

    Malformed(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private KubeconfigArchive() {}

  /** The file's bytes; empty when the archive is well formed but holds no kubeconfig. */
  static Optional<byte[]> extract(byte[] payload) throws Malformed {
    try (InputStream in = gunzip(payload)) {
      byte[] header = new byte[BLOCK];
      while (true) {
        int read = in.readNBytes(header, 0, BLOCK);
        if (read == 0 || (read == BLOCK && allZero(header))) {
          return Optional.empty(); // end of stream, or the end-of-archive marker
        }
        if (read < BLOCK) {
          throw new Malformed("it ends inside a tar header (" + read + " of 512 bytes)");
        }
        checkChecksum(header);
        String name = text(header, 0, 100);
        long size = octal(header, 124, 12, "size");
        byte[] body = in.readNBytes((int) Math.min(size, Integer.MAX_VALUE));
        if (body.length < size) {
          throw new Malformed(
              "it is truncated: the file '"
                  + name
                  + "' ends after "
                  + body.length
                  + " of its "
                  + size
                  + " bytes");
        }
        in.readNBytes((int) ((BLOCK - size % BLOCK) % BLOCK)); // padding, absent from Talos's
        byte type = header[156];
        boolean regular = type == '0' || type == 0;
        if (regular && (name.equals("kubeconfig") || name.endsWith("/kubeconfig"))) {
          in.transferTo(
              OutputStream.nullOutputStream()); // reach gzip's trailer so its CRC is checked
          return Optional.of(body);
        }
      }
    } catch (Malformed e) {
      throw e;
    } catch (IOException e) {
      throw new Malformed("its gzip stream is corrupt (" + e.getMessage() + ")", e);
    }
  }

  private static InputStream gunzip(byte[] payload) throws Malformed {
    try {
      return new GZIPInputStream(new ByteArrayInputStream(payload));
    } catch (ZipException | EOFException e) {
      throw new Malformed("it is not gzip-compressed (" + payload.length + " bytes)", e);
    } catch (IOException e) {
      throw new Malformed("it is not gzip-compressed", e);
    }
  }

  /** The header checksum tells a tar header from other bytes: the sum with the field as spaces. */
  private static void checkChecksum(byte[] header) throws Malformed {
    long stored = octal(header, 148, 8, "checksum");
    long unsigned = 0;
    long signed = 0; // some old writers summed signed bytes; Go's reader accepts either
    for (int i = 0; i < BLOCK; i++) {
      byte b = (i >= 148 && i < 156) ? (byte) ' ' : header[i];
      unsigned += b & 0xff;
      signed += b;
    }
    if (stored != unsigned && stored != signed) {
      throw new Malformed("its content is not a tar archive (header checksum mismatch)");
    }
  }

  private static boolean allZero(byte[] block) {
    for (byte b : block) {
      if (b != 0) {
        return false;
      }
    }
    return true;
  }

  private static long octal(byte[] header, int offset, int length, String field) throws Malformed {
    String digits = text(header, offset, length);
    if (digits.isEmpty() || !digits.matches("[0-7]+")) {
      throw new Malformed("its content is not a tar archive (bad " + field + " field)");
    }
    return Long.parseLong(digits, 8);
  }

  private static String text(byte[] header, int offset, int length) {
    int end = offset;
    while (end < offset + length && header[end] != 0) {
      end++;
    }
    return new String(header, offset, end - offset, StandardCharsets.US_ASCII).trim();
  }
}
