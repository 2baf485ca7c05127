package dev.ironkube.sim.talos;

import dev.ironkube.sim.kube.KubeCluster;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a node's kubelet reports in its Node's {@code status.nodeInfo}: {@code kubeletVersion} is
 * the version of the kubelet image the machine config runs ({@code machine.kubelet.image}, whose
 * tag Talos' generator sets to the Kubernetes version) and {@code osImage} is "Talos (vX.Y.Z)", as
 * the kubelet reads it from the OS release Talos ships (PRETTY_NAME in /etc/os-release, siderolabs/
 * talos v1.13.9 hack/release/os-release template: "Talos ({{ .Version }})"). Posted at every
 * kubelet (re)registration and when a config changes the kubelet image (Talos restarts the kubelet
 * without a reboot).
 */
final class NodeInfoReport {
  private static final Pattern KUBELET =
      Pattern.compile("image:\\s*[\"']?[^\\s\"']*/kubelet:(v\\d+\\.\\d+\\.\\d+)");

  private NodeInfoReport() {}

  /** The kubelet version a config runs, or null when it names no kubelet image. */
  static String kubeletVersion(AppliedConfig config) {
    Matcher m = KUBELET.matcher(new String(config.raw(), StandardCharsets.UTF_8));
    return m.find() ? m.group(1) : null;
  }

  /** Posts {@code node}'s versions on its Node, if the node runs a config and the Node exists. */
  static void post(KubeCluster kube, TalosNodeFake node) {
    node.appliedConfig()
        .ifPresent(
            config -> {
              String kubelet = kubeletVersion(config);
              kube.nodeInfo(node.hostname(), kubelet, "Talos (" + node.talosVersion() + ")");
            });
  }

  /**
   * A config replaced without a reboot: when its kubelet image changed, the restarted kubelet posts
   * its new version.
   */
  static void configReplaced(TalosNodeFake node, AppliedConfig before, AppliedConfig after) {
    String was = before == null ? null : kubeletVersion(before);
    String now = kubeletVersion(after);
    if (now == null || now.equals(was)) {
      return;
    }
    node.cluster()
        .flatMap(TalosCluster::kubernetes)
        .ifPresent(kube -> kube.nodeInfo(node.hostname(), now, null));
  }
}
