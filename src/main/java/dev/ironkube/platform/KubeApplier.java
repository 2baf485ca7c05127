package dev.ironkube.platform;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * Creates or updates one object at a time, and writes nothing when the object is already as
 * rendered. Each object carries the SHA-256 of its rendered form in an annotation; an equal hash on
 * the live object means nothing to do. Comparing hashes rather than live fields keeps the check
 * exact despite server defaulting, and makes a second run send no write at all.
 *
 * <p>Create-or-replace rather than server-side apply: it behaves the same on every API server
 * (fabric8's mock and our simulator included) and ironkube is the only writer of these objects
 * until Argo CD takes over the Applications' contents.
 */
final class KubeApplier {
  static final String HASH_ANNOTATION = "ironkube.dev/applied-sha256";
  private static final ObjectMapper CANONICAL =
      new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

  /** What applying one object did. */
  enum Outcome {
    CREATED,
    UPDATED,
    REPLACED,
    UNCHANGED
  }

  private final KubernetesClient client;

  KubeApplier(KubernetesClient client) {
    this.client = client;
  }

  Outcome apply(Manifest manifest, boolean createOnly) {
    ObjectNode desired = manifest.json().deepCopy();
    String hash = hash(desired);
    desired.with("metadata").with("annotations").put(HASH_ANNOTATION, hash);
    GenericKubernetesResource resource =
        Manifests.JSON.convertValue(desired, GenericKubernetesResource.class);
    Resource<GenericKubernetesResource> op = operation(manifest).resource(resource);
    GenericKubernetesResource live = op.get();
    if (live == null) {
      op.create();
      return Outcome.CREATED;
    }
    Map<String, String> annotations = live.getMetadata().getAnnotations();
    if (createOnly || (annotations != null && hash.equals(annotations.get(HASH_ANNOTATION)))) {
      return Outcome.UNCHANGED;
    }
    if (manifest.kind().equals("Job")) {
      // A Job's pod template is immutable; a changed Job is a new run.
      op.withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();
      operation(manifest).resource(resource).create();
      return Outcome.REPLACED;
    }
    resource.getMetadata().setResourceVersion(live.getMetadata().getResourceVersion());
    operation(manifest).resource(resource).update();
    return Outcome.UPDATED;
  }

  /** Reads an object as JSON, or null when it does not exist. */
  ObjectNode read(String apiVersion, String kind, String namespace, String name) {
    var ops = client.genericKubernetesResources(apiVersion, kind);
    GenericKubernetesResource live =
        namespace.isEmpty()
            ? ops.withName(name).get()
            : ops.inNamespace(namespace).withName(name).get();
    return live == null ? null : Manifests.JSON.valueToTree(live);
  }

  private NonNamespaceOperation<GenericKubernetesResource, ?, Resource<GenericKubernetesResource>>
      operation(Manifest manifest) {
    var ops = client.genericKubernetesResources(manifest.apiVersion(), manifest.kind());
    return manifest.namespace().isEmpty() ? ops : ops.inNamespace(manifest.namespace());
  }

  static String hash(ObjectNode rendered) {
    try {
      Object canonical = CANONICAL.convertValue(rendered, Object.class);
      byte[] bytes = CANONICAL.writeValueAsString(canonical).getBytes(StandardCharsets.UTF_8);
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException | JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
