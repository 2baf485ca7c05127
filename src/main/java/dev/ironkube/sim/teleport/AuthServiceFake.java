package dev.ironkube.sim.teleport;

import com.google.protobuf.Empty;
import dev.ironkube.access.teleport.proto.auth.AuthServiceGrpc;
import dev.ironkube.access.teleport.proto.auth.CreateTokenV2Request;
import dev.ironkube.access.teleport.proto.auth.ListResourcesRequest;
import dev.ironkube.access.teleport.proto.auth.ListResourcesResponse;
import dev.ironkube.access.teleport.proto.auth.PaginatedResource;
import dev.ironkube.access.teleport.proto.types.KubernetesClusterV3;
import dev.ironkube.access.teleport.proto.types.KubernetesServerSpecV3;
import dev.ironkube.access.teleport.proto.types.KubernetesServerV3;
import dev.ironkube.access.teleport.proto.types.Metadata;
import dev.ironkube.access.teleport.proto.types.ProvisionTokenV2;
import dev.ironkube.access.teleport.proto.types.ResourceRequest;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** The RPCs of {@code proto.AuthService} ironkube uses, answered from {@link TeleportAuthFake}. */
final class AuthServiceFake extends AuthServiceGrpc.AuthServiceImplBase {
  /** Teleport's system role names, capitalised as the Auth Service spells them. */
  static final Set<String> SYSTEM_ROLES =
      Set.of(
          "Auth",
          "Node",
          "Proxy",
          "Kube",
          "App",
          "Db",
          "WindowsDesktop",
          "Bot",
          "Discovery",
          "Instance",
          "Okta",
          "MDM");

  private final TeleportAuthFake state;

  AuthServiceFake(TeleportAuthFake state) {
    this.state = state;
  }

  @Override
  public void createTokenV2(CreateTokenV2Request request, StreamObserver<Empty> reply) {
    if (fault("CreateTokenV2", reply)) {
      return;
    }
    if (!request.hasV2()) {
      reply.onError(invalid("token is required"));
      return;
    }
    ProvisionTokenV2 token = request.getV2();
    Optional<String> problem = problem(token);
    if (problem.isPresent()) {
      reply.onError(invalid(problem.get()));
      return;
    }
    var expires = token.getMetadata().getExpires();
    RecordedToken recorded =
        new RecordedToken(
            token.getMetadata().getName(),
            token.getSpec().getRolesList(),
            token.getSpec().getJoinMethod().isEmpty() ? "token" : token.getSpec().getJoinMethod(),
            state.now(),
            Instant.ofEpochSecond(expires.getSeconds(), expires.getNanos()));
    if (!state.addToken(recorded)) {
      // Real Auth names the token here; the fake does not, so a leak in a test would show.
      reply.onError(Status.ALREADY_EXISTS.withDescription("token already exists").asException());
      return;
    }
    reply.onNext(Empty.getDefaultInstance());
    reply.onCompleted();
  }

  private Optional<String> problem(ProvisionTokenV2 token) {
    if (!"token".equals(token.getKind()) || !"v2".equals(token.getVersion())) {
      return Optional.of(
          "unsupported resource kind/version " + token.getKind() + "/" + token.getVersion());
    }
    if (token.getMetadata().getName().isEmpty()) {
      return Optional.of("missing parameter Name");
    }
    if (token.getSpec().getRolesCount() == 0) {
      return Optional.of("provisioning token is missing roles");
    }
    for (String role : token.getSpec().getRolesList()) {
      if (!SYSTEM_ROLES.contains(role)) {
        return Optional.of("\"" + role + "\" is not a valid system role");
      }
    }
    if (!token.getMetadata().hasExpires()) {
      return Optional.of("the fake requires metadata.expires (a join token must have a TTL)");
    }
    var e = token.getMetadata().getExpires();
    if (!Instant.ofEpochSecond(e.getSeconds(), e.getNanos()).isAfter(state.now())) {
      return Optional.of("token expiry is in the past");
    }
    return Optional.empty();
  }

  @Override
  public void deleteToken(ResourceRequest request, StreamObserver<Empty> reply) {
    if (fault("DeleteToken", reply)) {
      return;
    }
    if (!state.removeToken(request.getName())) {
      reply.onError(Status.NOT_FOUND.withDescription("token not found").asException());
      return;
    }
    reply.onNext(Empty.getDefaultInstance());
    reply.onCompleted();
  }

  @Override
  public void listResources(
      ListResourcesRequest request, StreamObserver<ListResourcesResponse> reply) {
    if (fault("ListResources", reply)) {
      return;
    }
    String type = request.getResourceType();
    if (!type.equals("kube_server") && !type.equals("kube_cluster")) {
      reply.onError(invalid("resource type " + type + " is not supported by the simulator"));
      return;
    }
    if (request.getLimit() <= 0) {
      reply.onError(invalid("nonpositive parameter limit"));
      return;
    }
    List<String> names =
        state.visibleClusters().stream()
            .sorted()
            .filter(n -> n.compareTo(request.getStartKey()) >= 0)
            .toList();
    ListResourcesResponse.Builder page = ListResourcesResponse.newBuilder();
    for (String name : names.subList(0, Math.min(names.size(), request.getLimit()))) {
      page.addResources(type.equals("kube_server") ? server(name) : cluster(name));
    }
    if (names.size() > request.getLimit()) {
      page.setNextKey(names.get(request.getLimit()));
    }
    reply.onNext(page.setTotalCount(names.size()).build());
    reply.onCompleted();
  }

  private static PaginatedResource server(String name) {
    return PaginatedResource.newBuilder()
        .setKubernetesServer(
            KubernetesServerV3.newBuilder()
                .setKind("kube_server")
                .setVersion("v3")
                .setMetadata(Metadata.newBuilder().setName(name).setNamespace("default"))
                .setSpec(
                    KubernetesServerSpecV3.newBuilder()
                        .setVersion("18.0.0")
                        .setHostname("teleport-kube-agent-0")
                        .setHostID(UUID.nameUUIDFromBytes(name.getBytes()).toString())
                        .setCluster(clusterResource(name))))
        .build();
  }

  private static PaginatedResource cluster(String name) {
    return PaginatedResource.newBuilder().setKubeCluster(clusterResource(name)).build();
  }

  private static KubernetesClusterV3 clusterResource(String name) {
    return KubernetesClusterV3.newBuilder()
        .setKind("kube_cluster")
        .setVersion("v3")
        .setMetadata(Metadata.newBuilder().setName(name).setNamespace("default"))
        .build();
  }

  private boolean fault(String rpc, StreamObserver<?> reply) {
    Optional<String> kind = state.faults().next("teleport." + rpc);
    if (kind.isEmpty()) {
      return false;
    }
    Status status =
        switch (kind.get()) {
          case "denied" ->
              Status.PERMISSION_DENIED.withDescription("access denied to perform action on " + rpc);
          case "mfa" ->
              Status.PERMISSION_DENIED.withDescription(
                  "admin-level API request requires MFA verification");
          case "unauthenticated" ->
              Status.UNAUTHENTICATED.withDescription("certificate has expired");
          default -> Status.UNAVAILABLE.withDescription("simulated fault: " + kind.get());
        };
    reply.onError(status.asException());
    return true;
  }

  private static Exception invalid(String message) {
    return Status.INVALID_ARGUMENT.withDescription(message).asException();
  }
}
