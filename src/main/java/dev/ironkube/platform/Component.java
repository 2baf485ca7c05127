package dev.ironkube.platform;

import java.util.List;

/**
 * One installable part of the platform: its objects, whether ironkube may update them, and the
 * objects whose readiness proves it is up.
 *
 * @param title shown as the progress step and named in failures ("Argo CD")
 * @param namespace where its workloads run, named in failures
 * @param createOnly objects Talos also creates from inline manifests: ironkube only fills in
 *     missing ones, as Talos does, and never rewrites what Talos created
 */
public record Component(
    String title,
    String namespace,
    List<Manifest> manifests,
    boolean createOnly,
    List<ReadyTarget> readiness) {

  public Component {
    manifests = List.copyOf(manifests);
    readiness = List.copyOf(readiness);
  }

  /** The workloads among {@code manifests}, as readiness targets. */
  static List<ReadyTarget> workloadsOf(List<Manifest> manifests) {
    return manifests.stream()
        .filter(m -> ReadyTarget.isWaitable(m.kind()))
        .map(ReadyTarget::of)
        .toList();
  }
}
