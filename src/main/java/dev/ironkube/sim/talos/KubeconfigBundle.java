package dev.ironkube.sim.talos;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.ironkube.talos.pki.TalosPem;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;

/**
 * The admin kubeconfig a control-plane node hands out (shared/reference/talos.md, section 4.5),
 * packed the way the Kubeconfig RPC sends it (see {@link #upstreamPayload}).
 */
final class KubeconfigBundle {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private KubeconfigBundle() {}

  static byte[] kubeconfig(AppliedConfig config) {
    SimPki.Issued admin =
        SimPki.client(config.k8sCa(), "CN=admin,O=system:masters", Duration.ofDays(365));
    String name = config.clusterName();
    String user = "admin@" + name;
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("apiVersion", "v1");
    doc.put("kind", "Config");
    doc.put(
        "clusters",
        List.of(
            Map.of(
                "name",
                name,
                "cluster",
                Map.of(
                    "server", config.endpoint(),
                    "certificate-authority-data", b64(pem(config.k8sCa().certificate()))))));
    doc.put(
        "users",
        List.of(
            Map.of(
                "name",
                user,
                "user",
                Map.of(
                    "client-certificate-data",
                    b64(pem(admin.certificate())),
                    // Talos writes the admin key as SEC1 "EC PRIVATE KEY", as kubectl and fabric8
                    // expect.
                    "client-key-data",
                    b64(TalosPem.privateKey(admin.key()))))));
    doc.put(
        "contexts",
        List.of(
            Map.of(
                "name",
                user,
                "context",
                Map.of("cluster", name, "user", user, "namespace", "default"))));
    doc.put("current-context", user);
    try {
      return YAML.writeValueAsBytes(doc);
    } catch (IOException e) {
      throw new IllegalStateException("rendering the kubeconfig failed", e);
    }
  }

  /**
   * The Kubeconfig RPC's payload byte for byte as far as tar goes: siderolabs/talos {@code
   * internal/app/machined/internal/server/v1alpha1/v1alpha1_server.go} Kubeconfig() (v1.11.6,
   * v1.12.11, v1.13.9, main) writes a tar header and the file into a gzip writer, closes the gzip
   * writer and never the tar writer. So the payload is gzip(header + body): no padding to 512
   * bytes, no end-of-archive blocks. talosctl reads it anyway because Go's tar reader returns EOF
   * when the stream ends where padding was due. The gzip header is Go's too (mtime 0, OS 255, which
   * the JDK also writes); the deflate bytes are the JDK's, not Go's, which no reader sees.
   */
  static byte[] upstreamPayload(String fileName, byte[] content, Instant modified) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(ustarHeader(fileName, content.length, modified));
      gz.write(content);
    } catch (IOException e) {
      throw new IllegalStateException("writing to memory failed", e);
    }
    return out.toByteArray();
  }

  /**
   * The header Go's archive/tar Writer.WriteHeader writes for {@code tar.Header{Typeflag: TypeReg,
   * Name, Size, ModTime: time.Now(), Mode: 0o600}}: USTAR (the format it picks when nothing needs
   * PAX), ModTime rounded to the second, numbers as zero-padded octal ending in NUL, uid, gid and
   * device numbers 0, empty user and group names, the checksum as six octal digits, NUL, space.
   */
  static byte[] ustarHeader(String fileName, long size, Instant modified) {
    byte[] header = new byte[512];
    put(header, 0, fileName);
    octal(header, 100, 8, 0600);
    octal(header, 108, 8, 0);
    octal(header, 116, 8, 0);
    octal(header, 124, 12, size);
    long seconds = modified.getEpochSecond() + (modified.getNano() >= 500_000_000 ? 1 : 0);
    octal(header, 136, 12, seconds);
    header[156] = '0';
    put(header, 257, "ustar\0");
    put(header, 263, "00");
    octal(header, 329, 8, 0);
    octal(header, 337, 8, 0);
    Arrays.fill(header, 148, 156, (byte) ' ');
    long sum = 0;
    for (byte b : header) {
      sum += b & 0xff;
    }
    octal(header, 148, 7, sum);
    header[155] = ' ';
    return header;
  }

  /** Go's formatOctal: leading zeros to fill the field but one byte, which is NUL. */
  private static void octal(byte[] header, int offset, int length, long value) {
    String digits = Long.toOctalString(value);
    put(header, offset, "0".repeat(Math.max(0, length - 1 - digits.length())) + digits);
    header[offset + length - 1] = 0;
  }

  private static void put(byte[] header, int offset, String value) {
    byte[] bytes = value.getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(bytes, 0, header, offset, bytes.length);
  }

  static String pem(Object object) {
    StringWriter text = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
      writer.writeObject(object);
    } catch (IOException e) {
      throw new IllegalStateException("PEM encoding failed", e);
    }
    return text.toString();
  }

  /** PKCS#8: what netty, kubectl and fabric8 all read for an EC key. */
  private static String b64(String pem) {
    return Base64.getEncoder().encodeToString(pem.getBytes(StandardCharsets.US_ASCII));
  }
}
