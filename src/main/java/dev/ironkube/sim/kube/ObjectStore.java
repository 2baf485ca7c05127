package dev.ironkube.sim.kube;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Every object the simulated API server holds, stored generically as JSON and keyed by type,
 * namespace and name. It assigns what the real server assigns (uid, resourceVersion from one
 * cluster-wide counter, creationTimestamp, generation bumped when the spec changes) and rejects
 * stale updates with a conflict, as optimistic concurrency requires.
 */
final class ObjectStore {
  /** Why a write was refused; carries the Status answer the API server would give. */
  static final class Refused extends RuntimeException {
    final ResourceRoutes.Answer answer;

    Refused(ResourceRoutes.Answer answer) {
      super(answer.body().path("message").asText());
      this.answer = answer;
    }
  }

  private final Map<String, ObjectNode> objects = new TreeMap<>();
  private final AtomicLong revision = new AtomicLong(1000);
  private final Clock clock;
  private volatile Consumer<ObjectNode> onCreate = o -> {};

  ObjectStore(Clock clock) {
    this.clock = clock;
  }

  private static String key(ApiKind kind, String namespace, String name) {
    return kind.group()
        + "|"
        + kind.plural()
        + "|"
        + (namespace == null ? "" : namespace)
        + "|"
        + name;
  }

  synchronized Optional<ObjectNode> get(ApiKind kind, String namespace, String name) {
    return Optional.ofNullable(objects.get(key(kind, namespace, name))).map(ObjectNode::deepCopy);
  }

  synchronized List<ObjectNode> list(ApiKind kind, String namespace) {
    String prefix = kind.group() + "|" + kind.plural() + "|";
    String nsPrefix = namespace == null ? prefix : prefix + namespace + "|";
    List<ObjectNode> found = new ArrayList<>();
    objects.forEach(
        (k, v) -> {
          if (k.startsWith(nsPrefix)) {
            found.add(v.deepCopy());
          }
        });
    return found;
  }

  synchronized ObjectNode create(ApiKind kind, String namespace, ObjectNode object) {
    ObjectNode meta = object.with("metadata");
    String name = meta.path("name").asText("");
    if (name.isEmpty()) {
      throw new Refused(
          ApiStatus.invalid(
              kind.group(),
              kind.kind(),
              "",
              "metadata.name",
              "Required value",
              "name or generateName is required"));
    }
    String key = key(kind, namespace, name);
    if (objects.containsKey(key)) {
      throw new Refused(ApiStatus.alreadyExists(kind, name));
    }
    object.put("apiVersion", kind.groupVersion()).put("kind", kind.kind());
    if (namespace != null) {
      meta.put("namespace", namespace);
    }
    meta.put("uid", UUID.randomUUID().toString());
    meta.put("creationTimestamp", clock.instant().truncatedTo(ChronoUnit.SECONDS).toString());
    meta.put("generation", 1);
    meta.put("resourceVersion", Long.toString(revision.incrementAndGet()));
    objects.put(key, object);
    onCreate.accept(object.deepCopy());
    return object.deepCopy();
  }

  /** Called with a copy of every object created, for what happens in the world outside the API. */
  void onCreate(Consumer<ObjectNode> listener) {
    onCreate = listener;
  }

  synchronized ObjectNode replace(ApiKind kind, String namespace, String name, ObjectNode object) {
    String key = key(kind, namespace, name);
    ObjectNode live = objects.get(key);
    if (live == null) {
      throw new Refused(ApiStatus.notFound(kind, name));
    }
    ObjectNode liveMeta = (ObjectNode) live.path("metadata");
    ObjectNode meta = object.with("metadata");
    String sent = meta.path("resourceVersion").asText("");
    if (!sent.isEmpty() && !sent.equals(liveMeta.path("resourceVersion").asText())) {
      throw new Refused(ApiStatus.conflict(kind, name));
    }
    object.put("apiVersion", kind.groupVersion()).put("kind", kind.kind());
    meta.put("name", name);
    if (namespace != null) {
      meta.put("namespace", namespace);
    }
    for (String kept : List.of("uid", "creationTimestamp")) {
      meta.set(kept, liveMeta.get(kept));
    }
    long generation = liveMeta.path("generation").asLong(1);
    boolean specChanged = !object.path("spec").equals(live.path("spec"));
    meta.put("generation", specChanged ? generation + 1 : generation);
    meta.put("resourceVersion", Long.toString(revision.incrementAndGet()));
    objects.put(key, object);
    return object.deepCopy();
  }

  synchronized Optional<ObjectNode> delete(ApiKind kind, String namespace, String name) {
    return Optional.ofNullable(objects.remove(key(kind, namespace, name)));
  }

  /** Every object under its key, and the revision counter: what an etcd snapshot holds. */
  synchronized StoreContents contents() {
    Map<String, ObjectNode> copy = new TreeMap<>();
    objects.forEach((k, v) -> copy.put(k, v.deepCopy()));
    return new StoreContents(copy, revision.get());
  }

  /**
   * Replaces everything with a snapshot's contents, as etcd restored from a snapshot holds exactly
   * what the snapshot held (revision included), whatever was written since.
   */
  synchronized void restore(StoreContents contents) {
    objects.clear();
    contents.objects().forEach((k, v) -> objects.put(k, v.deepCopy()));
    revision.set(contents.revision());
  }

  String currentRevision() {
    return Long.toString(revision.get());
  }
}
