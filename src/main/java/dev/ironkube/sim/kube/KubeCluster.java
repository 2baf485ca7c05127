package dev.ironkube.sim.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ironkube.sim.Faults;
import dev.ironkube.sim.TimeModel;
import java.net.InetAddress;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The state behind a simulated cluster's Kubernetes API, as etcd holds it: one object store and one
 * workload model, which every control plane's {@link KubeApiFake} serves. The simulated world
 * (kubelets, the node lifecycle controller) writes Node objects through {@link #registerNode} and
 * {@link #nodeUnreachable}, as the real ones write them through the API; Talos creates its
 * manifests through {@link #createMissing}. A healthy kubelet's Node is Ready only once a CNI runs
 * on it ({@link NodeReadiness}); the CNI arrives when a Job running {@code cilium install} starts
 * ({@link CiliumInstall}).
 */
public final class KubeCluster {
  private static final ApiKind NODES = ApiKind.core("Node", "nodes", false);

  final KindCatalogue kinds = new KindCatalogue();
  final ObjectStore store;
  final Discovery discovery;
  final WorkloadModel workloads;
  final ResourceRoutes routes;
  final NodeReadiness readiness;
  final Tables tables;
  private final Clock clock;

  public KubeCluster(TimeModel time, Faults faults, Clock clock) {
    this.clock = clock;
    this.store = new ObjectStore(clock);
    this.discovery = new Discovery(kinds);
    this.workloads = new WorkloadModel(time, faults, clock, this::candidates);
    this.readiness = new NodeReadiness(store, workloads);
    this.routes = new ResourceRoutes(kinds, store, workloads, readiness, clock);
    this.tables = new Tables(store, clock);
    workloads.onPlaced(this::podStarted);
  }

  /**
   * What a freshly bootstrapped Talos cluster holds: the system namespaces and the bootstrap
   * control plane's Node, its kubelet healthy (Ready once a CNI runs on it).
   */
  public KubeCluster seed(String nodeName, InetAddress address) {
    ClusterSeed.seed(store, nodeName, address);
    return this;
  }

  /** Lets the simulated world react to objects created through the API. */
  public void onObjectCreated(Consumer<ObjectNode> listener) {
    store.onCreate(listener);
  }

  /** Which paths between nodes the cluster's firewalls let through. */
  public void useNetwork(NodeNetwork network) {
    workloads.useNetwork(network);
  }

  /**
   * A kubelet registering its node, or updating its Ready condition: creates the Node when it does
   * not exist (labels as kubelet sets them, the control-plane role label as Talos adds it), else
   * rewrites the Ready condition and keeps everything else (a cordon, say).
   */
  public synchronized void registerNode(
      String name, InetAddress address, boolean controlPlane, boolean ready) {
    Optional<ObjectNode> live = store.get(NODES, null, name);
    if (live.isEmpty()) {
      ObjectNode node = ClusterSeed.node(name, address, controlPlane);
      readyCondition(
          node,
          ready ? "True" : "False",
          ready ? "KubeletReady" : "KubeletNotReady",
          ready ? "kubelet is posting ready status" : "kubelet is not healthy (simulated)");
      store.create(NODES, null, node);
      return;
    }
    ObjectNode node = live.get();
    readyCondition(
        node,
        ready ? "True" : "False",
        ready ? "KubeletReady" : "KubeletNotReady",
        ready ? "kubelet is posting ready status" : "kubelet is not healthy (simulated)");
    node.with("metadata").remove("resourceVersion");
    store.replace(NODES, null, name, node);
  }

  /**
   * The node lifecycle controller's verdict on a node whose kubelet stopped posting status: Ready
   * turns Unknown; the object stays until someone deletes it.
   */
  public synchronized void nodeUnreachable(String name) {
    store
        .get(NODES, null, name)
        .ifPresent(
            node -> {
              readyCondition(
                  node, "Unknown", "NodeStatusUnknown", "Kubelet stopped posting node status.");
              node.with("metadata").remove("resourceVersion");
              store.replace(NODES, null, name, node);
            });
  }

  /**
   * A kubelet posting its versions in {@code status.nodeInfo} (after a restart, an upgrade); a null
   * value keeps what the Node holds. Nothing happens when the Node does not exist.
   */
  public synchronized void nodeInfo(String name, String kubeletVersion, String osImage) {
    store
        .get(NODES, null, name)
        .ifPresent(
            node -> {
              ObjectNode info = node.with("status").with("nodeInfo");
              if (kubeletVersion != null) {
                info.put("kubeletVersion", kubeletVersion);
              }
              if (osImage != null) {
                info.put("osImage", osImage);
              }
              node.with("metadata").remove("resourceVersion");
              store.replace(NODES, null, name, node);
            });
  }

  /** A node agent's change to its Node (Talos' NodeApplyController); nothing when it is absent. */
  public synchronized void updateNode(String name, Consumer<ObjectNode> change) {
    store
        .get(NODES, null, name)
        .ifPresent(
            node -> {
              change.accept(node);
              node.with("metadata").remove("resourceVersion");
              store.replace(NODES, null, name, node);
            });
  }

  /** Whether the node exists and its Ready condition is True. */
  public boolean nodeReady(String name) {
    return store.get(NODES, null, name).map(this::isReady).orElse(false);
  }

  /**
   * Creates each object that does not exist yet and leaves every existing one alone, as Talos's
   * manifest controller does with its bootstrap and inline manifests (siderolabs/talos v1.11.6
   * {@code internal/app/machined/pkg/controllers/k8s/manifest_apply.go}: Get, then Create on
   * NotFound, AlreadyExists ignored; a namespaced object without a namespace goes to {@code
   * default}). Objects of unknown kinds, or whose namespace is missing, are skipped.
   *
   * @return how many objects were created
   */
  public int createMissing(List<ObjectNode> objects) {
    int created = 0;
    for (ObjectNode o : objects) {
      Optional<ApiKind> kind = kinds.byKind(o.path("apiVersion").asText(), o.path("kind").asText());
      if (kind.isEmpty()) {
        continue;
      }
      String ns = null;
      if (kind.get().namespaced()) {
        ns = o.path("metadata").path("namespace").asText("");
        if (ns.isEmpty()) {
          ns = "default";
          o.with("metadata").put("namespace", ns);
        }
      }
      String name = o.path("metadata").path("name").asText();
      try {
        if (store.get(kind.get(), ns, name).isEmpty()
            && routes.create(kind.get(), ns, o.deepCopy()).status() == 201) {
          created++;
        }
      } catch (ObjectStore.Refused alreadyThere) {
        // created meanwhile by another client: AlreadyExists is success for a create-only apply
      }
    }
    return created;
  }

  /** cilium-cli in the install Job's pod: installs the chart's workloads once the pod runs. */
  private void podStarted(WorkloadModel.Tracked t) {
    createMissing(ArgoCdServerStart.objects(t.kind(), t.namespace(), t.name()));
    if (!t.kind().equals("Job")) {
      return;
    }
    store
        .get(new ApiKind("batch", "v1", "Job", "jobs", true), t.namespace(), t.name())
        .flatMap(CiliumInstall::version)
        .ifPresent(version -> createMissing(CiliumInstall.objects(version)));
  }

  /** What an etcd snapshot of this cluster captures: every object, and the revision. */
  public StoreContents snapshot() {
    return store.contents();
  }

  /** etcd recovered from a snapshot: the API serves the snapshot's objects from now on. */
  public void restore(StoreContents contents) {
    store.restore(contents);
  }

  /** What a datacenter snapshot keeps of this cluster: etcd's objects and revision, the pods. */
  public KeptObjects keep() {
    StoreContents contents = store.contents();
    return new KeptObjects(contents.objects(), contents.revision(), workloads.keep());
  }

  /**
   * Puts {@code kept} into this new, empty state, as control planes powered on again find etcd's
   * data where they left it: the objects and revision as they were, every CRD serving its kinds
   * again, and each workload's pod restarting on its node.
   */
  public void restoreKept(KeptObjects kept) {
    store.restore(new StoreContents(kept.objects(), kept.revision()));
    kept.objects().values().stream()
        .filter(o -> o.path("kind").asText().equals("CustomResourceDefinition"))
        .forEach(kinds::register);
    workloads.restore(kept.workloads());
  }

  /** The names of every Node object. */
  public List<String> nodeNames() {
    return store.list(NODES, null).stream()
        .map(n -> n.path("metadata").path("name").asText())
        .toList();
  }

  /** Nodes a new pod may land on: not cordoned, with their readiness and labels. */
  List<WorkloadModel.Candidate> candidates() {
    return store.list(NODES, null).stream()
        .filter(n -> !n.path("spec").path("unschedulable").asBoolean(false))
        .map(
            n ->
                new WorkloadModel.Candidate(
                    n.path("metadata").path("name").asText(),
                    isReady(n),
                    Set.copyOf(iterable(n.path("metadata").path("labels").fieldNames()))))
        .toList();
  }

  private static List<String> iterable(Iterator<String> names) {
    List<String> out = new ArrayList<>();
    names.forEachRemaining(out::add);
    return out;
  }

  boolean isReady(JsonNode node) {
    return readiness.ready(node, clock.instant());
  }

  private void readyCondition(ObjectNode node, String status, String reason, String message) {
    String now = clock.instant().truncatedTo(ChronoUnit.SECONDS).toString();
    ObjectNode condition =
        JsonNodeFactory.instance
            .objectNode()
            .put("type", "Ready")
            .put("status", status)
            .put("reason", reason)
            .put("message", message)
            .put("lastHeartbeatTime", now)
            .put("lastTransitionTime", now);
    node.with("status").putArray("conditions").add(condition);
  }
}
