package dev.ironkube.sim.talos;

import com.google.protobuf.ByteString;
import com.google.protobuf.Empty;
import dev.ironkube.talos.api.proto.common.Data;
import dev.ironkube.talos.api.proto.machine.ApplyConfigurationRequest;
import dev.ironkube.talos.api.proto.machine.ApplyConfigurationResponse;
import dev.ironkube.talos.api.proto.machine.Bootstrap;
import dev.ironkube.talos.api.proto.machine.BootstrapRequest;
import dev.ironkube.talos.api.proto.machine.BootstrapResponse;
import dev.ironkube.talos.api.proto.machine.EtcdMember;
import dev.ironkube.talos.api.proto.machine.EtcdMemberListRequest;
import dev.ironkube.talos.api.proto.machine.EtcdMemberListResponse;
import dev.ironkube.talos.api.proto.machine.EtcdMembers;
import dev.ironkube.talos.api.proto.machine.EtcdRecoverResponse;
import dev.ironkube.talos.api.proto.machine.EtcdSnapshotRequest;
import dev.ironkube.talos.api.proto.machine.EtcdStatusResponse;
import dev.ironkube.talos.api.proto.machine.FeaturesInfo;
import dev.ironkube.talos.api.proto.machine.MachineServiceGrpc;
import dev.ironkube.talos.api.proto.machine.PlatformInfo;
import dev.ironkube.talos.api.proto.machine.Reboot;
import dev.ironkube.talos.api.proto.machine.RebootRequest;
import dev.ironkube.talos.api.proto.machine.RebootResponse;
import dev.ironkube.talos.api.proto.machine.Reset;
import dev.ironkube.talos.api.proto.machine.ResetRequest;
import dev.ironkube.talos.api.proto.machine.ResetResponse;
import dev.ironkube.talos.api.proto.machine.ServiceList;
import dev.ironkube.talos.api.proto.machine.ServiceListResponse;
import dev.ironkube.talos.api.proto.machine.UpgradeRequest;
import dev.ironkube.talos.api.proto.machine.UpgradeResponse;
import dev.ironkube.talos.api.proto.machine.Version;
import dev.ironkube.talos.api.proto.machine.VersionInfo;
import dev.ironkube.talos.api.proto.machine.VersionResponse;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/** The machine API of a configured node, behind mTLS and {@link AdminRoles}. */
final class SecureApi extends MachineServiceGrpc.MachineServiceImplBase {
  private final TalosNodeFake node;
  private final TalosMinor minor;

  SecureApi(TalosNodeFake node) {
    this.node = node;
    this.minor = TalosMinor.of(node.talosVersion());
  }

  static VersionResponse version(String tag) {
    return VersionResponse.newBuilder()
        .addMessages(
            Version.newBuilder()
                .setVersion(
                    VersionInfo.newBuilder()
                        .setTag(tag)
                        .setSha("simulated")
                        .setGoVersion("go1.24")
                        .setOs("linux")
                        .setArch("amd64"))
                .setPlatform(PlatformInfo.newBuilder().setName("metal").setMode("metal"))
                .setFeatures(FeaturesInfo.newBuilder().setRbac(true)))
        .build();
  }

  @Override
  public void version(Empty request, StreamObserver<VersionResponse> reply) {
    reply.onNext(version(node.talosVersion()));
    reply.onCompleted();
  }

  /**
   * A configured node takes a new config live, staged, on trial or with a reboot, as its release
   * decides ({@link ConfiguredApply}).
   */
  @Override
  public void applyConfiguration(
      ApplyConfigurationRequest request, StreamObserver<ApplyConfigurationResponse> reply) {
    if (request.getMode() != ApplyConfigurationRequest.Mode.TRY) {
      node.configs.cancelRevert(); // before the config is parsed, in every supported release
    }
    AppliedConfig config;
    try {
      config = node.validator().validate(request.getData().toByteArray());
    } catch (ConfigValidator.Incomplete e) {
      // v1alpha1_server.go, ApplyConfiguration (every supported tag, configured node).
      reply.onError(
          Status.INVALID_ARGUMENT
              .withDescription(
                  "the applied machine configuration doesn't contain v1alpha1 config, did you mean"
                      + " to patch the machine config instead?")
              .asRuntimeException());
      return;
    } catch (ConfigValidator.InvalidConfig e) {
      // 1.14 refuses REBOOT after parsing and the v1alpha1 check, before validating.
      Status refused =
          request.getMode() == ApplyConfigurationRequest.Mode.REBOOT
                  && !(e instanceof ConfigValidator.Unparseable)
              ? minor.configuredRebootModeRefusal()
              : null;
      reply.onError(
          (refused != null ? refused : minor.invalidConfig(e.getMessage(), false))
              .asRuntimeException());
      return;
    }
    if (request.getMode() == ApplyConfigurationRequest.Mode.REBOOT
        && minor.configuredRebootModeRefusal() != null) {
      reply.onError(minor.configuredRebootModeRefusal().asRuntimeException());
      return;
    }
    AppliedConfig running = node.appliedConfig().orElseThrow();
    ConfiguredApply answer;
    try {
      answer = ConfiguredApply.resolve(minor, request.getMode(), running, config);
    } catch (ConfiguredApply.Refused e) {
      reply.onError(e.status().asRuntimeException());
      return;
    }
    if (request.getDryRun()) {
      reply.onNext(answer.dryRun(running, config, minor));
      reply.onCompleted();
      return;
    }
    Duration timeout = ConfiguredApply.tryTimeout(request);
    switch (answer.mode()) {
      case TRY -> node.configs.tryOut(config, timeout);
      case STAGED -> node.configs.stage(config);
      case REBOOT -> {
        // Persisted, then the reboot sequence runs after the answer has left.
        reply.onNext(answer.reply(timeout));
        reply.onCompleted();
        node.configs.applyAndReboot(config);
        return;
      }
      default -> node.configs.applyNow(config);
    }
    reply.onNext(answer.reply(timeout));
    reply.onCompleted();
  }

  @Override
  public void bootstrap(BootstrapRequest request, StreamObserver<BootstrapResponse> reply) {
    if (request.getRecoverEtcd()) {
      Status early = EtcdApi.recoverRefusal(node, request.getRecoverSkipHashCheck());
      if (early != null) {
        if (early.isOk()) {
          reply.onNext(BootstrapResponse.newBuilder().addMessages(Bootstrap.newBuilder()).build());
          reply.onCompleted();
        } else {
          reply.onError(early.asRuntimeException());
        }
        return;
      }
    }
    Status refusal = node.life.bootstrap();
    if (refusal == BootstrapChecks.TIME_NOT_SYNCED) {
      // Upstream blocks on the time-sync condition (5 s) before answering; so does the fake.
      try {
        Thread.sleep(node.life.timeSyncWait());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      refusal = node.life.bootstrap();
    }
    if (refusal != null) {
      reply.onError(refusal.asRuntimeException());
      return;
    }
    if (request.getRecoverEtcd()) {
      EtcdApi.restore(node, request.getRecoverSkipHashCheck());
    }
    reply.onNext(BootstrapResponse.newBuilder().addMessages(Bootstrap.newBuilder()).build());
    reply.onCompleted();
  }

  @Override
  public void serviceList(Empty request, StreamObserver<ServiceListResponse> reply) {
    reply.onNext(
        ServiceListResponse.newBuilder()
            .addMessages(
                ServiceList.newBuilder()
                    .addAllServices(EtcdApi.withRecoveryFailure(node, node.life.services())))
            .build());
    reply.onCompleted();
  }

  @Override
  public void kubeconfig(Empty request, StreamObserver<Data> reply) {
    AppliedConfig config = node.appliedConfig().orElseThrow();
    if (!config.controlPlane()) {
      reply.onError(minor.workerKubeconfigRefusal().asRuntimeException());
      return;
    }
    byte[] payload =
        KubeconfigBundle.upstreamPayload(
            "kubeconfig", KubeconfigBundle.kubeconfig(config), Instant.now());
    // One Data message holding the whole payload, no metadata: obj.Send(&common.Data{Bytes:
    // buf.Bytes()}) once, in the same Kubeconfig() (v1.11.6 to main).
    reply.onNext(Data.newBuilder().setBytes(ByteString.copyFrom(payload)).build());
    reply.onCompleted();
  }

  @Override
  public void etcdMemberList(
      EtcdMemberListRequest request, StreamObserver<EtcdMemberListResponse> reply) {
    if (!node.appliedConfig().orElseThrow().controlPlane()) {
      // checkControlplane("member list") in every supported release (v1alpha1_server.go).
      reply.onError(
          Status.UNIMPLEMENTED
              .withDescription("member list is only available on control plane nodes")
              .asRuntimeException());
      return;
    }
    if (!node.life.etcdRunning()) {
      reply.onError(
          Status.UNAVAILABLE
              .withDescription("etcd is not running on this node")
              .asRuntimeException());
      return;
    }
    EtcdMembers.Builder members = EtcdMembers.newBuilder();
    for (TalosCluster.EtcdMemberInfo m : node.life.etcdMembers()) {
      members.addMembers(
          EtcdMember.newBuilder()
              .setId(m.id())
              .setHostname(m.hostname())
              .addPeerUrls("https://" + m.address() + ":2380")
              .addClientUrls("https://" + m.address() + ":2379"));
    }
    reply.onNext(EtcdMemberListResponse.newBuilder().addMessages(members).build());
    reply.onCompleted();
  }

  @Override
  public void reset(ResetRequest request, StreamObserver<ResetResponse> reply) {
    if (EtcdApi.ephemeralOnly(request)) {
      node.life.wipeEphemeralAndReboot();
      reply.onNext(
          ResetResponse.newBuilder()
              .addMessages(Reset.newBuilder().setActorId(UUID.randomUUID().toString()))
              .build());
      reply.onCompleted();
      return;
    }
    if (request.getGraceful() && node.life.onlyEtcdMember()) {
      // Leaving etcd is impossible for its only member (upstream issue #2095).
      reply.onError(
          Status.FAILED_PRECONDITION
              .withDescription("etcd: cannot leave cluster: this is the only member")
              .asRuntimeException());
      return;
    }
    // The node commits to going down before it answers; the graceful stop lets the answer leave.
    node.life.resetToMaintenance(request.getGraceful());
    reply.onNext(
        ResetResponse.newBuilder()
            .addMessages(Reset.newBuilder().setActorId(UUID.randomUUID().toString()))
            .build());
    reply.onCompleted();
  }

  @Override
  public void upgrade(UpgradeRequest request, StreamObserver<UpgradeResponse> reply) {
    new NodeUpgrade(node, node.time(), node.faults()).handle(request, reply);
  }

  @Override
  public void etcdStatus(Empty request, StreamObserver<EtcdStatusResponse> reply) {
    EtcdApi.status(node, reply);
  }

  @Override
  public void etcdSnapshot(EtcdSnapshotRequest request, StreamObserver<Data> reply) {
    EtcdApi.snapshot(node, reply);
  }

  @Override
  public StreamObserver<Data> etcdRecover(StreamObserver<EtcdRecoverResponse> reply) {
    return EtcdApi.recover(node, reply);
  }

  @Override
  public void reboot(RebootRequest request, StreamObserver<RebootResponse> reply) {
    node.life.reboot();
    reply.onNext(
        RebootResponse.newBuilder()
            .addMessages(Reboot.newBuilder().setActorId(UUID.randomUUID().toString()))
            .build());
    reply.onCompleted();
  }
}
