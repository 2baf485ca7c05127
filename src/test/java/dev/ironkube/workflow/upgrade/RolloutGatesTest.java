package dev.ironkube.workflow.upgrade;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ironkube.workflow.Cancellation;
import dev.ironkube.workflow.Wait;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The etcd gate as Talos itself applies it before an upgrade (siderolabs/talos v1.13.9
 * internal/pkg/etcd/etcd.go, ValidateForUpgrade: two members are refused, every member must be
 * healthy) and the "back" check after one, over an in-memory cluster.
 */
class RolloutGatesTest {
  private static ClusterMember cp(int i) {
    return new ClusterMember("g-cp-" + i, "192.0.2." + i, true);
  }

  private static final ClusterMember WORKER = new ClusterMember("g-workers-1", "192.0.2.9", false);

  private static RolloutGates gates(FakeRollingCluster cluster) {
    Cancellation c = new Cancellation();
    return new RolloutGates(
        cluster, new Wait(Clock.systemUTC(), c, new Random(1)), Duration.ofMillis(1));
  }

  @Test
  void threeHealthyMembersLetOneGoAndAnUnhealthyOneHoldsEveryUpgrade() {
    List<ClusterMember> cps = List.of(cp(1), cp(2), cp(3));
    FakeRollingCluster cluster = new FakeRollingCluster(cps, "v1.13.10", "1.36.3");
    assertThat(gates(cluster).etcdRisk(cp(1), cps)).isEmpty();

    cluster.node("g-cp-2").etcdHealthy = false;
    assertThat(gates(cluster).etcdRisk(cp(1), cps)).contains("etcd on g-cp-2 is not healthy");

    cluster.node("g-cp-2").etcdHealthy = true;
    cluster.node("g-cp-3").downFor = -1;
    assertThat(gates(cluster).etcdRisk(cp(1), cps)).contains("g-cp-3 does not answer");
  }

  @Test
  void twoMembersAreRefusedAsTalosRefusesThemAndASingleOneMayGo() {
    List<ClusterMember> two = List.of(cp(1), cp(2));
    assertThat(gates(new FakeRollingCluster(two, "v1.13.10", "1.36.3")).etcdRisk(cp(1), two))
        .hasValueSatisfying(r -> assertThat(r).contains("etcd has 2 members"));

    List<ClusterMember> one = List.of(cp(1));
    assertThat(gates(new FakeRollingCluster(one, "v1.13.10", "1.36.3")).etcdRisk(cp(1), one))
        .isEmpty();
  }

  @Test
  void aNodeIsBackOnlyOnTheNewVersionWithItsServicesHealthyAndItsNodeReady() {
    List<ClusterMember> members = List.of(cp(1), cp(2), cp(3), WORKER);
    List<ClusterMember> cps = members.subList(0, 3);
    FakeRollingCluster cluster = new FakeRollingCluster(members, "v1.13.10", "1.36.3");
    RolloutGates gates = gates(cluster);

    assertThat(gates.notBack(cp(1), "v1.14.6", cps)).contains("reports Talos v1.13.10");
    assertThat(gates.notBack(cp(1), null, cps)).isEmpty();
    assertThat(gates.notBack(WORKER, "v1.13.10", cps)).isEmpty();

    cluster.rebooting("g-cp-1", "v1.14.6", 1);
    assertThat(gates.notBack(cp(1), "v1.14.6", cps)).contains("not answering (rebooting)");
    cluster.node("g-cp-1").etcdHealthy = false;
    assertThat(gates.notBack(cp(1), "v1.14.6", cps)).contains("etcd not healthy yet");
    cluster.node("g-cp-1").etcdHealthy = true;
    assertThat(gates.notBack(cp(1), "v1.14.6", cps)).isEmpty();
  }
}
