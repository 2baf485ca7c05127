package dev.ironkube.talos.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ironkube.talos.testing.Contracts;
import dev.ironkube.talos.testing.TestBundles;
import dev.ironkube.talos.yaml.TalosYaml;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The v1alpha1 document has the key paths talosctl's generator writes for the same release, except
 * for the deliberate differences listed here.
 */
class UpstreamStructureTest {
  /** Upstream keys ironkube leaves out on purpose. */
  private static final Set<String> DELIBERATELY_MISSING =
      Set.of(
          // Deprecated, ignored by Talos, and absent from every schema.
          "persist",
          // An explicit hostname is set instead (machine.network.hostname or HostnameConfig).
          "machine.features.stableHostname",
          // 1.12 writes an empty, deprecated machine.network; the hostname lives in HostnameConfig.
          "machine.network",
          // Would hide control planes, which run workloads, from LoadBalancer Services.
          "machine.nodeLabels",
          "machine.nodeLabels.node.kubernetes.io/exclude-from-external-load-balancers");

  /** Keys ironkube adds to upstream's base output, each for a reason given in the generator. */
  private static final Set<String> DELIBERATE_ADDITIONS =
      Set.of(
          "machine.install.disk",
          "machine.install.image",
          "machine.network.hostname",
          "cluster.network.cni",
          "cluster.network.cni.name",
          "cluster.proxy.disabled",
          "cluster.allowSchedulingOnControlPlanes",
          "cluster.inlineManifests",
          "cluster.apiServer.certSANs");

  @ParameterizedTest
  @EnumSource(TalosVersion.class)
  void controlPlaneMatchesUpstreamBase(TalosVersion version) {
    compare(version, NodeRole.CONTROLPLANE, "base-controlplane");
  }

  @ParameterizedTest
  @EnumSource(TalosVersion.class)
  void workerMatchesUpstreamBase(TalosVersion version) {
    compare(version, NodeRole.WORKER, "base-worker");
  }

  private static void compare(TalosVersion version, NodeRole role, String sample) {
    JsonNode upstream =
        TalosYaml.readDocuments(
                Contracts.read(
                    "samples/generated/"
                        + version.configContract().contract()
                        + "-"
                        + sample
                        + ".yaml"))
            .get(0);
    JsonNode ours =
        TalosYaml.readDocuments(
                new MachineConfigGenerator(TestBundles.fixed())
                    .render(version, Inputs.of(role, true)))
            .get(0);
    Set<String> upstreamPaths = paths(upstream);
    Set<String> ourPaths = paths(ours);

    Set<String> missing = new TreeSet<>(upstreamPaths);
    missing.removeAll(ourPaths);
    assertThat(missing).as("upstream keys we do not write").isSubsetOf(DELIBERATELY_MISSING);

    Set<String> extra = new TreeSet<>(ourPaths);
    extra.removeAll(upstreamPaths);
    assertThat(extra)
        .as("keys upstream's base output does not have")
        .isSubsetOf(DELIBERATE_ADDITIONS);
  }

  private static Set<String> paths(JsonNode node) {
    Set<String> out = new TreeSet<>();
    collect(node, "", out);
    return out;
  }

  private static void collect(JsonNode node, String prefix, Set<String> out) {
    node.properties()
        .forEach(
            e -> {
              String path = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
              out.add(path);
              if (e.getValue().isObject() && !isOpaque(path)) {
                collect(e.getValue(), path, out);
              }
            });
  }

  /** Embedded Kubernetes objects: compared as a whole, not key by key. */
  private static boolean isOpaque(String path) {
    return path.startsWith("cluster.apiServer.auditPolicy");
  }
}
