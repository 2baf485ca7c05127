package dev.ironkube.sim.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What kube-apiserver does to a Namespace it stores, per kubernetes/kubernetes {@code
 * pkg/registry/core/namespace/strategy.go} ({@code PrepareForCreate}: status phase Active and the
 * {@code kubernetes} finalizer; {@code PrepareForUpdate}: finalizers and status kept from the live
 * object) and {@code pkg/apis/core/v1/defaults.go} ({@code SetDefaults_Namespace}: the {@code
 * kubernetes.io/metadata.name} label).
 */
final class NamespaceDefaults {
  private NamespaceDefaults() {}

  static void prepareForCreate(ObjectNode namespace) {
    namespace.putObject("status").put("phase", "Active");
    ArrayNode finalizers = namespace.with("spec").withArray("finalizers");
    boolean hasKube = false;
    for (JsonNode f : finalizers) {
      hasKube |= f.asText().equals("kubernetes");
    }
    if (!hasKube) {
      finalizers.add("kubernetes");
    }
    nameLabel(namespace);
  }

  static void prepareForUpdate(ObjectNode namespace, JsonNode live) {
    namespace.with("spec").set("finalizers", live.path("spec").path("finalizers").deepCopy());
    namespace.set("status", live.path("status").deepCopy());
    nameLabel(namespace);
  }

  private static void nameLabel(ObjectNode namespace) {
    ObjectNode meta = namespace.with("metadata");
    meta.with("labels").put("kubernetes.io/metadata.name", meta.path("name").asText());
  }
}
