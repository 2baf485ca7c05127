package dev.ironkube.talos.config;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A Kubernetes manifest Talos applies once the cluster is up (cluster.inlineManifests). Later
 * phases put Secrets and the CNI here, so renderings for the screen redact the contents.
 *
 * @param name unique within the config
 * @param contents one or more YAML documents
 */
public record InlineManifest(String name, String contents) {
  public InlineManifest {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(contents, "contents");
  }

  /** From name → contents, in the map's iteration order. */
  public static List<InlineManifest> of(Map<String, String> manifests) {
    return manifests.entrySet().stream()
        .map(e -> new InlineManifest(e.getKey(), e.getValue()))
        .toList();
  }

  @Override
  public String toString() {
    return "InlineManifest[name=" + name + ", contents=<" + contents.length() + " chars>]";
  }
}
