package dev.ironkube.platform;

import java.util.Set;

/** An object whose status says whether a component is up. */
public record ReadyTarget(String apiVersion, String kind, String namespace, String name) {
  private static final Set<String> WAITABLE =
      Set.of("Deployment", "StatefulSet", "DaemonSet", "Job", "Application");

  static boolean isWaitable(String kind) {
    return WAITABLE.contains(kind);
  }

  static ReadyTarget of(Manifest m) {
    return new ReadyTarget(m.apiVersion(), m.kind(), m.namespace(), m.name());
  }

  @Override
  public String toString() {
    return kind + " " + namespace + "/" + name;
  }
}
