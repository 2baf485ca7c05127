package dev.ironkube.workflow.upgrade;

import dev.ironkube.failure.UserInputException;
import dev.ironkube.settings.TalosReleases;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which Kubernetes upgrades ironkube performs: one minor at a time, as talosctl upgrade-k8s (the
 * upgrade.Path of siderolabs/go-kubernetes, checked by IsSupported in siderolabs/talos v1.13.9
 * pkg/cluster/kubernetes/talos_managed.go) and Kubernetes' version-skew policy allow; and only to a
 * version every node's Talos release supports (Talos' support matrix, kept in {@link
 * TalosReleases}, from shared/reference/versions-2026-12.md and upstream
 * pkg/machinery/compatibility).
 */
public final class KubernetesUpgradePath {
  private static final Pattern VERSION = Pattern.compile("v?(\\d+)\\.(\\d+)\\.(\\d+)");

  private KubernetesUpgradePath() {}

  /** "1.35.4" from "v1.35.4" or "1.35.4"; refuses anything else. */
  public static String normalise(String text) {
    Matcher m = text == null ? null : VERSION.matcher(text.trim());
    if (m == null || !m.matches()) {
      throw new UserInputException(
          "Kubernetes version " + text + " is not of the form vA.B.C", "e.g. v1.35.4");
    }
    return m.group(1) + "." + m.group(2) + "." + m.group(3);
  }

  static int minor(String version) {
    return Integer.parseInt(normalise(version).split("\\.")[1]);
  }

  /**
   * Refuses {@code from → to} when it moves back, skips a minor, or leaves the range a node's Talos
   * minor supports ({@code talosMinors}: every Talos minor the nodes run).
   */
  public static void check(String from, String to, Iterable<Integer> talosMinors) {
    String f = normalise(from);
    String t = normalise(to);
    int fm = minor(f);
    int tm = minor(t);
    if (tm < fm || (tm == fm && compare(t, f) < 0)) {
      throw new UserInputException(
          "Kubernetes " + t + " is older than " + f + " on the cluster: downgrades are unsupported",
          "Kubernetes supports no downgrade of its control plane; name " + f + " or newer");
    }
    if (tm > fm + 1) {
      throw new UserInputException(
          "Kubernetes " + f + " → " + t + " skips a minor: Kubernetes upgrades one minor at a time",
          "upgrade to the newest 1." + (fm + 1) + " patch first");
    }
    for (int talos : talosMinors) {
      TalosReleases release =
          TalosReleases.of(talos)
              .orElseThrow(
                  () ->
                      new UserInputException(
                          "a node runs Talos 1." + talos + ", which ironkube does not know",
                          "upgrade Talos first"));
      if (!release.supportsKubernetes(tm)) {
        throw new UserInputException(
            "Talos 1." + talos + " supports Kubernetes " + release.kubernetesRange() + ", not " + t,
            "upgrade Talos first (ironkube upgrade <cluster> --talos-version ...) or choose a"
                + " version in that range");
      }
    }
  }

  private static int compare(String a, String b) {
    String[] x = a.split("\\.");
    String[] y = b.split("\\.");
    for (int i = 0; i < 3; i++) {
      int c = Integer.compare(Integer.parseInt(x[i]), Integer.parseInt(y[i]));
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }
}
