package dev.ironkube.sim.talos;

import dev.ironkube.sim.ProviderFirewall;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.nio.NioEventLoopGroup;
import io.grpc.netty.shaded.io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The node's network edge: the ingress firewall in force and the event loops of its listeners.
 * Maintenance mode and a config without firewall documents are open (Talos' default accept); the
 * rules of an applied config take effect for new connections as soon as it is accepted, including a
 * re-apply on a configured node (the lockdown).
 */
final class NodeIngress implements AutoCloseable {
  /** The ports the rules are written for, whatever port a test binds. */
  static final int APID = 50000;

  static final int KUBERNETES_API = 6443;

  private final EventLoopGroup boss;
  private final EventLoopGroup workers;

  /** How long a dropped connection is held silent; far beyond any client's handshake deadline. */
  static final Duration SILENCE = Duration.ofSeconds(60);

  private final Set<Runnable> silenced = ConcurrentHashMap.newKeySet();
  private final ScheduledExecutorService reaper;
  private volatile IngressFirewall firewall = IngressFirewall.OPEN;
  private volatile ProviderFirewall provider = ProviderFirewall.NONE;

  NodeIngress(String name) {
    // Own loops so apid's listener can be the firewalled NIO channel; daemon threads so a leaked
    // node never keeps a JVM alive.
    this.boss = new NioEventLoopGroup(1, new DefaultThreadFactory(name + "-accept", true));
    this.workers = new NioEventLoopGroup(2, new DefaultThreadFactory(name + "-io", true));
    this.reaper =
        Executors.newSingleThreadScheduledExecutor(new DefaultThreadFactory(name + "-drop", true));
  }

  /**
   * Holds a refused connection open without reading it (a drop: the client hears nothing), and
   * closes it after {@link #SILENCE} or when the node goes away.
   */
  void blackhole(Runnable close) {
    Runnable once =
        () -> {
          if (silenced.remove(close)) {
            close.run();
          }
        };
    silenced.add(close);
    try {
      reaper.schedule(once, SILENCE.toMillis(), TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      once.run(); // the node is stopping
    }
  }

  void enforce(IngressFirewall rules) {
    this.firewall = rules;
  }

  IngressFirewall firewall() {
    return firewall;
  }

  /** The provider's firewall decides first; what it lets through meets the node's own rules. */
  boolean admits(InetAddress source, int port) {
    return provider.admitsTcp(source, port) && firewall.admitsTcp(source, port);
  }

  /** Puts the provider's firewall in front of the node (it changes as assignments do). */
  void behind(ProviderFirewall provider) {
    this.provider = provider;
  }

  /** Puts apid's listener behind the firewall. */
  NettyServerBuilder guard(NettyServerBuilder builder) {
    return builder
        .channelFactory(() -> new FirewalledServerChannel(this, APID))
        .bossEventLoopGroup(boss)
        .workerEventLoopGroup(workers);
  }

  @Override
  public void close() {
    reaper.shutdownNow();
    List.copyOf(silenced).forEach(Runnable::run);
    silenced.clear();
    boss.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    workers.shutdownGracefully(0, 1, TimeUnit.SECONDS);
  }
}
