package dev.ironkube.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

class NodePoolsTest {
  private static Settings document(String spec) {
    ClusterDocument.Parsed parsed =
        ClusterDocument.parse(
            "apiVersion: ironkube.dev/v1alpha1\nkind: Cluster\nmetadata: {name: p}\nspec:\n" + spec,
            "cluster.yaml");
    assertThat(parsed.problems()).isEmpty();
    Settings s = Settings.defaults();
    for (var e : parsed.values().entrySet()) {
      s = s.with(e.getKey(), e.getValue(), Source.FILE);
    }
    return s;
  }

  private static List<String> problems(Settings s) {
    return NodePools.problems(s).stream().map(p -> p.path() + ": " + p.message()).toList();
  }

  @Test
  void withoutPoolsOneControlPlaneAndNoWorkers() {
    List<NodePools.Pool> pools = NodePools.of(Settings.defaults());
    assertThat(pools).hasSize(1);
    assertThat(pools.get(0).name()).isEqualTo("cp");
    assertThat(pools.get(0).controlPlane()).isTrue();
    assertThat(pools.get(0).count()).isEqualTo(1);
  }

  @Test
  void countsMakeTheDefaultPools() {
    Settings s =
        Settings.defaults()
            .with(SettingsCatalogue.CONTROL_PLANES, "3", Source.FLAG)
            .with(SettingsCatalogue.WORKERS, "2", Source.FLAG);
    assertThat(NodePools.of(s))
        .extracting(NodePools.Pool::name, NodePools.Pool::count)
        .containsExactly(Tuple.tuple("cp", 3), Tuple.tuple("workers", 2));
    assertThat(NodePools.nodeCount(NodePools.of(s))).isEqualTo(5);
  }

  @Test
  void evenControlPlaneCountsAreRefusedWithTheReason() {
    Settings s = Settings.defaults().with(SettingsCatalogue.CONTROL_PLANES, "2", Source.FLAG);
    assertThat(problems(s))
        .singleElement()
        .asString()
        .contains("spec.controlPlanes")
        .contains("1 or 3");
  }

  @Test
  void poolsFromTheDocumentWithTheirOwnPlans() {
    Settings s =
        document(
            "  plan: c2-small-x86\n  region: CHI\n  pools:\n"
                + "    - {name: cp, role: controlplane, count: 3}\n"
                + "    - {name: gpu, role: worker, count: 2, plan: g3-large-x86, region: NYC}\n");
    assertThat(problems(s)).isEmpty();
    List<NodePools.Pool> pools = NodePools.of(s);
    assertThat(pools.get(1).plan()).contains("g3-large-x86");
    assertThat(pools.get(1).region()).contains("NYC");
    assertThat(pools.get(0).plan()).isEmpty();
  }

  @Test
  void everyPoolProblemIsReportedWithItsPath() {
    Settings s =
        document(
            "  pools:\n"
                + "    - {name: Control, role: master, count: 2, size: big}\n"
                + "    - {name: w, role: worker, count: -1}\n"
                + "    - {name: w, role: worker, count: two, provider: scaleway}\n");
    assertThat(problems(s))
        .anyMatch(p -> p.startsWith("spec.pools[0].size: unknown field"))
        .anyMatch(p -> p.startsWith("spec.pools[0].name: 'Control' is not a valid pool name"))
        .anyMatch(p -> p.startsWith("spec.pools[0].role: 'master' is not a role"))
        .anyMatch(p -> p.startsWith("spec.pools[1].count: -1 is out of range"))
        .anyMatch(p -> p.startsWith("spec.pools[2].name: 'w' names two pools"))
        .anyMatch(p -> p.startsWith("spec.pools[2].count: must be a whole number"))
        .anyMatch(p -> p.startsWith("spec.pools[2].provider: 'scaleway' differs"));
  }

  @Test
  void poolsAndCountsTogetherAreContradictory() {
    Settings s =
        document("  pools:\n    - {name: cp, role: controlplane, count: 1}\n")
            .with(SettingsCatalogue.WORKERS, "2", Source.FLAG);
    assertThat(problems(s)).anyMatch(p -> p.contains("describe the counts in one place"));
  }
}
