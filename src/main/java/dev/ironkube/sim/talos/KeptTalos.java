package dev.ironkube.sim.talos;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Talos side of a datacenter snapshot: every configured node's disks by machine id, and every
 * cluster they form.
 */
public record KeptTalos(Map<String, KeptNode> nodes, List<KeptCluster> clusters) {
  public KeptTalos {
    nodes = Collections.unmodifiableMap(new TreeMap<>(nodes));
    clusters = List.copyOf(clusters);
  }

  public static KeptTalos empty() {
    return new KeptTalos(Map.of(), List.of());
  }
}
