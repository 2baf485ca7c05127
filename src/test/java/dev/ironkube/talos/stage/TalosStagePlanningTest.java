package dev.ironkube.talos.stage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ironkube.failure.OperationFailedException;
import dev.ironkube.talos.api.DiskInfo;
import dev.ironkube.workflow.provision.ClusterNodes;
import dev.ironkube.workflow.provision.TalosStage.Node;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The pure planning inside the Talos stage's parts, without a node or a simulator. */
class TalosStagePlanningTest {
  private final Node cp1 = new Node("cp-1", "10.0.0.1", "s1", true);
  private final Node cp2 = new Node("cp-2", "10.0.0.2", "s2", true);
  private final Node cp3 = new Node("cp-3", "10.0.0.3", "s3", true);
  private final Node w1 = new Node("w-1", "10.0.0.4", "s4", false);
  private final Node w2 = new Node("w-2", "2001:db8::5", "s5", false);
  private final ClusterNodes cluster =
      new ClusterNodes(List.of(cp1, w1, cp2, w2, cp3), Optional.empty());

  @Test
  void lockDownClosesWorkersFirstAndTheFirstControlPlaneLast() {
    assertThat(NodeLockdown.order(cluster)).containsExactly(w1, w2, cp3, cp2, cp1);
  }

  @Test
  void aHostCidrIsTheFullPrefixOfItsFamily() {
    assertThat(MachineConfigInputs.hostCidr("10.0.0.4")).isEqualTo("10.0.0.4/32");
    assertThat(MachineConfigInputs.hostCidr("2001:db8::5")).isEqualTo("2001:db8:0:0:0:0:0:5/128");
  }

  @Test
  void certSansNameTheNodeThenEveryApiNameOnce() {
    ClusterNodes named = new ClusterNodes(cluster.nodes(), Optional.of("api.example.test"));
    assertThat(MachineConfigInputs.certSans(named, cp2))
        .containsExactly("10.0.0.2", "api.example.test", "10.0.0.1", "10.0.0.3");
    assertThat(MachineConfigInputs.certSans(named, w1))
        .containsExactly("10.0.0.4", "api.example.test", "10.0.0.1", "10.0.0.2", "10.0.0.3");
  }

  @Test
  void theTopologyChangesWithTheNodesButNotTheirOrder() {
    ClusterNodes reordered = new ClusterNodes(List.of(cp1, cp3, cp2, w2, w1), Optional.empty());
    ClusterNodes smaller = new ClusterNodes(List.of(cp1, cp2, cp3, w1), Optional.empty());
    assertThat(MachineConfigInputs.topology(reordered))
        .isEqualTo(MachineConfigInputs.topology(cluster));
    assertThat(MachineConfigInputs.topology(smaller))
        .isNotEqualTo(MachineConfigInputs.topology(cluster));
  }

  @Test
  void aConfiguredInstallDiskMustBeOneOfTheNodes() {
    List<DiskInfo> disks =
        List.of(
            new DiskInfo("/dev/sda", 480L << 30, "SSD", "ssd"),
            new DiskInfo("/dev/nvme0n1", 960L << 30, "NVMe", "nvme"));
    assertThat(NodeConfiguration.chooseDisk(Optional.of("/dev/sda"), disks)).isEqualTo("/dev/sda");
    assertThatThrownBy(() -> NodeConfiguration.chooseDisk(Optional.of("/dev/sdz"), disks))
        .isInstanceOf(OperationFailedException.class)
        .hasMessageContaining("/dev/sdz is not among the node's disks (/dev/sda, /dev/nvme0n1)");
  }
}
