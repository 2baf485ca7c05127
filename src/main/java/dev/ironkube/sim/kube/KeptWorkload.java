package dev.ironkube.sim.kube;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One tracked workload as a datacenter snapshot keeps it: the pod object etcd holds (its name, node
 * and creation time, hence its uid) and whether its containers had finished (a completed Job).
 * Instants are ISO-8601 strings, so the snapshot needs no date module.
 *
 * @param fault the fault the workload was dealt at creation, or null
 * @param anyNode the placement's host-network, tolerate-everything flag
 * @param requiredLabel the node label key its placement requires, or null
 * @param completed whether it was a Job whose pod had completed
 */
public record KeptWorkload(
    String kind,
    String namespace,
    String name,
    String fault,
    String podNamespace,
    Map<String, String> podLabels,
    String nodeName,
    int incarnation,
    boolean anyNode,
    String requiredLabel,
    String podCreated,
    boolean completed) {

  static KeptWorkload of(WorkloadModel.Tracked t, Instant now) {
    return new KeptWorkload(
        t.kind(),
        t.namespace(),
        t.name(),
        t.fault().orElse(null),
        t.podNamespace(),
        t.podLabels(),
        t.nodeName(),
        t.incarnation(),
        t.placement().anyNode(),
        t.placement().requiredLabel(),
        t.podCreated().toString(),
        t.kind().equals("Job") && t.ready(now));
  }

  /**
   * The workload after its nodes were powered off and on: the pod object is still in etcd, bound to
   * the same node, so it keeps its name and uid; its containers start again and take the kind's
   * start delay ({@code restart}), except a completed Job's, which the kubelet does not run again.
   */
  WorkloadModel.Tracked restarted(Instant now, Duration restart) {
    return new WorkloadModel.Tracked(
        kind,
        namespace,
        name,
        completed ? now : now.plus(restart),
        Optional.ofNullable(fault),
        podNamespace,
        new LinkedHashMap<>(podLabels),
        nodeName,
        incarnation,
        new WorkloadModel.Placement(anyNode, requiredLabel),
        Instant.parse(podCreated));
  }
}
