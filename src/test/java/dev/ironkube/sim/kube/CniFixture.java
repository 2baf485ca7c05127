package dev.ironkube.sim.kube;

import dev.ironkube.platform.CiliumManifests;
import dev.ironkube.platform.PlatformSpec;

/**
 * For tests of a simulated cluster that start after Kubernetes is up: what Talos does with the
 * Cilium inline manifest, so that the Node turns Ready (after the agent's start delay) as it does
 * in a real cluster only once its CNI runs.
 */
public final class CniFixture {
  private CniFixture() {}

  public static void runCilium(KubeCluster cluster) {
    cluster.createMissing(
        CiliumManifests.render(PlatformSpec.defaults()).stream()
            .map(m -> m.json().deepCopy())
            .toList());
  }
}
