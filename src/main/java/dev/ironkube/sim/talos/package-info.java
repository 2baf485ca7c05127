/**
 * The simulated Talos node of the simulated datacenter: {@link
 * dev.ironkube.sim.talos.TalosNodeFake} serves the real wire protocol over real TLS on the node's
 * own address, so the product's client talks to it exactly as to a real node. Its Kubernetes API is
 * behind {@link dev.ironkube.sim.talos.KubernetesApi} so a fuller simulation can replace the
 * minimal one.
 */
package dev.ironkube.sim.talos;
