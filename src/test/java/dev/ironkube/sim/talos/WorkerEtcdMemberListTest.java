package dev.ironkube.sim.talos;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ironkube.failure.RemoteServiceException;
import dev.ironkube.sim.Faults;
import org.junit.jupiter.api.Test;

/**
 * EtcdMemberList on a configured worker. Upstream refuses it before touching etcd, with the same
 * words in every supported release: siderolabs/talos@v1.11.6 and v1.12.11
 * internal/app/machined/internal/server/v1alpha1/v1alpha1_server.go ({@code
 * checkControlplane("member list")}), @v1.13.9 internal/app/internal/machinehelper/
 * machinehelper.go ({@code CheckControlplane}): codes.Unimplemented, "member list is only available
 * on control plane nodes".
 */
class WorkerEtcdMemberListTest {

  @Test
  void aWorkerRefusesTheMemberListAsUnimplemented() throws Exception {
    try (ClusterRig rig = new ClusterRig(69, Faults.none()).start(1, 1)) {
      assertThatThrownBy(() -> rig.node("worker-1").admin().etcdMembers())
          .isInstanceOf(RemoteServiceException.Rejected.class)
          .hasMessageContaining(
              "UNIMPLEMENTED: member list is only available on control plane nodes");
    }
  }
}
