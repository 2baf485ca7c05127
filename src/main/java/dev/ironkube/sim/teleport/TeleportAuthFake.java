package dev.ironkube.sim.teleport;

import dev.ironkube.sim.Faults;
import dev.ironkube.sim.ServerTls;
import dev.ironkube.sim.TimeModel;
import dev.ironkube.store.SecureFiles;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * A simulated Teleport Auth Service as the proxy's TLS routing exposes it: gRPC over mutual TLS
 * with certificates from CAs it generates (host CA for its own certificate, user CA for clients),
 * serving {@code CreateTokenV2}, {@code DeleteToken} and {@code ListResources} for kube servers.
 *
 * <p>An agent registers when the simulated cluster calls {@link #agentRegistered}: it joins only if
 * a live token with role Kube exists (a token without it is the classic failed join), and its
 * kube_server is listed after the modelled step {@code teleport.agent.register} (20 s real world).
 * {@link #neverRegister()} makes every join silently fail. Faults: {@code teleport.<rpc>} with
 * kinds "unavailable", "denied", "mfa" (admin MFA required) and "unauthenticated"; {@code
 * teleport.join} (asked at each join) with kind "refused": that join silently fails, as with no
 * route from the agent to the proxy.
 */
public final class TeleportAuthFake implements AutoCloseable {
  /** The automation user the issued identity belongs to. */
  public static final String USER = "ironkube-bot";

  private final String clusterName;
  private final TimeModel time;
  private final Faults faults;
  private final Clock clock;
  private final TeleportPki.Issued hostCa;
  private final TeleportPki.Issued userCa;
  private final Server server;
  private final Map<String, RecordedToken> tokens = new LinkedHashMap<>();
  private final List<RecordedToken> created = new ArrayList<>();
  private final Map<String, Long> registeredAt = new HashMap<>();
  private final Set<String> failedJoins = new HashSet<>();
  private boolean neverRegister;

  public TeleportAuthFake(String clusterName, TimeModel time, Faults faults, Clock clock) {
    this.clusterName = clusterName;
    this.time = time;
    this.faults = faults;
    this.clock = clock;
    this.hostCa = TeleportPki.ca(clusterName);
    this.userCa = TeleportPki.ca(clusterName);
    TeleportPki.Issued auth = TeleportPki.server(hostCa, "teleport.cluster.local");
    try {
      var tls =
          ServerTls.grpc(
              auth.keys().getPrivate(), List.of(auth.certificate()), List.of(userCa.certificate()));
      this.server =
          NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
              .sslContext(tls)
              .addService(new AuthServiceFake(this))
              .build()
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException("the simulated Teleport Auth Service did not start", e);
    }
  }

  /** The address to use as TELEPORT_PROXY. */
  public String proxyAddress() {
    return InetAddress.getLoopbackAddress().getHostAddress() + ":" + server.getPort();
  }

  public String clusterName() {
    return clusterName;
  }

  /**
   * Writes an identity file for {@link #USER} in Teleport's layout (key, SSH certificate line, TLS
   * certificate, {@code @cert-authority} line, TLS CA), readable by its owner only.
   */
  public Path writeIdentityFile(Path path) {
    TeleportPki.Issued user = TeleportPki.user(userCa, USER);
    String text =
        TeleportPki.pem(user.keys().getPrivate())
            + "ssh-ed25519-cert-v01@openssh.com AAAAIHNzaC1lZDI1NTE5LWNlcnQtdjAxQG9wZW5zc2guY29t"
            + " simulated\n"
            + TeleportPki.pem(user.certificate())
            + "@cert-authority "
            + clusterName
            + ",*."
            + clusterName
            + " ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIE1tc2ltdWxhdGVk type=host\n"
            + TeleportPki.pem(hostCa.certificate());
    SecureFiles.write(path, text);
    return path;
  }

  /** Every join from now on fails, as with a bad token or no route to the proxy. */
  public synchronized TeleportAuthFake neverRegister() {
    neverRegister = true;
    return this;
  }

  /**
   * The simulated teleport-kube-agent of {@code kubeClusterName} started and presented a token.
   * Returns whether the join was accepted (a live Kube token exists and joins are not failing).
   */
  public synchronized boolean agentRegistered(String kubeClusterName) {
    Instant now = now();
    boolean tokenOk =
        tokens.values().stream()
            .anyMatch(t -> t.roles().contains("Kube") && t.expires().isAfter(now));
    boolean refused = faults.next("teleport.join").filter("refused"::equals).isPresent();
    if (neverRegister || refused || !tokenOk) {
      failedJoins.add(kubeClusterName);
      return false;
    }
    registeredAt.putIfAbsent(kubeClusterName, System.nanoTime());
    return true;
  }

  /** Clusters whose agent's join failed. */
  public synchronized Set<String> failedJoins() {
    return Set.copyOf(failedJoins);
  }

  /** Tokens as created, including ones deleted since. */
  public synchronized List<RecordedToken> createdTokens() {
    return List.copyOf(created);
  }

  /** Tokens currently held. */
  public synchronized List<RecordedToken> liveTokens() {
    return List.copyOf(tokens.values());
  }

  synchronized boolean addToken(RecordedToken token) {
    if (tokens.containsKey(token.name())) {
      return false;
    }
    tokens.put(token.name(), token);
    created.add(token);
    return true;
  }

  synchronized boolean removeToken(String name) {
    return tokens.remove(name) != null;
  }

  /** The kube_servers ListResources shows now: clusters whose agent joined a while ago. */
  public synchronized List<String> visibleClusters() {
    long delay = time.duration("teleport.agent.register", Duration.ofSeconds(20)).toNanos();
    long now = System.nanoTime();
    return registeredAt.entrySet().stream()
        .filter(e -> now - e.getValue() >= delay)
        .map(Map.Entry::getKey)
        .toList();
  }

  Instant now() {
    return clock.instant();
  }

  Faults faults() {
    return faults;
  }

  @Override
  public void close() {
    server.shutdownNow();
    try {
      server.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
