/**
 * The simulated Talos node of the simulated datacenter: {@link
 * dev.ironkube.sim.talos.TalosNodeFake} serves the real wire protocol over real TLS on the node's
 * own address, so the product's client talks to it exactly as to a real node. Its Kubernetes API is
 * behind {@link dev.ironkube.sim.talos.KubernetesApi} so a fuller simulation can replace the
 * minimal one.
 *
 * <p>Faults of a node, by point and kind:
 *
 * <ul>
 *   <li>{@code talos.apply}: "drop" (apply, then close the connection unanswered), "reject"
 *       (InvalidArgument without applying);
 *   <li>{@code talos.bootstrap}: "precondition" (FailedPrecondition, "not available yet");
 *   <li>{@code talos.service.<id>}: "never-healthy" (asked once per boot per service the node runs,
 *       so a worker is never asked about etcd or trustd);
 *   <li>{@code talos.service.<id>@<hostname>}: the same, for one node only (asked when the
 *       unqualified point injects nothing): {@code talos.service.etcd@cp-2} never-healthy is a
 *       control plane whose etcd never joins, {@code talos.service.kubelet@worker-1} a worker whose
 *       Node stays NotReady.
 * </ul>
 *
 * <p>Modelled steps: those of {@link NodePower} and {@link ServiceTimeline}, talos.etcd.join (30 s,
 * a further control plane's etcd joining), kube.node.monitor-grace (50 s, a gone node's Node
 * turning NotReady).
 */
package dev.ironkube.sim.talos;
