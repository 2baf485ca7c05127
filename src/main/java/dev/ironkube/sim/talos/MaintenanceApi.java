package dev.ironkube.sim.talos;

import com.google.protobuf.Empty;
import dev.ironkube.talos.api.proto.common.Data;
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
import dev.ironkube.talos.api.proto.machine.ServiceList;
import dev.ironkube.talos.api.proto.machine.ServiceListResponse;
import dev.ironkube.talos.api.proto.machine.VersionResponse;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;

/**
 * The machine API of a node without config, per the release it boots ({@link TalosMinor}).
 *
 * <p>1.11/1.12: the separate maintenance server (v1.12.11 internal/app/maintenance/server.go).
 * ApplyConfiguration takes TRY/REBOOT/AUTO; Version and Reset first assert the admin role, which no
 * network caller has there (the injector runs in ReadOnlyWithAdminOnSiderolink mode, see
 * internal/app/machined/pkg/controllers/runtime/maintenance_service.go), so they answer
 * Unimplemented "API is not implemented in maintenance mode"; every method the server does not
 * define falls to grpc-go's UnimplementedMachineServiceServer, "method X not implemented".
 *
 * <p>1.13+: apid serves maintenance and proxies to machined, every caller holding only the reader
 * role (v1.13.9 internal/app/apid/service.go). machined's rules
 * (internal/app/machined/pkg/system/services/machined.go) then let Version, ServiceList and
 * EtcdMemberList through, admit ApplyConfiguration for the reader "for maintenance only", and deny
 * Bootstrap, Kubeconfig, Reset and Reboot with authz.ErrNotAuthorized (PermissionDenied "not
 * authorized"). ApplyConfiguration turns REBOOT and AUTO into NO_REBOOT there.
 */
final class MaintenanceApi extends MachineServiceGrpc.MachineServiceImplBase {
  private final TalosNodeFake node;
  private final TalosMinor minor;

  MaintenanceApi(TalosNodeFake node) {
    this.node = node;
    this.minor = TalosMinor.of(node.talosVersion());
  }

  @Override
  public void applyConfiguration(
      ApplyConfigurationRequest request, StreamObserver<ApplyConfigurationResponse> reply) {
    var mode = request.getMode();
    Status refused = minor.maintenanceModeRefusal(mode);
    if (refused != null) {
      reply.onError(refused.asRuntimeException());
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
    } catch (ConfigValidator.Incomplete e) {
      if (!minor.apidServesMaintenance()) {
        reply.onError(minor.invalidConfig(e.getMessage(), true).asRuntimeException());
        return;
      }
      // Not complete for boot: taken, and the node keeps waiting in maintenance.
      MaintenanceApply answer = MaintenanceApply.of(minor, request);
      reply.onNext(
          request.getDryRun()
              ? answer.dryRun(request.getData().toByteArray(), minor)
              : answer.reply());
      reply.onCompleted();
      return;
    } catch (ConfigValidator.InvalidConfig e) {
      reply.onError(minor.invalidConfig(e.getMessage(), true).asRuntimeException());
      return;
    }
    MaintenanceApply answer = MaintenanceApply.of(minor, request);
    if (request.getDryRun()) {
      reply.onNext(answer.dryRun(request.getData().toByteArray(), minor));
      reply.onCompleted();
      return;
    }
    if (answer.staged()) {
      // Persisted only: a node in maintenance has no active config to boot from until a reboot.
      reply.onNext(answer.reply());
      reply.onCompleted();
      return;
    }
    if (fault.equals("drop")) {
      // Applied, but the listener goes away before the answer leaves, as on a fast reboot.
      node.life.acceptAndReboot(config, true);
      return;
    }
    // Committed before answering, as Talos does; the graceful stop lets this answer leave.
    node.life.acceptAndReboot(config, false);
    reply.onNext(answer.reply());
    reply.onCompleted();
  }

  @Override
  public void version(Empty request, StreamObserver<VersionResponse> reply) {
    if (minor.apidServesMaintenance()) {
      reply.onNext(SecureApi.version(node.talosVersion()));
      reply.onCompleted();
    } else {
      adminOnly(reply);
    }
  }

  @Override
  public void serviceList(Empty request, StreamObserver<ServiceListResponse> reply) {
    if (minor.apidServesMaintenance()) {
      reply.onNext(
          ServiceListResponse.newBuilder()
              .addMessages(ServiceList.newBuilder().addAllServices(ServiceTimeline.maintenance()))
              .build());
      reply.onCompleted();
    } else {
      undefined("ServiceList", reply);
    }
  }

  @Override
  public void bootstrap(BootstrapRequest request, StreamObserver<BootstrapResponse> reply) {
    denied("Bootstrap", reply);
  }

  @Override
  public void kubeconfig(Empty request, StreamObserver<Data> reply) {
    denied("Kubeconfig", reply);
  }

  @Override
  public void etcdMemberList(
      EtcdMemberListRequest request, StreamObserver<EtcdMemberListResponse> reply) {
    if (minor.apidServesMaintenance()) {
      // Allowed for the reader, but machinehelper.CheckControlplane finds no MachineType resource
      // before a config (v1.13.9 internal/app/internal/machinehelper/machinehelper.go).
      reply.onError(
          Status.UNIMPLEMENTED
              .withDescription("machine type is not set, cannot use member list API")
              .asRuntimeException());
    } else {
      undefined("EtcdMemberList", reply);
    }
  }

  @Override
  public void reset(ResetRequest request, StreamObserver<ResetResponse> reply) {
    if (minor.apidServesMaintenance()) {
      denied("Reset", reply);
    } else {
      adminOnly(reply);
    }
  }

  @Override
  public void reboot(RebootRequest request, StreamObserver<RebootResponse> reply) {
    denied("Reboot", reply);
  }

  /** 1.11/1.12: assertAdminRole in the maintenance server fails for every network caller. */
  private static void adminOnly(StreamObserver<?> reply) {
    reply.onError(
        Status.UNIMPLEMENTED
            .withDescription("API is not implemented in maintenance mode")
            .asRuntimeException());
  }

  /** A method the 1.11/1.12 maintenance server leaves to grpc-go's generated stub. */
  private static void undefined(String method, StreamObserver<?> reply) {
    reply.onError(
        Status.UNIMPLEMENTED
            .withDescription("method " + method + " not implemented")
            .asRuntimeException());
  }

  /** An admin-only method: 1.13+ deny the reader role; 1.11/1.12 do not define it at all. */
  private void denied(String method, StreamObserver<?> reply) {
    if (minor.apidServesMaintenance()) {
      reply.onError(
          Status.PERMISSION_DENIED.withDescription("not authorized").asRuntimeException());
    } else {
      undefined(method, reply);
    }
  }
}
