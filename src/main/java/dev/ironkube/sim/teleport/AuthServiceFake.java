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
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** The RPCs of {@code proto.AuthService} ironkube uses, answered from {@link TeleportAuthFake}. */
final class AuthServiceFake extends AuthServiceGrpc.AuthServiceImplBase {
  /**
   * The system roles {@code SystemRole.Check} accepts, spelled exactly so: it looks a role up in
   * {@code roleMappings} by its lower case and then wants the canonical spelling back
   * (gravitational/teleport api/types/system_role.go, commit 02d072f4a0ee).
   */
  static final Set<String> SYSTEM_ROLES =
      Set.of(
          "Auth",
          "Node",
          "Proxy",
          "Admin",
          "ProvisionToken",
          "Trusted_cluster",
          "Signup",
          "Nop",
          "RemoteProxy",
          "Kube",
          "App",
          "Db",
          "WindowsDesktop",
          "Bot",
          "Instance",
          "Discovery",
          "Okta",
          "MDM");

  /** {@code JoinMethods} of api/types/provisioning.go (commit 0010e36f73ec). */
  static final List<String> JOIN_METHODS =
      List.of("token", "ec2", "iam", "github", "circleci", "kubernetes", "azure", "gitlab");

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
            // No expiry is a token that never expires (ProvisionTokenV2.String: "never").
            token.getMetadata().hasExpires()
                ? Instant.ofEpochSecond(expires.getSeconds(), expires.getNanos())
                : Instant.MAX);
    if (!state.addToken(recorded)) {
      // Real Auth names the token here; the fake does not, so a leak in a test would show.
      reply.onError(Status.ALREADY_EXISTS.withDescription("token already exists").asException());
      return;
    }
    reply.onNext(Empty.getDefaultInstance());
    reply.onCompleted();
  }

  /**
   * What {@code ProvisionTokenV2.CheckAndSetDefaults} refuses (api/types/provisioning.go, commit
   * 0010e36f73ec): kind and version are overwritten rather than checked, a name is required ({@code
   * Metadata.CheckAndSetDefaults}), roles must be present, known and not repeated, and the join
   * method, "token" when empty, must be a known one. Expiry is optional, and one already past is
   * stored and simply never used, as the backend lets it lapse.
   */
  private static Optional<String> problem(ProvisionTokenV2 token) {
    if (token.getMetadata().getName().isEmpty()) {
      return Optional.of("missing parameter Name");
    }
    if (token.getSpec().getRolesCount() == 0) {
      return Optional.of("provisioning token is missing roles");
    }
    Set<String> seen = new HashSet<>();
    for (String role : token.getSpec().getRolesList()) {
      if (!SYSTEM_ROLES.contains(role)) {
        return Optional.of("role " + role + " is not registered");
      }
      if (!seen.add(role)) {
        return Optional.of("duplicate role \"" + role + "\"");
      }
    }
    String method = token.getSpec().getJoinMethod();
    if (!method.isEmpty() && !JOIN_METHODS.contains(method)) {
      return Optional.of("unknown join method \"" + method + "\"");
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
