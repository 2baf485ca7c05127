package dev.ironkube.sim.kube;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A cluster's Kubernetes state as a datacenter snapshot keeps it: what etcd holds (every object
 * under its store key, the revision counter) and the pods its workloads run. etcd's data lives on
 * the control planes' EPHEMERAL partition ({@code /var/lib/etcd}, siderolabs/talos v1.11.6
 * pkg/machinery/constants/constants.go EtcdDataPath under EphemeralMountPoint {@code /var}), which
 * a power cycle does not touch.
 */
public record KeptObjects(
    Map<String, ObjectNode> objects, long revision, List<KeptWorkload> workloads) {
  public KeptObjects {
    // Sorted by key, so equal states encode to equal bytes.
    objects = Collections.unmodifiableMap(new TreeMap<>(objects));
    workloads = List.copyOf(workloads);
  }
}
