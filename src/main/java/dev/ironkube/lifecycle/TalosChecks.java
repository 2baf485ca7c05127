package dev.ironkube.lifecycle;

import dev.ironkube.lifecycle.ClusterHealth.NodeAnswers;
import dev.ironkube.lifecycle.ClusterTarget.Member;
import dev.ironkube.talos.api.EtcdMemberInfo;
import dev.ironkube.talos.api.ServiceStatus;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The Talos-side checks over the nodes' answers, with upstream's names and messages (siderolabs/
 * talos v1.11.6 {@code pkg/cluster/check/service.go} ServiceHealthAssertion, {@code etcd.go}
 * EtcdConsistentAssertion and EtcdControlPlaneNodesAssertion, {@code apid.go} ApidReadyAssertion).
 */
final class TalosChecks {
  private final Map<Member, NodeAnswers> answers;

  TalosChecks(Map<Member, NodeAnswers> answers) {
    this.answers = answers;
  }

  /**
   * A service Running and healthy on every node of its kind: upstream checks etcd and kubelet on
   * control planes (we check kubelet on every node: a worker's kubelet is ours to watch too).
   */
  HealthCheck serviceHealthy(String service, boolean controlPlanesOnly) {
    String name = service + " to be healthy";
    List<String> problems = new ArrayList<>();
    int checked = 0;
    for (var e : answers.entrySet()) {
      Member m = e.getKey();
      if (controlPlanesOnly && !m.controlPlane()) {
        continue;
      }
      checked++;
      List<ServiceStatus> services = e.getValue().services;
      if (services == null) {
        problems.add(m.hostname() + ": " + e.getValue().error("ServiceList"));
        continue;
      }
      Optional<ServiceStatus> s = services.stream().filter(x -> x.id().equals(service)).findFirst();
      if (s.isEmpty()) {
        problems.add(m.hostname() + ": service \"" + service + "\" not found");
      } else if (!"Running".equals(s.get().state())) {
        problems.add(
            m.hostname()
                + ": service \""
                + service
                + "\" not in expected state \"Running\": current state ["
                + s.get().state()
                + "] "
                + s.get().lastMessage());
      } else if (!s.get().healthy()) {
        problems.add(m.hostname() + ": service is not healthy: " + service);
      }
    }
    return problems.isEmpty()
        ? HealthCheck.ok(name, checked + " node(s)")
        : HealthCheck.failed(name, String.join("; ", problems));
  }

  HealthCheck etcdConsistent() {
    String name = "etcd members to be consistent across nodes";
    Set<String> known = null;
    String first = null;
    for (var e : controlPlanes()) {
      List<EtcdMemberInfo> members = e.getValue().members;
      if (members == null) {
        return HealthCheck.failed(
            name, e.getKey().hostname() + ": " + e.getValue().error("EtcdMemberList"));
      }
      Set<String> these = new TreeSet<>();
      members.forEach(
          m -> these.add(m.hostname() + "/" + m.id() + (m.learner() ? "/learner" : "")));
      if (known == null) {
        known = these;
        first = e.getKey().hostname();
      } else if (!known.equals(these)) {
        return HealthCheck.failed(
            name,
            e.getKey().hostname()
                + ": expected to have "
                + hostnames(known)
                + " members (as "
                + first
                + "), got "
                + hostnames(these));
      }
    }
    return known == null
        ? HealthCheck.failed(name, "no control plane answered")
        : HealthCheck.ok(name, hostnames(known).toString());
  }

  HealthCheck etcdMembersAreControlPlanes() {
    String name = "etcd members to be control plane nodes";
    Set<String> cpIps = new HashSet<>();
    controlPlanes().forEach(e -> cpIps.add(e.getKey().address()));
    for (var e : controlPlanes()) {
      List<EtcdMemberInfo> members = e.getValue().members;
      if (members == null) {
        continue;
      }
      List<String> memberIps = new ArrayList<>();
      for (EtcdMemberInfo m : members) {
        m.peerUrls().forEach(u -> memberIps.add(URI.create(u).getHost()));
      }
      if (!cpIps.containsAll(memberIps)) {
        return HealthCheck.failed(
            name,
            "etcd member ips "
                + memberIps
                + " are not subset of control plane node ips "
                + new TreeSet<>(cpIps));
      }
      return HealthCheck.ok(name, memberIps.size() + " member(s)");
    }
    return HealthCheck.failed(name, "no control plane listed the etcd members");
  }

  /** EtcdStatus's errors field: etcd's own alarms and errors per member (empty when healthy). */
  HealthCheck etcdStatusErrors() {
    String name = "etcd members to report no errors";
    List<String> problems = new ArrayList<>();
    for (var e : controlPlanes()) {
      var status = e.getValue().etcdStatus;
      if (status == null) {
        problems.add(e.getKey().hostname() + ": " + e.getValue().error("EtcdStatus"));
      } else if (!status.errors().isEmpty()) {
        problems.add(e.getKey().hostname() + ": " + String.join(", ", status.errors()));
      }
    }
    return problems.isEmpty()
        ? HealthCheck.ok(name, controlPlanes().size() + " member(s)")
        : HealthCheck.failed(name, String.join("; ", problems));
  }

  HealthCheck apidReady() {
    String name = "apid to be ready";
    List<String> problems = new ArrayList<>();
    Set<String> versions = new TreeSet<>();
    for (var e : answers.entrySet()) {
      if (e.getValue().version == null) {
        problems.add(e.getKey().hostname() + ": " + e.getValue().error("Version"));
      } else {
        versions.add(e.getValue().version.tag());
      }
    }
    return problems.isEmpty()
        ? HealthCheck.ok(name, answers.size() + " node(s), Talos " + String.join(", ", versions))
        : HealthCheck.failed(name, String.join("; ", problems));
  }

  /**
   * K8sControlPlaneStaticPods (kubernetes.go): each control plane's StaticPodStatus ids start with
   * kube-system/kube-apiserver, -controller-manager and -scheduler; Unimplemented (Talos before
   * 1.2) passes, as upstream lets it.
   */
  HealthCheck controlPlaneStaticPods() {
    String name = "all control plane static pods to be running";
    for (var e : controlPlanes()) {
      List<String> ids = e.getValue().staticPods;
      if (ids == null) {
        String why = e.getValue().error("StaticPodStatuses");
        if (why.contains("UNIMPLEMENTED")) {
          continue;
        }
        return HealthCheck.failed(
            name, "error listing static pods on node " + e.getKey().address() + ": " + why);
      }
      Set<String> missing =
          new TreeSet<>(
              List.of(
                  "kube-system/kube-apiserver",
                  "kube-system/kube-controller-manager",
                  "kube-system/kube-scheduler"));
      missing.removeIf(prefix -> ids.stream().anyMatch(id -> id.startsWith(prefix)));
      if (!missing.isEmpty()) {
        return HealthCheck.failed(
            name, "missing static pods on node " + e.getKey().address() + ": " + missing);
      }
    }
    return HealthCheck.ok(name, controlPlanes().size() + " control plane(s)");
  }

  private List<Map.Entry<Member, NodeAnswers>> controlPlanes() {
    return answers.entrySet().stream().filter(e -> e.getKey().controlPlane()).toList();
  }

  private static List<String> hostnames(Set<String> members) {
    return members.stream().map(m -> m.substring(0, m.indexOf('/'))).toList();
  }
}
