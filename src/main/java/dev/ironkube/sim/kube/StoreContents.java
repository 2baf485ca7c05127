package dev.ironkube.sim.kube;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * Everything the simulated API server keeps in etcd: each object under its store key, and the
 * revision counter its resourceVersions come from. An etcd snapshot carries exactly this.
 */
public record StoreContents(Map<String, ObjectNode> objects, long revision) {
  public StoreContents {
    objects = Map.copyOf(objects);
  }
}
