package dev.ironkube.sim.kube;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.InetAddress;

/** What a freshly bootstrapped Talos cluster already holds. */
final class ClusterSeed {
  private ClusterSeed() {}

  static void seed(ObjectStore store, String nodeName, InetAddress address) {
    ApiKind namespaces = ApiKind.core("Namespace", "namespaces", false);
    for (String ns : new String[] {"default", "kube-system", "kube-public", "kube-node-lease"}) {
      ObjectNode namespace = JsonNodeFactory.instance.objectNode();
      namespace.putObject("metadata").put("name", ns);
      NamespaceDefaults.prepareForCreate(namespace);
      store.create(namespaces, null, namespace);
    }
    ObjectNode node = node(nodeName, address, true);
    // The bootstrap control plane, Ready: the bootstrap phase proved it before the platform starts.
    node.with("status")
        .putArray("conditions")
        .addObject()
        .put("type", "Ready")
        .put("status", "True")
        .put("reason", "KubeletReady")
        .put("message", "kubelet is posting ready status");
    store.create(ApiKind.core("Node", "nodes", false), null, node);
  }

  /** A Node as kubelet registers it on Talos, without conditions. */
  static ObjectNode node(String name, InetAddress address, boolean controlPlane) {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    ObjectNode meta = node.putObject("metadata").put("name", name);
    ObjectNode labels =
        meta.putObject("labels")
            .put("kubernetes.io/hostname", name)
            .put("kubernetes.io/os", "linux")
            .put("kubernetes.io/arch", "amd64");
    if (controlPlane) {
      labels.put("node-role.kubernetes.io/control-plane", "");
    }
    node.putObject("spec");
    ObjectNode status = node.putObject("status");
    status
        .putArray("addresses")
        .add(
            JsonNodeFactory.instance
                .objectNode()
                .put("type", "InternalIP")
                .put("address", address.getHostAddress()))
        .add(JsonNodeFactory.instance.objectNode().put("type", "Hostname").put("address", name));
    status
        .putObject("nodeInfo")
        .put("kubeletVersion", Discovery.KUBERNETES_VERSION)
        .put("osImage", "Talos (v1.11.5)");
    return node;
  }
}
