package dev.ironkube.sim.talos;

import com.google.protobuf.Empty;
import dev.ironkube.talos.api.proto.common.Data;
import dev.ironkube.talos.api.proto.machine.ApplyConfiguration;
import dev.ironkube.talos.api.proto.machine.ApplyConfigurationRequest;
import dev.ironkube.talos.api.proto.machine.ApplyConfigurationResponse;
import dev.ironkube.talos.api.proto.machine.BootstrapRequest;
import dev.ironkube.talos.api.proto.machine.BootstrapResponse;
import dev.ironkube.talos.api.proto.machine.EtcdMemberListRequest;
import dev.ironkube.talos.api.proto.machine.EtcdMemberListResponse;
import dev.ironkube.talos.api.proto.machine.MachineServiceGrpc;
import dev.ironkube.talos.api.proto.machine.RebootRequest;
import dev.ironkube.talos.api.proto.machine.RebootResponse;
import dev.ironkube.talos.api.proto.machine.ResetRequest;
import dev.ironkube.talos.api.proto.machine.ResetResponse;
import dev.ironkube.talos.api.proto.machine.ServiceListResponse;
import dev.ironkube.talos.api.proto.machine.VersionResponse;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.Locale;

/**
 * The machine API of a node without config, as Talos 1.8–1.12's maintenance server behaves
 * (shared/reference/talos.md, section 2.3): ApplyConfiguration in REBOOT/AUTO/TRY mode; Version
 * only from 1.13 on, where apid itself serves maintenance; everything else Unimplemented.
 */
final class MaintenanceApi extends MachineServiceGrpc.MachineServiceImplBase {
  private final TalosNodeFake node;

  MaintenanceApi(TalosNodeFake node) {
    this.node = node;
  }

  @Override
  public void applyConfiguration(
      ApplyConfigurationRequest request, StreamObserver<ApplyConfigurationResponse> reply) {
    var mode = request.getMode();
    if (mode == ApplyConfigurationRequest.Mode.NO_REBOOT
        || mode == ApplyConfigurationRequest.Mode.STAGED) {
      reply.onError(
          Status.UNIMPLEMENTED
              .withDescription(
                  "apply configuration --mode='"
                      + mode.name().toLowerCase(Locale.ROOT)
                      + "' is not supported in maintenance mode")
              .asRuntimeException());
      return;
    }
    String fault = node.faults().next("talos.apply").orElse("");
    if (fault.equals("reject")) {
      reply.onError(
          Status.INVALID_ARGUMENT
              .withDescription("configuration rejected by the node (simulated fault)")
              .asRuntimeException());
      return;
    }
    AppliedConfig config;
    try {
      config = node.validator().validate(request.getData().toByteArray());
    } catch (ConfigValidator.InvalidConfig e) {
      reply.onError(Status.INVALID_ARGUMENT.withDescription(e.getMessage()).asRuntimeException());
      return;
    }
    if (request.getDryRun()) {
      reply.onNext(
          answer(
              "Dry run summary:\nNode is running in maintenance mode and does not"
                  + " have a config yet."));
      reply.onCompleted();
      return;
    }
    if (fault.equals("drop")) {
      // Applied, but the listener goes away before the answer leaves, as on a fast reboot.
      node.acceptAndReboot(config, true);
      return;
    }
    // Committed before answering, as Talos does; the graceful stop lets this answer leave.
    node.acceptAndReboot(config, false);
    reply.onNext(answer(""));
    reply.onCompleted();
  }

  /** Maintenance replies carry warnings only; mode stays unset (0), as the real server does. */
  private static ApplyConfigurationResponse answer(String details) {
    return ApplyConfigurationResponse.newBuilder()
        .addMessages(ApplyConfiguration.newBuilder().setModeDetails(details))
        .build();
  }

  @Override
  public void version(Empty request, StreamObserver<VersionResponse> reply) {
    if (DocumentKinds.minor(node.talosVersion()) >= 13) {
      reply.onNext(SecureApi.version(node.talosVersion()));
      reply.onCompleted();
    } else {
      notInMaintenance(reply);
    }
  }

  @Override
  public void bootstrap(BootstrapRequest request, StreamObserver<BootstrapResponse> reply) {
    notInMaintenance(reply);
  }

  @Override
  public void serviceList(Empty request, StreamObserver<ServiceListResponse> reply) {
    notInMaintenance(reply);
  }

  @Override
  public void kubeconfig(Empty request, StreamObserver<Data> reply) {
    notInMaintenance(reply);
  }

  @Override
  public void etcdMemberList(
      EtcdMemberListRequest request, StreamObserver<EtcdMemberListResponse> reply) {
    notInMaintenance(reply);
  }

  @Override
  public void reset(ResetRequest request, StreamObserver<ResetResponse> reply) {
    notInMaintenance(reply);
  }

  @Override
  public void reboot(RebootRequest request, StreamObserver<RebootResponse> reply) {
    notInMaintenance(reply);
  }

  private static void notInMaintenance(StreamObserver<?> reply) {
    reply.onError(
        Status.UNIMPLEMENTED
            .withDescription("API is not implemented in maintenance mode")
            .asRuntimeException());
  }
}
