package dev.ironkube.workflow.upgrade;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import dev.ironkube.failure.OperationFailedException;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The Kubernetes images in a node's machine config (the v1alpha1 document of a multi-document
 * config), read and replaced as talosctl upgrade-k8s patches them: {@code cluster.apiServer.image},
 * {@code cluster.controllerManager.image}, {@code cluster.scheduler.image}, {@code
 * cluster.proxy.image} and {@code machine.kubelet.image} (siderolabs/talos v1.13.9
 * pkg/cluster/kubernetes/talos_managed.go, upgradeStaticPodPatcher and patchKubeProxy; kubelet.go).
 * The image's repository is kept, only its tag changes; the other documents pass through untouched.
 */
public final class KubernetesImages {
  /** One image a config names, with where it lives and the repository Talos defaults to. */
  public enum Component {
    API_SERVER("kube-apiserver", "cluster", "apiServer", "registry.k8s.io/kube-apiserver"),
    CONTROLLER_MANAGER(
        "kube-controller-manager",
        "cluster",
        "controllerManager",
        "registry.k8s.io/kube-controller-manager"),
    SCHEDULER("kube-scheduler", "cluster", "scheduler", "registry.k8s.io/kube-scheduler"),
    PROXY("kube-proxy", "cluster", "proxy", "registry.k8s.io/kube-proxy"),
    KUBELET("kubelet", "machine", "kubelet", "ghcr.io/siderolabs/kubelet");

    final String label;
    final String section;
    final String key;
    final String defaultRepository;

    Component(String label, String section, String key, String defaultRepository) {
      this.label = label;
      this.section = section;
      this.key = key;
      this.defaultRepository = defaultRepository;
    }

    public String label() {
      return label;
    }
  }

  private static final ObjectMapper YAML =
      new ObjectMapper(
          YAMLFactory.builder()
              .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
              .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
              .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE)
              .build());

  private KubernetesImages() {}

  /** The image's tag without its "v" ("1.34.1"), or empty when the config names none. */
  public static Optional<String> version(byte[] config, Component c) {
    JsonNode image = v1alpha1(documents(config)).path(c.section).path(c.key).path("image");
    if (!image.isTextual()) {
      return Optional.empty();
    }
    String text = image.asText();
    int colon = text.lastIndexOf(':');
    return colon < 0 || colon < text.lastIndexOf('/')
        ? Optional.empty()
        : Optional.of(text.substring(colon + 1).replaceFirst("^v", ""));
  }

  /** Whether kube-proxy runs: Talos deploys it unless {@code cluster.proxy.disabled} is true. */
  public static boolean proxyEnabled(byte[] config) {
    return !v1alpha1(documents(config)).path("cluster").path("proxy").path("disabled").asBoolean();
  }

  /** The config with {@code c}'s image at {@code version} ("1.35.4"), every other byte kept. */
  public static byte[] withVersion(byte[] config, Component c, String version) {
    List<JsonNode> docs = documents(config);
    ObjectNode root = (ObjectNode) v1alpha1(docs);
    ObjectNode section = root.with(c.section);
    ObjectNode holder = section.with(c.key);
    String current = holder.path("image").asText("");
    int colon = current.lastIndexOf(':');
    String repository =
        current.isEmpty()
            ? c.defaultRepository
            : colon > current.lastIndexOf('/') ? current.substring(0, colon) : current;
    holder.put("image", repository + ":v" + version);
    StringWriter out = new StringWriter();
    try {
      for (int i = 0; i < docs.size(); i++) {
        if (i > 0) {
          out.write("---\n");
        }
        out.write(YAML.writeValueAsString(docs.get(i)));
      }
    } catch (IOException e) {
      throw new IllegalStateException("writing YAML to memory failed", e);
    }
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static List<JsonNode> documents(byte[] config) {
    List<JsonNode> docs = new ArrayList<>();
    try (YAMLParser parser = (YAMLParser) YAML.getFactory().createParser(config)) {
      var it = YAML.readValues(parser, JsonNode.class);
      while (it.hasNext()) {
        JsonNode d = it.next();
        if (d != null && !d.isNull() && !d.isMissingNode()) {
          docs.add(d);
        }
      }
    } catch (IOException e) {
      throw new OperationFailedException(
          "the node's machine config is not YAML: " + e.getMessage(), "");
    }
    return docs;
  }

  private static JsonNode v1alpha1(List<JsonNode> docs) {
    for (JsonNode d : docs) {
      if (d.isObject() && "v1alpha1".equals(d.path("version").asText()) && d.has("machine")) {
        return d;
      }
    }
    throw new OperationFailedException(
        "the node's machine config has no v1alpha1 document", "it was not written by Talos' tools");
  }
}
