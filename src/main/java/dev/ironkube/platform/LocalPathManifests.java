package dev.ironkube.platform;

import java.util.List;
import java.util.Map;

/**
 * local-path-provisioner, applied directly rather than through Argo CD: Vault and the team's charts
 * claim volumes, so the default StorageClass must exist before their Applications sync. The Talos
 * kubelet also needs the host path bind-mounted ({@code machine.kubelet.extraMounts} for {@link
 * PlatformSpec#localPathHostPath()}, options bind, rshared, rw); that belongs to the machine
 * config.
 */
final class LocalPathManifests {
  static final String NAMESPACE = "local-path-storage";

  private LocalPathManifests() {}

  static List<Manifest> render(PlatformSpec spec) {
    return Manifests.template(
        "local-path-storage.yaml",
        Map.of("version", spec.localPathVersion(), "hostPath", spec.localPathHostPath()));
  }

  static Component component(PlatformSpec spec) {
    List<Manifest> manifests = render(spec);
    return new Component(
        "local-path-provisioner", NAMESPACE, manifests, false, Component.workloadsOf(manifests));
  }
}
