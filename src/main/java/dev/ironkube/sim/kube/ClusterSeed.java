package dev.ironkube.sim.kube;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.InetAddress;

/** What a freshly bootstrapped single-node Talos cluster already holds. */
final class ClusterSeed {
  private ClusterSeed() {}

  static void seed(ObjectStore store, String nodeName, InetAddress address) {
    ApiKind namespaces = ApiKind.core("Namespace", "namespaces", false);
    for (String ns : new String[] {"default", "kube-system", "kube-public", "kube-node-lease"}) {
      ObjectNode namespace = JsonNodeFactory.instance.objectNode();
      namespace.putObject("metadata").put("name", ns);
      namespace.putObject("status").put("phase", "Active");
      store.create(namespaces, null, namespace);
    }
    store.create(ApiKind.core("Node", "nodes", false), null, node(nodeName, address));
  }

  /** The control-plane node, Ready: the bootstrap phase proved it before the platform starts. */
  private static ObjectNode node(String name, InetAddress address) {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    ObjectNode meta = node.putObject("metadata").put("name", name);
    meta.putObject("labels")
        .put("kubernetes.io/hostname", name)
        .put("kubernetes.io/os", "linux")
        .put("node-role.kubernetes.io/control-plane", "");
    ObjectNode status = node.putObject("status");
    status
        .putArray("addresses")
        .addObject()
        .put("type", "InternalIP")
        .put("address", address.getHostAddress());
    status
        .putArray("conditions")
        .addObject()
        .put("type", "Ready")
        .put("status", "True")
        .put("reason", "KubeletReady")
        .put("message", "kubelet is posting ready status");
    status
        .putObject("nodeInfo")
        .put("kubeletVersion", Discovery.KUBERNETES_VERSION)
        .put("osImage", "Talos (v1.11.5)");
    return node;
  }
}
