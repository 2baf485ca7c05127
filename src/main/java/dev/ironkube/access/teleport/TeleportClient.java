package dev.ironkube.access.teleport;

import com.google.protobuf.Timestamp;
import dev.ironkube.access.teleport.proto.auth.AuthServiceGrpc;
import dev.ironkube.access.teleport.proto.auth.CreateTokenV2Request;
import dev.ironkube.access.teleport.proto.auth.ListResourcesRequest;
import dev.ironkube.access.teleport.proto.auth.ListResourcesResponse;
import dev.ironkube.access.teleport.proto.auth.PaginatedResource;
import dev.ironkube.access.teleport.proto.types.Metadata;
import dev.ironkube.access.teleport.proto.types.ProvisionTokenSpecV2;
import dev.ironkube.access.teleport.proto.types.ProvisionTokenV2;
import dev.ironkube.access.teleport.proto.types.ResourceRequest;
import dev.ironkube.http.RequestLogEntry;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The Teleport Auth API calls ironkube makes, over gRPC through the proxy with the identity file's
 * mutual TLS: create a Kube join token, list the Kubernetes clusters agents have registered, delete
 * the token. Failures are typed {@link dev.ironkube.failure.RemoteServiceException}s without
 * secrets.
 */
public final class TeleportClient implements KubeClusterDirectory, AutoCloseable {
  /** The join token's lifetime: long enough for bootstrap and the agent's first start. */
  public static final Duration TOKEN_TTL = Duration.ofMinutes(30);

  static final String KUBE_ROLE = "Kube";
  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(20);
  private static final int PAGE = 100;

  private final String proxy;
  private final ManagedChannel channel;
  private final AuthServiceGrpc.AuthServiceBlockingStub auth;
  private final Clock clock;
  private final SecureRandom random;

  /**
   * @param proxy TELEPORT_PROXY, the proxy's public {@code host:port} (443 when no port is given)
   * @param identityFile TELEPORT_IDENTITY_FILE, from tbot or {@code tctl auth sign --format=file}
   */
  public TeleportClient(String proxy, Path identityFile, Consumer<RequestLogEntry> requestLog) {
    this(
        proxy,
        TeleportIdentity.read(identityFile),
        Clock.systemUTC(),
        new SecureRandom(),
        requestLog);
  }

  public TeleportClient(String proxy, TeleportIdentity identity, Clock clock, SecureRandom random) {
    this(proxy, identity, clock, random, entry -> {});
  }

  /**
   * @param requestLog receives one entry per call (method, status, time; never a message)
   */
  public TeleportClient(
      String proxy,
      TeleportIdentity identity,
      Clock clock,
      SecureRandom random,
      Consumer<RequestLogEntry> requestLog) {
    this.proxy = proxy;
    this.channel = TeleportChannel.open(proxy, identity);
    this.auth =
        AuthServiceGrpc.newBlockingStub(channel)
            .withInterceptors(new RequestLogInterceptor(proxy, requestLog, clock));
    this.clock = clock;
    this.random = random;
  }

  /** The proxy address, for messages. */
  public String proxy() {
    return proxy;
  }

  /**
   * A fresh random {@code token}-method join token with role Kube, valid for {@link #TOKEN_TTL}.
   */
  public JoinToken createKubeJoinToken() {
    byte[] bytes = new byte[16];
    random.nextBytes(bytes);
    // 16 random bytes in hex, as Teleport's own tooling makes them.
    String secret = HexFormat.of().formatHex(bytes);
    Instant expires = clock.instant().plus(TOKEN_TTL);
    ProvisionTokenV2 token =
        ProvisionTokenV2.newBuilder()
            .setKind("token")
            .setVersion("v2")
            .setMetadata(
                Metadata.newBuilder()
                    .setName(secret)
                    .setNamespace("default")
                    .setDescription("ironkube teleport-kube-agent join")
                    .setExpires(
                        Timestamp.newBuilder()
                            .setSeconds(expires.getEpochSecond())
                            .setNanos(expires.getNano())))
            .setSpec(ProvisionTokenSpecV2.newBuilder().addRoles(KUBE_ROLE).setJoinMethod("token"))
            .build();
    try {
      stub().createTokenV2(CreateTokenV2Request.newBuilder().setV2(token).build());
    } catch (StatusRuntimeException e) {
      throw TeleportFailures.translate(proxy, "CreateTokenV2", e, secret);
    }
    return new JoinToken(secret, List.of(KUBE_ROLE), expires);
  }

  /** Removes the token once the agent has joined; one that already expired counts as removed. */
  public void deleteToken(JoinToken token) {
    try {
      stub().deleteToken(ResourceRequest.newBuilder().setName(token.secret()).build());
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() != Status.Code.NOT_FOUND) {
        throw TeleportFailures.translate(proxy, "DeleteToken", e, token.secret());
      }
    }
  }

  /**
   * The names of the Kubernetes clusters registered through agents: each kube_server's name, which
   * the agent sets to its kubeClusterName, and the cluster it carries. All pages are read.
   */
  @Override
  public Set<String> registeredKubeClusters() {
    Set<String> names = new LinkedHashSet<>();
    String startKey = "";
    do {
      ListResourcesResponse page;
      try {
        page =
            stub()
                .listResources(
                    ListResourcesRequest.newBuilder()
                        .setResourceType("kube_server")
                        .setNamespace("default")
                        .setLimit(PAGE)
                        .setStartKey(startKey)
                        .build());
      } catch (StatusRuntimeException e) {
        throw TeleportFailures.translate(proxy, "ListResources", e, null);
      }
      for (PaginatedResource r : page.getResourcesList()) {
        if (r.hasKubernetesServer()) {
          var server = r.getKubernetesServer();
          names.add(server.getMetadata().getName());
          if (server.getSpec().hasCluster()) {
            names.add(server.getSpec().getCluster().getMetadata().getName());
          }
        } else if (r.hasKubeCluster()) {
          names.add(r.getKubeCluster().getMetadata().getName());
        }
      }
      startKey = page.getNextKey();
    } while (!startKey.isEmpty());
    names.remove("");
    return names;
  }

  private AuthServiceGrpc.AuthServiceBlockingStub stub() {
    return auth.withDeadlineAfter(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() {
    channel.shutdownNow();
    try {
      channel.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
