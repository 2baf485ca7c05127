package dev.ironkube.sim.talos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ironkube.failure.RemoteServiceException;
import dev.ironkube.sim.Faults;
import dev.ironkube.talos.api.EtcdMemberInfo;
import dev.ironkube.talos.api.TalosClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The simulated Upgrade RPC against upstream's server code (siderolabs/talos v1.13.9,
 * internal/app/machined/internal/server/v1alpha1/v1alpha1_server.go Upgrade; internal/pkg/etcd/
 * etcd.go ValidateForUpgrade; v1alpha1_sequencer.go Upgrade), not against what ironkube's client
 * expects: the image is pulled before anything else and a failure answers gRPC Unknown with "error
 * validating installer image"; a two-member etcd is refused; an accepted upgrade answers "Upgrade
 * request received" and the node reboots into the new release, its etcd member keeping its id (the
 * EPHEMERAL partition is kept) and its Node reporting the new OS image.
 */
class NodeUpgradeFidelityTest {
  private static final String SCHEMATIC =
      "376567988ad370138ad8b2698212367b8edcb69b5fd68c80be1f2ec7d603b4ba";

  private static String installer(String version) {
    return "factory.talos.dev/metal-installer/" + SCHEMATIC + ":" + version;
  }

  @Test
  void anAcceptedUpgradeRebootsIntoTheNewReleaseAndTheMemberRejoinsWithItsId() throws Exception {
    try (ClusterRig rig = new ClusterRig(71, Faults.none()).start(3, 0)) {
      TalosClient cp1 = rig.node("cp-1").admin();
      cp1.bootstrap(ClusterRig.WAIT);
      for (String cp : List.of("cp-1", "cp-2", "cp-3")) {
        rig.node(cp).admin().awaitHealthy(ClusterRig.CP_SERVICES, ClusterRig.WAIT);
      }
      List<Long> ids =
          rig.node("cp-2").admin().etcdMembers().stream().map(EtcdMemberInfo::id).toList();
      // The running config is served to the admin as the MachineConfig resource, byte for byte.
      assertThat(new String(cp1.machineConfig())).contains("type: controlplane");

      assertThat(cp1.upgrade(installer("v1.12.12"))).isEqualTo("Upgrade request received");
      awaitVersion(cp1, "v1.12.12");
      cp1.awaitHealthy(ClusterRig.CP_SERVICES, ClusterRig.WAIT);
      assertThat(rig.node("cp-2").admin().etcdMembers())
          .extracting(EtcdMemberInfo::id)
          .containsExactlyElementsOf(ids);
      assertThat(rig.node("cp-2").admin().version().tag())
          .as("only the upgraded node changes")
          .isEqualTo(ClusterRig.RELEASE);
    }
  }

  @Test
  void anImageThatCannotBePulledIsRefusedBeforeAnythingStarts() throws Exception {
    Faults faults = new Faults(72).arm(Faults.Rule.once("talos.upgrade.pull@cp-1", "pull-failed"));
    try (ClusterRig rig = new ClusterRig(72, faults).start(1, 0)) {
      TalosClient cp1 = rig.node("cp-1").admin();
      cp1.bootstrap(ClusterRig.WAIT);
      cp1.awaitHealthy(ClusterRig.CP_SERVICES, ClusterRig.WAIT);
      assertThatThrownBy(() -> cp1.upgrade(installer("v1.12.12")))
          .hasMessageContaining("error validating installer image")
          .hasMessageContaining("502");
      // Not a release the factory builds: containerd's resolver answers not found.
      assertThatThrownBy(() -> cp1.upgrade(installer("v1.99.0")))
          .isInstanceOf(RemoteServiceException.class)
          .hasMessageContaining("UNKNOWN")
          .hasMessageContaining("error validating installer image")
          .hasMessageContaining("not found");
      Thread.sleep(200);
      assertThat(cp1.version().tag()).isEqualTo(ClusterRig.RELEASE);
    }
  }

  @Test
  void twoEtcdMembersAreRefusedForLackOfQuorum() throws Exception {
    try (ClusterRig rig = new ClusterRig(73, Faults.none()).start(2, 0)) {
      TalosClient cp1 = rig.node("cp-1").admin();
      cp1.bootstrap(ClusterRig.WAIT);
      rig.node("cp-2").admin().awaitHealthy(ClusterRig.CP_SERVICES, ClusterRig.WAIT);
      assertThatThrownBy(() -> cp1.upgrade(installer("v1.12.12")))
          .hasMessageContaining(
              "error validating etcd for upgrade: etcd member count(2) is insufficient to maintain"
                  + " quorum if upgrade commences");
    }
  }

  private static void awaitVersion(TalosClient client, String tag) throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
    while (Instant.now().isBefore(deadline)) {
      try {
        if (client.version().tag().equals(tag)) {
          return;
        }
      } catch (RuntimeException rebooting) {
        // the node is down between the old release and the new one
      }
      Thread.sleep(20);
    }
    throw new AssertionError("the node never reported " + tag);
  }
}
