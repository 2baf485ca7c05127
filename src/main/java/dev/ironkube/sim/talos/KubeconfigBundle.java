package dev.ironkube.sim.talos;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;

/**
 * The admin kubeconfig a control-plane node hands out (shared/reference/talos.md, section 4.5),
 * packed the way the Kubeconfig RPC sends it: a gzip-compressed tar with one file, "kubeconfig".
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
                    b64(dev.ironkube.talos.pki.TalosPem.privateKey(admin.key()))))));
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

  /** One-file ustar archive, gzip-compressed, mode 0600 as Talos writes it. */
  static byte[] tarGz(String fileName, byte[] content) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      byte[] header = new byte[512];
      put(header, 0, fileName);
      put(header, 100, "0000600");
      put(header, 108, "0000000");
      put(header, 116, "0000000");
      put(header, 124, String.format("%011o", content.length));
      put(header, 136, String.format("%011o", System.currentTimeMillis() / 1000));
      header[156] = '0';
      put(header, 257, "ustar");
      put(header, 263, "00");
      Arrays.fill(header, 148, 156, (byte) ' ');
      long sum = 0;
      for (byte b : header) {
        sum += b & 0xff;
      }
      put(header, 148, String.format("%06o", sum));
      header[154] = 0;
      gz.write(header);
      gz.write(content);
      gz.write(new byte[(512 - content.length % 512) % 512]);
      gz.write(new byte[1024]);
    } catch (IOException e) {
      throw new IllegalStateException("writing to memory failed", e);
    }
    return out.toByteArray();
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
