/**
 * The simulated Kubernetes API server of the simulated datacenter ({@link
 * dev.ironkube.sim.kube.KubeApiFake}). A Talos node fake starts one on its loopback address, port
 * 6443, with the Kubernetes CA of the applied machine config, once the node is bootstrapped.
 *
 * <p>Time-model steps: {@code kube.deployment.ready} (40 s), {@code kube.statefulset.ready} (60 s),
 * {@code kube.daemonset.ready} (30 s), {@code kube.job.complete} (45 s), {@code
 * kube.application.healthy} (120 s). Fault point {@code kube.workload.<namespace>/<name>} (asked
 * once, when the workload is created; for an Argo CD Application the namespace is {@code argocd}
 * and its pod appears in the destination namespace), kinds {@code image-pull} (pod waiting in
 * ImagePullBackOff, never ready) and {@code never-ready} (container running, readiness failing).
 */
package dev.ironkube.sim.kube;
