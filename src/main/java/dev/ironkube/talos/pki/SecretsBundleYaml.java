package dev.ironkube.talos.pki;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ironkube.talos.yaml.TalosYaml;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The secrets.yaml layout of {@code talosctl gen secrets}; key names are lower-case upstream. */
final class SecretsBundleYaml {
  private SecretsBundleYaml() {}

  static String write(SecretsBundle bundle) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("cluster", map("id", bundle.clusterId(), "secret", bundle.clusterSecret()));
    root.put(
        "secrets",
        map(
            "bootstraptoken",
            bundle.bootstrapToken(),
            "secretboxencryptionsecret",
            bundle.secretboxEncryptionSecret()));
    root.put("trustdinfo", map("token", bundle.trustdToken()));
    Map<String, Object> certs = new LinkedHashMap<>();
    certs.put("etcd", pair(bundle.etcd()));
    certs.put("k8s", pair(bundle.kubernetes()));
    certs.put("k8saggregator", pair(bundle.kubernetesAggregator()));
    certs.put(
        "k8sserviceaccount",
        map("key", TalosPem.base64(TalosPem.privateKey(bundle.serviceAccountKey()))));
    certs.put("os", pair(bundle.os()));
    root.put("certs", certs);
    return TalosYaml.write(root);
  }

  static SecretsBundle read(String yaml) {
    List<JsonNode> documents = TalosYaml.readDocuments(yaml);
    if (documents.size() != 1) {
      throw new IllegalArgumentException("expected one YAML document, found " + documents.size());
    }
    JsonNode root = documents.get(0);
    if (root.path("secrets").hasNonNull("aescbcencryptionsecret")
        && !root.path("secrets").hasNonNull("secretboxencryptionsecret")) {
      throw new IllegalArgumentException(
          "bundles with only aescbcencryptionsecret (Talos <= 1.2) are not supported");
    }
    JsonNode certs = root.path("certs");
    return new SecretsBundle(
        text(root, "cluster", "id"),
        text(root, "cluster", "secret"),
        text(root, "secrets", "bootstraptoken"),
        text(root, "secrets", "secretboxencryptionsecret"),
        text(root, "trustdinfo", "token"),
        pair(certs, "etcd"),
        pair(certs, "k8s"),
        pair(certs, "k8saggregator"),
        TalosPem.parsePrivateKey(
            TalosPem.fromBase64(
                text(certs, "k8sserviceaccount", "key"), "certs.k8sserviceaccount.key")),
        pair(certs, "os"));
  }

  private static Map<String, Object> pair(CertAndKey pair) {
    return map(
        "crt", TalosPem.base64(pair.certificatePem()), "key", TalosPem.base64(pair.keyPem()));
  }

  private static CertAndKey pair(JsonNode certs, String name) {
    String where = "certs." + name;
    return CertAndKey.fromDer(
        TalosPem.certificateDer(TalosPem.fromBase64(text(certs, name, "crt"), where + ".crt")),
        TalosPem.parsePrivateKey(TalosPem.fromBase64(text(certs, name, "key"), where + ".key")));
  }

  private static String text(JsonNode node, String parent, String field) {
    JsonNode value = node.path(parent).path(field);
    if (!value.isTextual() || value.asText().isBlank()) {
      throw new IllegalArgumentException("missing " + parent + "." + field);
    }
    return value.asText();
  }

  private static Map<String, Object> map(Object... keysAndValues) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      out.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return out;
  }
}
