package dev.ironkube.sim.talos;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.zip.GZIPOutputStream;

/**
 * Exposes the node's Kubeconfig payload writer to the client's archive tests in another package.
 */
public final class SimArchives {
  private SimArchives() {}

  /** What Talos sends: gzip(tar header + body), the tar writer never closed. */
  public static byte[] upstream(String fileName, byte[] content) {
    return KubeconfigBundle.upstreamPayload(fileName, content, Instant.now());
  }

  /** The same file as a well-formed tar: body padded to 512 bytes, two zero blocks after it. */
  public static byte[] terminated(String fileName, byte[] content) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(KubeconfigBundle.ustarHeader(fileName, content.length, Instant.now()));
      gz.write(content);
      gz.write(new byte[(512 - content.length % 512) % 512]);
      gz.write(new byte[1024]);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return out.toByteArray();
  }

  /** The tar header alone, for tests that cut the payload short. */
  public static byte[] header(String fileName, long size) {
    return KubeconfigBundle.ustarHeader(fileName, size, Instant.now());
  }
}
