package dev.ironkube.talos.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ironkube.sim.talos.SimArchives;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class KubeconfigArchiveTest {
  /** 1,120 bytes: not a multiple of 512, so a well-formed tar would need padding. */
  private static final byte[] KUBECONFIG =
      "apiVersion: v1\nkind: Config\n".repeat(40).getBytes(StandardCharsets.UTF_8);

  @Test
  void readsTheUnterminatedPayloadTalosSends() throws Exception {
    byte[] payload = SimArchives.upstream("kubeconfig", KUBECONFIG);

    // siderolabs/talos v1alpha1_server.go Kubeconfig(): gzip closed, tar writer never closed, so
    // the stream is the 512-byte header and the body, nothing after it.
    assertThat(gunzip(payload)).hasSize(512 + KUBECONFIG.length);
    assertThat(KubeconfigArchive.extract(payload)).contains(KUBECONFIG);
  }

  @Test
  void readsAWellFormedTarToo() throws Exception {
    byte[] payload = SimArchives.terminated("kubeconfig", KUBECONFIG);

    assertThat(gunzip(payload)).hasSize(512 + 1536 + 1024);
    assertThat(KubeconfigArchive.extract(payload)).contains(KUBECONFIG);
  }

  @Test
  void anArchiveWithoutAKubeconfigIsEmptyNotAnError() throws Exception {
    assertThat(KubeconfigArchive.extract(SimArchives.terminated("other", KUBECONFIG))).isEmpty();
    assertThat(KubeconfigArchive.extract(gzip(new byte[0]))).isEmpty();
  }

  @Test
  void aBodyCutShortIsTruncatedNotAnEnd() throws Exception {
    byte[] header = SimArchives.header("kubeconfig", KUBECONFIG.length);
    byte[] cut = concat(header, Arrays.copyOf(KUBECONFIG, 700));

    assertThatThrownBy(() -> KubeconfigArchive.extract(gzip(cut)))
        .isInstanceOf(KubeconfigArchive.Malformed.class)
        .hasMessage("it is truncated: the file 'kubeconfig' ends after 700 of its 1120 bytes");
  }

  @Test
  void aHeaderCutShortIsMalformed() {
    byte[] half = Arrays.copyOf(SimArchives.header("kubeconfig", 10), 300);

    assertThatThrownBy(() -> KubeconfigArchive.extract(gzip(half)))
        .isInstanceOf(KubeconfigArchive.Malformed.class)
        .hasMessageContaining("ends inside a tar header");
  }

  @Test
  void garbageIsRefusedWithTheReason() {
    byte[] noise = new byte[2048];
    new Random(17).nextBytes(noise);

    assertThatThrownBy(() -> KubeconfigArchive.extract(noise))
        .isInstanceOf(KubeconfigArchive.Malformed.class)
        .hasMessageContaining("not gzip-compressed");
    assertThatThrownBy(() -> KubeconfigArchive.extract(gzip(noise)))
        .isInstanceOf(KubeconfigArchive.Malformed.class)
        .hasMessageContaining("not a tar archive");
    byte[] payload = SimArchives.upstream("kubeconfig", KUBECONFIG);
    byte[] cutGzip = Arrays.copyOf(payload, payload.length - 12);
    assertThatThrownBy(() -> KubeconfigArchive.extract(cutGzip))
        .isInstanceOf(KubeconfigArchive.Malformed.class)
        .hasMessageContaining("gzip stream is corrupt");
  }

  @Test
  void theHeaderIsGoArchiveTarsUstarEncoding() throws Exception {
    byte[] header = Arrays.copyOf(gunzip(SimArchives.upstream("kubeconfig", KUBECONFIG)), 512);

    // Go archive/tar writer.go writeUSTARHeader + format.go formatOctal: zero-padded octal ending
    // in NUL; magic "ustar\0", version "00"; checksum six digits, NUL, space.
    assertThat(field(header, 0, 11)).isEqualTo("kubeconfig\0");
    assertThat(field(header, 100, 8)).isEqualTo("0000600\0");
    assertThat(field(header, 108, 16)).isEqualTo("0000000\0" + "0000000\0");
    assertThat(field(header, 124, 12)).isEqualTo(String.format("%011o", KUBECONFIG.length) + "\0");
    assertThat(header[156]).isEqualTo((byte) '0');
    assertThat(field(header, 257, 8)).isEqualTo("ustar\0" + "00");
    assertThat(field(header, 329, 16)).isEqualTo("0000000\0" + "0000000\0");
    assertThat(field(header, 148, 8)).matches("[0-7]{6}\0 ");
    // gzip header as Go's compress/gzip writes it with no Name and zero ModTime: MTIME 0, OS 255.
    byte[] payload = SimArchives.upstream("kubeconfig", KUBECONFIG);
    assertThat(Arrays.copyOf(payload, 10)).containsExactly(0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff);
  }

  private static String field(byte[] header, int offset, int length) {
    return new String(header, offset, length, StandardCharsets.US_ASCII);
  }

  private static byte[] gunzip(byte[] payload) throws Exception {
    try (var in = new GZIPInputStream(new ByteArrayInputStream(payload))) {
      return in.readAllBytes();
    }
  }

  private static byte[] gzip(byte[] content) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(content);
    }
    return out.toByteArray();
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
