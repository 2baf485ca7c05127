package dev.ironkube.sim.factory;

import java.util.ArrayList;
import java.util.List;

/**
 * What the Image Factory's {@code GET /versions} lists. Upstream (siderolabs/image-factory,
 * internal/artifacts/versions.go, fetchTalosVersions; internal/frontend/http/meta.go,
 * handleVersions) lists every imager tag from minTalosVersion (default 1.2.0,
 * cmd/image-factory/cmd/options.go) on, minus versions configured as broken (none by default),
 * pre-releases only for the newest minor, sorted ascending, each as "v" + semver. The releases here
 * are Talos' tags: contiguous patches per minor (siderolabs/talos tags up to v1.13.9), and 1.12.12,
 * 1.13.10 and 1.14.0–1.14.6 from shared/reference/versions-2026-12.md. With 1.14 released, no
 * pre-release of the newest minor is left to list.
 */
final class FactoryVersions {
  /** Newest patch per minor, from 1.2 on. */
  private static final int[] NEWEST_PATCH = {9, 7, 8, 6, 8, 7, 4, 6, 9, 6, 12, 10, 6};

  private static final int FIRST_MINOR = 2;

  private FactoryVersions() {}

  static List<String> all() {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < NEWEST_PATCH.length; i++) {
      for (int patch = 0; patch <= NEWEST_PATCH[i]; patch++) {
        out.add("v1." + (FIRST_MINOR + i) + "." + patch);
      }
    }
    return List.copyOf(out);
  }
}
