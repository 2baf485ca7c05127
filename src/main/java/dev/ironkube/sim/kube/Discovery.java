package dev.ironkube.sim.kube;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Discovery documents, built from the kind catalogue, in the shapes clients parse. */
final class Discovery {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  static final String KUBERNETES_VERSION = "v1.34.1";

  private final KindCatalogue kinds;

  Discovery(KindCatalogue kinds) {
    this.kinds = kinds;
  }

  /** The document for {@code path}, when it is a discovery path. */
  Optional<ObjectNode> answer(String path) {
    String p =
        path.endsWith("/") && path.length() > 1 ? path.substring(0, path.length() - 1) : path;
    if (p.equals("/version")) {
      return Optional.of(version());
    }
    if (p.equals("/api")) {
      ObjectNode versions = JSON.objectNode().put("kind", "APIVersions");
      versions.putArray("versions").add("v1");
      versions.putArray("serverAddressByClientCIDRs");
      return Optional.of(versions);
    }
    if (p.equals("/apis")) {
      return Optional.of(groups());
    }
    if (p.equals("/api/v1")) {
      return Optional.of(resources("", "v1"));
    }
    String[] parts = p.split("/");
    if (parts.length == 4 && parts[1].equals("apis")) {
      ObjectNode list = resources(parts[2], parts[3]);
      return list.path("resources").isEmpty() ? Optional.empty() : Optional.of(list);
    }
    return Optional.empty();
  }

  private ObjectNode version() {
    return JSON.objectNode()
        .put("major", "1")
        .put("minor", "34")
        .put("gitVersion", KUBERNETES_VERSION)
        .put("platform", "linux/amd64");
  }

  private ObjectNode groups() {
    Map<String, Set<String>> versions = new LinkedHashMap<>();
    for (ApiKind k : kinds.all()) {
      if (!k.group().isEmpty()) {
        versions.computeIfAbsent(k.group(), g -> new LinkedHashSet<>()).add(k.version());
      }
    }
    ObjectNode list = JSON.objectNode().put("kind", "APIGroupList").put("apiVersion", "v1");
    ArrayNode groups = list.putArray("groups");
    versions.forEach(
        (group, vs) -> {
          ObjectNode g = groups.addObject().put("name", group);
          ArrayNode vArray = g.putArray("versions");
          vs.forEach(
              v -> vArray.addObject().put("groupVersion", group + "/" + v).put("version", v));
          String preferred = vs.iterator().next();
          g.putObject("preferredVersion")
              .put("groupVersion", group + "/" + preferred)
              .put("version", preferred);
        });
    return list;
  }

  private ObjectNode resources(String group, String version) {
    ObjectNode list =
        JSON.objectNode()
            .put("kind", "APIResourceList")
            .put("apiVersion", "v1")
            .put("groupVersion", group.isEmpty() ? version : group + "/" + version);
    ArrayNode resources = list.putArray("resources");
    for (ApiKind k : kinds.inGroupVersion(group, version)) {
      ObjectNode r =
          resources
              .addObject()
              .put("name", k.plural())
              .put("singularName", k.kind().toLowerCase())
              .put("namespaced", k.namespaced())
              .put("kind", k.kind());
      ArrayNode verbs = r.putArray("verbs");
      List<String> shortNames = kinds.shortNames(k);
      if (!shortNames.isEmpty()) {
        // APIResource.ShortNames is omitempty (apimachinery pkg/apis/meta/v1/types.go).
        ArrayNode names = r.putArray("shortNames");
        shortNames.forEach(names::add);
      }
      List<String> categories = kinds.categories(k);
      if (!categories.isEmpty()) {
        // APIResource.Categories is omitempty too; kubectl get all expands the "all" category.
        ArrayNode listed = r.putArray("categories");
        categories.forEach(listed::add);
      }
      for (String verb :
          new String[] {"create", "delete", "get", "list", "patch", "update", "watch"}) {
        verbs.add(verb);
      }
      if (WorkloadModel.isWorkload(k.kind())) {
        resources
            .addObject()
            .put("name", k.plural() + "/status")
            .put("singularName", "")
            .put("namespaced", k.namespaced())
            .put("kind", k.kind())
            .putArray("verbs")
            .add("get")
            .add("patch")
            .add("update");
      }
    }
    return list;
  }
}
