package dev.ironkube.lifecycle;

import dev.ironkube.failure.IronkubeException;
import dev.ironkube.lifecycle.ClusterTarget.Member;
import dev.ironkube.talos.api.EtcdMemberInfo;
import dev.ironkube.talos.api.EtcdStatusInfo;
import dev.ironkube.talos.api.NodeVersion;
import dev.ironkube.talos.api.ServiceStatus;
import dev.ironkube.talos.api.TalosClient;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The checks talosctl's {@code health} runs, once each rather than polled until they pass
 * (siderolabs/talos v1.11.6 {@code pkg/cluster/check/default.go}: PreBootSequenceChecks, then
 * K8sComponentsReadinessChecks, then the node checks), with their names and failure messages, plus
 * Cilium's agents (as upstream's kube-proxy check: skipped when its DaemonSet is absent) and each
 * member's EtcdStatus errors. Every node is asked once; the checks read the answers.
 */
public final class ClusterHealth {
  private final Function<String, TalosClient> talos;

  /**
   * @param talos opens a client for a node's address with the cluster's admin identity
   */
  public ClusterHealth(Function<String, TalosClient> talos) {
    this.talos = talos;
  }

  public HealthReport check(ClusterTarget cluster) {
    Map<Member, NodeAnswers> answers = new LinkedHashMap<>();
    for (Member m : cluster.members()) {
      answers.put(m, ask(m));
    }
    List<HealthCheck> checks = new ArrayList<>();
    TalosChecks t = new TalosChecks(answers);
    checks.add(t.serviceHealthy("etcd", true));
    checks.add(t.etcdConsistent());
    checks.add(t.etcdMembersAreControlPlanes());
    checks.add(t.etcdStatusErrors());
    checks.add(t.apidReady());
    checks.add(t.serviceHealthy("trustd", true));
    checks.add(t.serviceHealthy("kubelet", false));
    checks.add(t.controlPlaneStaticPods());
    checks.addAll(new KubeChecks(cluster).run());
    return HealthReport.of(cluster.name(), checks);
  }

  private NodeAnswers ask(Member m) {
    NodeAnswers a = new NodeAnswers();
    try (TalosClient c = talos.apply(m.address())) {
      a.version = attempt("Version", c::version, a);
      if (a.version == null) {
        return a; // apid does not answer: no other call will
      }
      a.services = attempt("ServiceList", c::serviceList, a);
      if (m.controlPlane()) {
        a.members = attempt("EtcdMemberList", c::etcdMembers, a);
        a.etcdStatus = attempt("EtcdStatus", c::etcdStatus, a);
        a.staticPods = attempt("StaticPodStatuses", c::staticPodStatuses, a);
      }
    }
    return a;
  }

  private static <T> T attempt(String call, Supplier<T> rpc, NodeAnswers into) {
    try {
      return rpc.get();
    } catch (IronkubeException e) {
      into.errors.put(call, e.getMessage());
      return null;
    }
  }

  /** What one node answered; null where the call failed ({@code failure} says why). */
  static final class NodeAnswers {
    NodeVersion version;
    List<ServiceStatus> services;
    List<EtcdMemberInfo> members;
    EtcdStatusInfo etcdStatus;
    List<String> staticPods;
    final Map<String, String> errors = new LinkedHashMap<>();

    /** Why {@code call} has no answer. */
    String error(String call) {
      return errors.getOrDefault(call, errors.getOrDefault("Version", "no answer"));
    }
  }
}
