package dev.ironkube.sim.kube;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.net.URLDecoder;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The REST verbs on resources: get, list, create, replace, patch and delete, stored generically.
 */
final class ResourceRoutes {
  /** One answer: HTTP status and JSON body. */
  record Answer(int status, JsonNode body) {}

  private final ObjectMapper json = new ObjectMapper();
  private final ObjectMapper yaml = new YAMLMapper();
  private final KindCatalogue kinds;
  private final ObjectStore store;
  private final WorkloadModel workloads;
  private final NodeReadiness nodes;
  private final Clock clock;

  ResourceRoutes(
      KindCatalogue kinds,
      ObjectStore store,
      WorkloadModel workloads,
      NodeReadiness nodes,
      Clock clock) {
    this.kinds = kinds;
    this.store = store;
    this.workloads = workloads;
    this.nodes = nodes;
    this.clock = clock;
  }

  /**
   * @param servingAddress the address of the API server answering (the control plane that would
   *     dial a kubelet for logs)
   */
  Answer handle(
      String method,
      ApiPath path,
      String query,
      String contentType,
      byte[] body,
      String servingAddress)
      throws IOException {
    Optional<ApiKind> found = kinds.byPlural(path.group(), path.version(), path.plural());
    if (found.isEmpty()) {
      return ApiStatus.failure(404, "NotFound", "the server could not find the requested resource");
    }
    ApiKind kind = found.get();
    String ns = kind.namespaced() ? path.namespace() : null;
    if (kind.kind().equals("Pod")) {
      return pods(method, path, query, servingAddress);
    }
    try {
      return switch (method) {
        case "GET" -> path.isCollection() ? list(kind, ns, query) : get(kind, ns, path.name());
        case "POST" -> create(kind, ns, (ObjectNode) json.readTree(body));
        case "PUT" -> replace(kind, ns, path, (ObjectNode) json.readTree(body));
        case "PATCH" -> patch(kind, ns, path.name(), query, contentType, body);
        case "DELETE" -> delete(kind, ns, path.name());
        default -> ApiStatus.failure(405, "MethodNotAllowed", method + " is not supported");
      };
    } catch (ObjectStore.Refused r) {
      return r.answer;
    }
  }

  private Answer get(ApiKind kind, String ns, String name) {
    return store
        .get(kind, ns, name)
        .map(o -> new Answer(200, decorated(kind, o)))
        .orElseGet(() -> notFound(kind, name));
  }

  private Answer list(ApiKind kind, String ns, String query) {
    LabelSelector selector = LabelSelector.fromQuery(query);
    FieldSelector fields = FieldSelector.fromQuery(query);
    List<ObjectNode> items = store.list(kind, ns);
    return new Answer(
        200,
        listOf(
            kind,
            items.stream()
                .filter(selector::matches)
                .filter(fields::matches)
                .map(o -> decorated(kind, o))
                .toList()));
  }

  /** A POST of {@code object}: what API clients inside the simulated world call too. */
  Answer create(ApiKind kind, String ns, ObjectNode object) {
    String sent = object.path("metadata").path("namespace").asText("");
    if (ns != null && !sent.isEmpty() && !sent.equals(ns)) {
      // rest.EnsureObjectNamespaceMatchesRequestNamespace (k8s.io/apiserver
      // pkg/registry/rest/meta.go), checked by the create handler before admission.
      return ApiStatus.failure(
          400,
          "BadRequest",
          "the namespace of the provided object does not match the namespace sent on the request");
    }
    if (ns != null && !namespaceExists(ns)) {
      // The NamespaceLifecycle admission plugin (kubernetes/kubernetes
      // staging/src/k8s.io/apiserver/pkg/admission/plugin/namespace/lifecycle/admission.go):
      // nothing is created in a namespace that does not exist: 404 namespaces "x" not found.
      return ApiStatus.notFound(ApiKind.core("Namespace", "namespaces", false), ns);
    }
    if (kind.kind().equals("Namespace")) {
      NamespaceDefaults.prepareForCreate(object);
    }
    if (kind.kind().equals("CustomResourceDefinition")) {
      object
          .putObject("status")
          .putArray("conditions")
          .addObject()
          .put("type", "Established")
          .put("status", "True");
    }
    ObjectNode created = store.create(kind, ns, object);
    if (kind.kind().equals("CustomResourceDefinition")) {
      kinds.register(created);
    }
    workloads.created(kind, created);
    return new Answer(201, decorated(kind, created));
  }

  private Answer replace(ApiKind kind, String ns, ApiPath path, ObjectNode object) {
    if ("status".equals(path.sub())) {
      return get(kind, ns, path.name());
    }
    if (kind.kind().equals("CustomResourceDefinition")) {
      kinds.register(object);
    }
    if (kind.kind().equals("Namespace")) {
      store
          .get(kind, null, path.name())
          .ifPresent(live -> NamespaceDefaults.prepareForUpdate(object, live));
    }
    return new Answer(200, decorated(kind, store.replace(kind, ns, path.name(), object)));
  }

  private Answer patch(
      ApiKind kind, String ns, String name, String query, String contentType, byte[] body)
      throws IOException {
    Answer refused = patchOptions(query, Patches.isApply(contentType));
    if (refused != null) {
      return refused;
    }
    Optional<ObjectNode> live = store.get(kind, ns, name);
    if (Patches.isApply(contentType)) {
      ObjectNode applied = (ObjectNode) yaml.readTree(body);
      if (live.isEmpty()) {
        return create(kind, ns, applied);
      }
      ObjectNode merged = (ObjectNode) Patches.merge(live.get(), applied);
      merged.with("metadata").remove("resourceVersion");
      return new Answer(200, decorated(kind, store.replace(kind, ns, name, merged)));
    }
    if (live.isEmpty()) {
      return notFound(kind, name);
    }
    JsonNode patch = json.readTree(body);
    JsonNode patched;
    if (Patches.isMerge(contentType)) {
      patched = Patches.merge(live.get(), patch);
    } else if (Patches.isJsonPatch(contentType)) {
      patched = Patches.jsonPatch(live.get(), patch);
    } else {
      return ApiStatus.failure(
          415, "UnsupportedMediaType", "unsupported patch type " + contentType);
    }
    ObjectNode result = (ObjectNode) patched;
    result.with("metadata").remove("resourceVersion");
    return new Answer(200, decorated(kind, store.replace(kind, ns, name, result)));
  }

  /**
   * {@code ValidatePatchOptions} (k8s.io/apimachinery v0.36.3 {@code
   * pkg/apis/meta/v1/validation/validation.go}), checked by the patch handler before anything else:
   * an apply needs a {@code fieldManager}, any other patch may not carry {@code force}.
   */
  private static Answer patchOptions(String query, boolean apply) {
    Map<String, String> params = new HashMap<>();
    for (String pair : query == null ? new String[0] : query.split("&")) {
      int eq = pair.indexOf('=');
      String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), UTF_8);
      params.put(key, eq < 0 ? "" : pair.substring(eq + 1));
    }
    if (apply && params.getOrDefault("fieldManager", "").isEmpty()) {
      return ApiStatus.invalid(
          "meta.k8s.io",
          "PatchOptions",
          "",
          "fieldManager",
          "Required value",
          "is required for apply patch");
    }
    if (!apply && params.containsKey("force")) {
      return ApiStatus.invalid(
          "meta.k8s.io",
          "PatchOptions",
          "",
          "force",
          "Forbidden",
          "may not be specified for non-apply patch");
    }
    return null;
  }

  /**
   * A delete that takes effect at once answers a Success {@code Status} naming the object; kinds
   * whose deletion waits on finalizers (namespaces, CRDs) answer the object itself. The fake
   * removes those at once too.
   */
  private Answer delete(ApiKind kind, String ns, String name) {
    Optional<ObjectNode> gone = store.delete(kind, ns, name);
    gone.ifPresent(o -> workloads.deleted(kind, ns, name));
    if (gone.isPresent() && kind.kind().equals("Node")) {
      workloads.nodeDeleted(name);
    }
    if (gone.isEmpty()) {
      return notFound(kind, name);
    }
    if (kind.kind().equals("Namespace") || kind.kind().equals("CustomResourceDefinition")) {
      return new Answer(200, gone.get());
    }
    return ApiStatus.deleted(kind, name, gone.get().path("metadata").path("uid").asText());
  }

  /**
   * Pods are run by the simulated workloads, not stored: list and get (with label and field
   * selectors, across namespaces too), the eviction subresource and delete (the controller then
   * replaces the pod, see {@link WorkloadModel#evict}), and the log subresource, for which the API
   * server dials the pod's kubelet on 10250.
   */
  private Answer pods(String method, ApiPath path, String query, String servingAddress) {
    ApiKind kind = ApiKind.core("Pod", "pods", true);
    if (method.equals("POST") && "eviction".equals(path.sub())) {
      if (!workloads.evict(path.namespace(), path.name())) {
        return notFound(kind, path.name());
      }
      ObjectNode success = json.createObjectNode();
      success.put("kind", "Status").put("apiVersion", "v1").putObject("metadata");
      success.put("status", "Success").put("code", 201);
      return new Answer(201, success);
    }
    if (method.equals("DELETE") && !path.isCollection() && path.sub() == null) {
      Optional<ObjectNode> live = pod(path.namespace(), path.name());
      if (live.isEmpty() || !workloads.evict(path.namespace(), path.name())) {
        return notFound(kind, path.name());
      }
      return new Answer(200, live.get());
    }
    if (!method.equals("GET")) {
      return ApiStatus.failure(405, "MethodNotAllowed", "pods are run by the simulated workloads");
    }
    if (path.isCollection()) {
      LabelSelector selector = LabelSelector.fromQuery(query);
      FieldSelector fields = FieldSelector.fromQuery(query);
      List<ObjectNode> pods =
          workloads.pods(path.namespace()).stream()
              .filter(selector::matches)
              .filter(fields::matches)
              .toList();
      return new Answer(200, listOf(kind, pods));
    }
    Optional<ObjectNode> pod = pod(path.namespace(), path.name());
    if (pod.isEmpty()) {
      return notFound(kind, path.name());
    }
    if ("log".equals(path.sub())) {
      return log(pod.get(), servingAddress);
    }
    return new Answer(200, pod.get());
  }

  private Optional<ObjectNode> pod(String namespace, String name) {
    return workloads.pods(namespace == null ? "" : namespace).stream()
        .filter(p -> p.path("metadata").path("name").asText().equals(name))
        .findFirst();
  }

  private Answer log(ObjectNode pod, String servingAddress) {
    String node = pod.path("spec").path("nodeName").asText("");
    String ns = pod.path("metadata").path("namespace").asText();
    String name = pod.path("metadata").path("name").asText();
    if (node.isEmpty()) {
      return ApiStatus.failure(400, "BadRequest", "pod " + name + " does not have a host assigned");
    }
    if (!workloads.kubeletReachable(servingAddress, node)) {
      String ip =
          store
              .get(ApiKind.core("Node", "nodes", false), null, node)
              .map(n -> n.path("status").path("addresses").path(0).path("address").asText(node))
              .orElse(node);
      return ApiStatus.failure(
          500,
          "InternalError",
          "Get \"https://"
              + ip
              + ":10250/containerLogs/"
              + ns
              + "/"
              + name
              + "\": dial tcp "
              + ip
              + ":10250: i/o timeout");
    }
    return new Answer(
        200,
        json.getNodeFactory()
            .textNode("simulated log of " + ns + "/" + name + " on " + node + "\n"));
  }

  private boolean namespaceExists(String ns) {
    return store.get(ApiKind.core("Namespace", "namespaces", false), null, ns).isPresent();
  }

  private ObjectNode decorated(ApiKind kind, ObjectNode object) {
    if (kind.kind().equals("Node")) {
      nodes.decorate(object, clock.instant());
    }
    workloads.decorate(kind, object);
    return object;
  }

  private ObjectNode listOf(ApiKind kind, List<ObjectNode> items) {
    ObjectNode list = json.createObjectNode();
    list.put("apiVersion", kind.groupVersion()).put("kind", kind.kind() + "List");
    list.putObject("metadata").put("resourceVersion", store.currentRevision());
    ArrayNode array = list.putArray("items");
    items.forEach(array::add);
    return list;
  }

  private static Answer notFound(ApiKind kind, String name) {
    return ApiStatus.notFound(kind, name);
  }
}
