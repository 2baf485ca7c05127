package dev.ironkube.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * When things happened inside the simulated datacenter, on the {@link System#nanoTime()} scale, so
 * the benchmark can tell how long the tool took to notice each of them. Timelines the fakes compute
 * on demand (a service turning healthy some seconds after boot) are recorded when their instant is
 * fixed, with that future instant: they happen then whether anyone looks or not.
 */
public final class SimEvents {
  /** The provider finished creating the server (it is billed from here). */
  public static final String SERVER_CREATED = "server.created";

  /** The provider's status turns to "on" (a read may report it later). */
  public static final String PROVIDER_ON = "provider.on";

  /** Talos booted from the network and its maintenance API listens. */
  public static final String TALOS_MAINTENANCE = "talos.maintenance";

  /** The node accepted a machine config and started rebooting. */
  public static final String CONFIG_APPLIED = "talos.config-applied";

  /** After the reboot the node serves mTLS with the config's CA. */
  public static final String TALOS_MTLS = "talos.mtls";

  /** Base services are up, so Talos accepts Bootstrap. */
  public static final String BOOTSTRAP_READY = "talos.bootstrap-ready";

  /** etcd, kubelet, apid and trustd all report healthy. */
  public static final String SERVICES_HEALTHY = "talos.services-healthy";

  /** The Kubernetes API answers with the cluster CA and the node is Ready. */
  public static final String KUBERNETES_READY = "kubernetes.ready";

  /**
   * One event.
   *
   * @param name what happened, one of the constants above
   * @param subject the machine it happened to (server id or address)
   * @param nanos when, on the {@link System#nanoTime()} scale
   */
  public record Event(String name, String subject, long nanos) {}

  private final List<Event> events = new ArrayList<>();

  public void record(String name, String subject) {
    recordAt(name, subject, System.nanoTime());
  }

  public synchronized void recordAt(String name, String subject, long nanos) {
    events.add(new Event(name, subject, nanos));
  }

  public synchronized List<Event> all() {
    return List.copyOf(events);
  }

  /** The first event of that name, if any happened. */
  public synchronized Optional<Event> first(String name) {
    return events.stream().filter(e -> e.name().equals(name)).findFirst();
  }
}
