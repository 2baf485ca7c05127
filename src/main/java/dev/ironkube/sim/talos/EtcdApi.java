package dev.ironkube.sim.talos;

import com.google.protobuf.ByteString;
import dev.ironkube.sim.kube.KubeCluster;
import dev.ironkube.sim.kube.StoreContents;
import dev.ironkube.talos.api.proto.common.Data;
import dev.ironkube.talos.api.proto.machine.EtcdMemberStatus;
import dev.ironkube.talos.api.proto.machine.EtcdRecover;
import dev.ironkube.talos.api.proto.machine.EtcdRecoverResponse;
import dev.ironkube.talos.api.proto.machine.EtcdStatus;
import dev.ironkube.talos.api.proto.machine.EtcdStatusResponse;
import dev.ironkube.talos.api.proto.machine.ResetRequest;
import dev.ironkube.talos.api.proto.machine.ServiceHealth;
import dev.ironkube.talos.api.proto.machine.ServiceInfo;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The etcd calls a configured node serves for backup, restore and health, modelled on siderolabs/
 * talos v1.11.6 {@code internal/app/machined/internal/server/v1alpha1/v1alpha1_server.go}:
 *
 * <ul>
 *   <li><b>EtcdStatus</b>: control planes only ("etcd status is only available on control plane
 *       nodes", Unimplemented); the local etcd's Status; Unknown "failed to query etcd status"
 *       while etcd does not run here.
 *   <li><b>EtcdSnapshot</b>: control planes only; the local etcd client's Snapshot reader sent in
 *       chunks of common.Data without metadata (stream.NewChunker, 4 KiB reads); the bytes are
 *       {@link EtcdSnapshotFile}'s, of the cluster's Kubernetes objects (what etcd holds).
 *   <li><b>EtcdRecover</b>: a client stream written to /var/lib/etcd.snapshot; control planes only;
 *       one empty EtcdRecover in the answer. The file is kept (here: {@link EtcdRecovery}) for the
 *       next Bootstrap with recover_etcd.
 *   <li><b>Bootstrap with recover_etcd</b>: the usual preconditions (AlreadyExists "etcd data
 *       directory is not empty" when etcd holds data), then etcd starts in bootstrap mode and its
 *       pre-start step restores the snapshot; the RPC answers before that step, so a snapshot etcd
 *       refuses shows as etcd Failed in ServiceList with the restore's error, not as an RPC error.
 *   <li><b>Reset wiping EPHEMERAL only</b>: etcd's data directory goes, STATE (the config) stays,
 *       the node reboots configured with etcd in Preparing, waiting for a bootstrap (Talos docs
 *       v1.11 "Disaster Recovery", Preparing Control Plane Nodes).
 * </ul>
 *
 * Not modelled: a snapshot's recovery with some control planes' etcd still holding data (the guide
 * wipes them all first); a plain bootstrap after every member's EPHEMERAL was wiped starts from the
 * old objects rather than an empty etcd.
 */
final class EtcdApi {
  /** stream.NewChunker's default read size (talos pkg/chunker/stream). */
  private static final int CHUNK = 4096;

  private EtcdApi() {}

  static void status(TalosNodeFake node, StreamObserver<EtcdStatusResponse> reply) {
    if (!controlPlane(node, "etcd status", reply)) {
      return;
    }
    if (!node.life.etcdRunning()) {
      reply.onError(
          Status.UNKNOWN
              .withDescription("failed to query etcd status: context deadline exceeded")
              .asRuntimeException());
      return;
    }
    List<TalosCluster.EtcdMemberInfo> members = node.life.etcdMembers();
    long self =
        members.stream()
            .filter(m -> m.hostname().equals(node.hostname()))
            .map(TalosCluster.EtcdMemberInfo::id)
            .findFirst()
            .orElse(0L);
    long leader = members.isEmpty() ? 0 : members.get(0).id();
    Optional<StoreContents> data = kube(node).map(KubeCluster::snapshot);
    long revision = data.map(StoreContents::revision).orElse(1L);
    long dbSize = data.map(d -> (long) EtcdSnapshotFile.write(d, revision).length - 32).orElse(0L);
    reply.onNext(
        EtcdStatusResponse.newBuilder()
            .addMessages(
                EtcdStatus.newBuilder()
                    .setMemberStatus(
                        EtcdMemberStatus.newBuilder()
                            .setMemberId(self)
                            .setProtocolVersion("3.6.5")
                            .setStorageVersion("3.6.0")
                            .setDbSize(dbSize)
                            .setDbSizeInUse(dbSize)
                            .setLeader(leader)
                            .setRaftIndex(revision)
                            .setRaftTerm(2)
                            .setRaftAppliedIndex(revision)))
            .build());
    reply.onCompleted();
  }

  static void snapshot(TalosNodeFake node, StreamObserver<Data> reply) {
    if (!controlPlane(node, "etcd snapshot", reply)) {
      return;
    }
    if (!node.life.etcdRunning()) {
      reply.onError(
          Status.UNKNOWN
              .withDescription("failed reading etcd snapshot: context deadline exceeded")
              .asRuntimeException());
      return;
    }
    StoreContents contents =
        kube(node).map(KubeCluster::snapshot).orElse(new StoreContents(Map.of(), 1));
    byte[] file = EtcdSnapshotFile.write(contents, contents.revision());
    for (int at = 0; at < file.length; at += CHUNK) {
      int n = Math.min(CHUNK, file.length - at);
      reply.onNext(Data.newBuilder().setBytes(ByteString.copyFrom(file, at, n)).build());
    }
    reply.onCompleted();
  }

  static StreamObserver<Data> recover(
      TalosNodeFake node, StreamObserver<EtcdRecoverResponse> reply) {
    boolean controlPlane = node.appliedConfig().map(AppliedConfig::controlPlane).orElse(false);
    ByteArrayOutputStream received = new ByteArrayOutputStream();
    return new StreamObserver<>() {
      @Override
      public void onNext(Data chunk) {
        received.writeBytes(chunk.getBytes().toByteArray());
      }

      @Override
      public void onError(Throwable t) {
        // upstream removes the partial file when the upload did not finish
      }

      @Override
      public void onCompleted() {
        if (!controlPlane) {
          reply.onError(
              Status.UNIMPLEMENTED
                  .withDescription("etcd recover is only available on control plane nodes")
                  .asRuntimeException());
          return;
        }
        node.etcdRecovery.upload(received.toByteArray());
        reply.onNext(
            EtcdRecoverResponse.newBuilder().addMessages(EtcdRecover.getDefaultInstance()).build());
        reply.onCompleted();
      }
    };
  }

  /**
   * Bootstrap with recover_etcd: null when the node is to bootstrap from the uploaded snapshot
   * (then call {@link #restore}), else what to answer. A snapshot etcd refuses is answered OK and
   * left for etcd's pre-start step to fail on (the file stays, as upstream only deletes it after a
   * restore); a node whose etcd holds data refuses first, as upstream's data-directory check does.
   */
  static Status recoverRefusal(TalosNodeFake node, boolean skipHashCheck) {
    Optional<String> refused = snapshotRefusal(node, skipHashCheck);
    if (refused.isEmpty()) {
      return null;
    }
    if (node.bootstrapped()) {
      return Status.ALREADY_EXISTS.withDescription("etcd data directory is not empty");
    }
    node.etcdRecovery.failed(refused.get());
    return Status.OK;
  }

  /** After the node accepted the recovering bootstrap: etcd holds the snapshot's objects. */
  static void restore(TalosNodeFake node, boolean skipHashCheck) {
    node.etcdRecovery
        .take()
        .ifPresent(
            bytes -> {
              try {
                StoreContents contents = EtcdSnapshotFile.read(bytes, skipHashCheck);
                kube(node).ifPresent(k -> k.restore(contents));
                node.etcdRecovery.recovered();
              } catch (EtcdSnapshotFile.Refused checkedBefore) {
                node.etcdRecovery.failed(checkedBefore.getMessage());
              }
            });
  }

  private static Optional<String> snapshotRefusal(TalosNodeFake node, boolean skipHashCheck) {
    Optional<byte[]> uploaded = node.etcdRecovery.peek();
    if (uploaded.isEmpty()) {
      return Optional.of(
          "error verifying snapshot: stat /var/lib/etcd.snapshot: no such file or directory");
    }
    try {
      EtcdSnapshotFile.read(uploaded.get(), skipHashCheck);
      return Optional.empty();
    } catch (EtcdSnapshotFile.Refused r) {
      return Optional.of(r.getMessage());
    }
  }

  /** Whether a Reset asks to wipe EPHEMERAL and nothing else (etcd's data, keeping the config). */
  static boolean ephemeralOnly(ResetRequest request) {
    return request.getSystemPartitionsToWipeCount() > 0
        && request.getSystemPartitionsToWipeList().stream()
            .allMatch(p -> p.getLabel().equals("EPHEMERAL") || !p.getWipe());
  }

  /** ServiceList with etcd Failed, as after a recovering bootstrap whose restore failed. */
  static List<ServiceInfo> withRecoveryFailure(TalosNodeFake node, List<ServiceInfo> services) {
    Optional<String> failure = node.etcdRecovery.failure();
    if (failure.isEmpty()) {
      return services;
    }
    return services.stream()
        .map(
            s ->
                s.getId().equals("etcd")
                    ? s.toBuilder()
                        .setState("Failed")
                        .setHealth(
                            ServiceHealth.newBuilder()
                                .setHealthy(false)
                                .setLastMessage("Failed to run pre stage: " + failure.get()))
                        .build()
                    : s)
        .toList();
  }

  private static Optional<KubeCluster> kube(TalosNodeFake node) {
    return node.cluster().flatMap(TalosCluster::kubernetes);
  }

  private static boolean controlPlane(TalosNodeFake node, String api, StreamObserver<?> reply) {
    if (node.appliedConfig().map(AppliedConfig::controlPlane).orElse(false)) {
      return true;
    }
    // checkControlplane(apiName) in every supported release.
    reply.onError(
        Status.UNIMPLEMENTED
            .withDescription(api + " is only available on control plane nodes")
            .asRuntimeException());
    return false;
  }
}
