package dev.ironkube.platform;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Cilium as the CNI, configured as the Talos docs prescribe (kube-proxy replacement through
 * KubePrism on localhost:7445, Talos's own cgroup v2 mount, no SYS_MODULE).
 *
 * <p>Why an in-cluster install Job rather than pre-rendered chart output: ironkube has no helm
 * binary, helm-java ships native code for only some platforms, and shipping a rendered chart would
 * freeze Hubble's TLS keys into the machine config (each render generates new ones, and the machine
 * config is not a place for secrets). The Job is a few hundred bytes, keeps the 4 MiB
 * maintenance-mode budget free, and is deterministic; the price is one image pull from quay.io,
 * pinned by tag. It must reach the cluster before Talos gives up on a CNI-less node (it reboots
 * after 10 minutes), so it travels as a Talos inline manifest and Talos creates it at bootstrap.
 */
public final class CiliumManifests {
  /** The inline manifest's name in the machine config. */
  public static final String INLINE_NAME = "ironkube-cilium-install";

  private CiliumManifests() {}

  public static List<Manifest> render(PlatformSpec spec) {
    return Manifests.template(
        "cilium-install.yaml",
        Map.of("ciliumVersion", spec.ciliumVersion(), "ciliumCliImage", spec.ciliumCliImage()));
  }

  /**
   * The Cilium install as Talos {@code cluster.inlineManifests}: name to multi-document YAML, for
   * the machine-config generator to embed in control-plane configs (which must stay identical).
   */
  public static Map<String, String> inlineManifests(PlatformSpec spec) {
    Map<String, String> inline = new LinkedHashMap<>();
    inline.put(INLINE_NAME, Manifests.toYaml(render(spec)));
    return inline;
  }

  static Component component(PlatformSpec spec) {
    List<Manifest> manifests = render(spec);
    return new Component(
        "Cilium", "kube-system", manifests, true, Component.workloadsOf(manifests));
  }
}
