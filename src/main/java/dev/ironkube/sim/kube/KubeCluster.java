package dev.ironkube.sim.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ironkube.sim.Faults;
import dev.ironkube.sim.TimeModel;
import java.net.InetAddress;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The state behind a simulated cluster's Kubernetes API, as etcd holds it: one object store and one
 * workload model, which every control plane's {@link KubeApiFake} serves. The simulated world
 * (kubelets, the node lifecycle controller) writes Node objects through {@link #registerNode} and
 * {@link #nodeUnreachable}, as the real ones write them through the API.
 */
public final class KubeCluster {
  private static final ApiKind NODES = ApiKind.core("Node", "nodes", false);

  final KindCatalogue kinds = new KindCatalogue();
  final ObjectStore store;
  final Discovery discovery;
  final WorkloadModel workloads;
  final ResourceRoutes routes;
  private final Clock clock;

  public KubeCluster(TimeModel time, Faults faults, Clock clock) {
    this.clock = clock;
    this.store = new ObjectStore(clock);
    this.discovery = new Discovery(kinds);
    this.workloads = new WorkloadModel(time, faults, clock, this::schedulableNodes);
    this.routes = new ResourceRoutes(kinds, store, workloads);
  }

  /**
   * What a freshly bootstrapped Talos cluster holds: the system namespaces and the bootstrap
   * control plane's Node, Ready (the bootstrap phase proved it before anything reads the API).
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

  /** Whether the node exists and its Ready condition is True. */
  public boolean nodeReady(String name) {
    return store.get(NODES, null, name).map(KubeCluster::isReady).orElse(false);
  }

  /** The names of every Node object. */
  public List<String> nodeNames() {
    return store.list(NODES, null).stream()
        .map(n -> n.path("metadata").path("name").asText())
        .toList();
  }

  /** Nodes a new pod may land on: Ready and not cordoned, in name order. */
  List<String> schedulableNodes() {
    return store.list(NODES, null).stream()
        .filter(KubeCluster::isReady)
        .filter(n -> !n.path("spec").path("unschedulable").asBoolean(false))
        .map(n -> n.path("metadata").path("name").asText())
        .toList();
  }

  static boolean isReady(JsonNode node) {
    for (JsonNode c : node.path("status").path("conditions")) {
      if (c.path("type").asText().equals("Ready")) {
        return c.path("status").asText().equals("True");
      }
    }
    return false;
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
