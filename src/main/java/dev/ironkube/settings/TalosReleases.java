package dev.ironkube.settings;

import java.util.List;
import java.util.Optional;

/**
 * Talos' support matrix for the minors ironkube supports (shared/reference/versions-2026-12.md,
 * checked against upstream tags): the newest patch, the Kubernetes version the release defaults to
 * (constants.DefaultKubernetesVersion) and the Kubernetes minors it supports.
 *
 * @param minor the Talos minor, 14 for 1.14
 * @param newestPatch the newest patch seen, "v1.14.6"
 * @param defaultKubernetes Kubernetes when none is set, "1.37.1"
 * @param oldestKubernetesMinor oldest supported Kubernetes minor, 32 for 1.32
 * @param newestKubernetesMinor newest supported Kubernetes minor, 37 for 1.37
 * @param communitySupported false once the minor left community support
 */
public record TalosReleases(
    int minor,
    String newestPatch,
    String defaultKubernetes,
    int oldestKubernetesMinor,
    int newestKubernetesMinor,
    boolean communitySupported) {

  /** Oldest first; the last is the current minor, whose newest patch is the default. */
  public static final List<TalosReleases> ALL =
      List.of(
          // 1.11 left community support when 1.12.0 was released.
          new TalosReleases(11, "v1.11.6", "1.34.1", 29, 34, false),
          new TalosReleases(12, "v1.12.12", "1.35.4", 30, 35, true),
          new TalosReleases(13, "v1.13.10", "1.36.3", 31, 36, true),
          new TalosReleases(14, "v1.14.6", "1.37.1", 32, 37, true));

  public static TalosReleases current() {
    return ALL.get(ALL.size() - 1);
  }

  public static Optional<TalosReleases> of(int minor) {
    return ALL.stream().filter(r -> r.minor == minor).findFirst();
  }

  /** "1.11", "1.12", ... */
  public static List<String> minors() {
    return ALL.stream().map(r -> "1." + r.minor).toList();
  }

  /** Whether Kubernetes {@code 1.<kubernetesMinor>} is in this release's supported range. */
  public boolean supportsKubernetes(int kubernetesMinor) {
    return kubernetesMinor >= oldestKubernetesMinor && kubernetesMinor <= newestKubernetesMinor;
  }

  /** "1.32–1.37", for messages. */
  public String kubernetesRange() {
    return "1." + oldestKubernetesMinor + "–1." + newestKubernetesMinor;
  }
}
