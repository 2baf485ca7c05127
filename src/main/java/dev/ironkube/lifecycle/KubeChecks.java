package dev.ironkube.lifecycle;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ironkube.failure.IronkubeException;
import dev.ironkube.lifecycle.ClusterTarget.Member;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The Kubernetes-side checks, with upstream's names and messages (siderolabs/talos v1.11.6 {@code
 * pkg/cluster/check/kubernetes.go}: K8sAllNodesReportedAssertion, K8sAllNodesReadyAssertion,
 * K8sAllNodesSchedulableAssertion, and K8sPodReadyAssertion as the kube-proxy check uses it, here
 * for Cilium's agent DaemonSet). The API is dialled at each control plane in turn when the
 * kubeconfig's server does not answer (its DNS name may not resolve from here).
 */
final class KubeChecks {
  private final ClusterTarget cluster;

  KubeChecks(ClusterTarget cluster) {
    this.cluster = cluster;
  }

  List<HealthCheck> run() {
    List<String> names =
        List.of(
            "all k8s nodes to report",
            "all k8s nodes to report ready",
            "all k8s nodes to report schedulable",
            "cilium to report ready");
    if (cluster.kubeconfig().isEmpty()) {
      return names.stream()
          .map(n -> HealthCheck.failed(n, "no kubeconfig: the cluster was never bootstrapped"))
          .toList();
    }
    KubeReads fromFile = KubeReads.fromKubeconfig(cluster.kubeconfig().get());
    KubeReads kube = fromFile;
    JsonNode nodes = null;
    String why = "";
    List<KubeReads> candidates = new ArrayList<>(List.of(fromFile));
    cluster.controlPlanes().forEach(cp -> candidates.add(fromFile.dialling(cp.address())));
    for (KubeReads k : candidates) {
      try {
        nodes = k.nodes();
        kube = k;
        break;
      } catch (IronkubeException e) {
        why = e.getMessage();
      }
    }
    if (nodes == null) {
      String detail = why;
      return names.stream().map(n -> HealthCheck.failed(n, detail)).toList();
    }
    return List.of(reported(nodes), ready(nodes), schedulable(nodes), cilium(kube));
  }

  private HealthCheck reported(JsonNode nodes) {
    Set<String> present = new HashSet<>();
    nodes.path("items").forEach(n -> present.add(n.path("metadata").path("name").asText()));
    List<String> missing = new ArrayList<>();
    for (Member m : cluster.members()) {
      if (!present.contains(m.hostname())) {
        missing.add(m.hostname());
      }
    }
    return missing.isEmpty()
        ? HealthCheck.ok("all k8s nodes to report", present.size() + " node(s)")
        : HealthCheck.failed("all k8s nodes to report", "some nodes are not reported: " + missing);
  }

  private static HealthCheck ready(JsonNode nodes) {
    List<String> notReady = new ArrayList<>();
    for (JsonNode n : nodes.path("items")) {
      for (JsonNode c : n.path("status").path("conditions")) {
        if ("Ready".equals(c.path("type").asText()) && !"True".equals(c.path("status").asText())) {
          notReady.add(n.path("metadata").path("name").asText());
        }
      }
    }
    return notReady.isEmpty()
        ? HealthCheck.ok("all k8s nodes to report ready", nodes.path("items").size() + " Ready")
        : HealthCheck.failed(
            "all k8s nodes to report ready", "some nodes are not ready: " + notReady);
  }

  private static HealthCheck schedulable(JsonNode nodes) {
    List<String> cordoned = new ArrayList<>();
    for (JsonNode n : nodes.path("items")) {
      if (n.path("spec").path("unschedulable").asBoolean(false)) {
        cordoned.add(n.path("metadata").path("name").asText());
      }
    }
    return cordoned.isEmpty()
        ? HealthCheck.ok("all k8s nodes to report schedulable", "none cordoned")
        : HealthCheck.failed(
            "all k8s nodes to report schedulable", "some nodes are not schedulable: " + cordoned);
  }

  private static HealthCheck cilium(KubeReads kube) {
    String name = "cilium to report ready";
    String selector = "k8s-app=cilium";
    try {
      JsonNode sets = kube.daemonSets("kube-system", selector).path("items");
      if (sets.isEmpty()) {
        return HealthCheck.skipped(name, "no DaemonSet with " + selector + " in kube-system");
      }
      int replicas = sets.path(0).path("status").path("desiredNumberScheduled").asInt(0);
      List<String> ready = new ArrayList<>();
      List<String> notReady = new ArrayList<>();
      for (JsonNode pod : kube.pods("kube-system", selector).path("items")) {
        String podName = pod.path("metadata").path("name").asText();
        boolean isReady = false;
        for (JsonNode c : pod.path("status").path("conditions")) {
          if ("Ready".equals(c.path("type").asText())) {
            isReady = "True".equals(c.path("status").asText());
          }
        }
        (isReady ? ready : notReady).add(podName);
      }
      if (ready.isEmpty() && notReady.isEmpty()) {
        return HealthCheck.failed(
            name,
            "no pods found for namespace \"kube-system\" and label selector \"" + selector + "\"");
      }
      if (!notReady.isEmpty()) {
        return HealthCheck.failed(name, "some pods are not ready: " + notReady);
      }
      if (ready.size() != replicas) {
        return HealthCheck.failed(
            name, "expected " + replicas + " ready pods, got " + ready.size());
      }
      return HealthCheck.ok(name, ready.size() + " agent(s) Ready");
    } catch (IronkubeException e) {
      return HealthCheck.failed(name, e.getMessage());
    }
  }
}
