package dev.ironkube.talos.testing;

import dev.ironkube.sim.Faults;
import dev.ironkube.sim.SimDisk;
import dev.ironkube.sim.TimeModel;
import dev.ironkube.sim.talos.TalosNodeFake;
import dev.ironkube.talos.api.Polling;
import dev.ironkube.talos.api.TalosClient;
import dev.ironkube.talos.api.TalosIdentity;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A simulated node on its own loopback address (127.0.1.N, as the simulated datacenter gives each
 * server) with ephemeral ports, plus clients polling fast on the real clock.
 */
public final class SimNodeFixture implements AutoCloseable {
  private static final AtomicInteger NEXT_HOST = new AtomicInteger(10);

  public final TestPki.Pair osCa = TestPki.osCa();
  public final TestPki.Pair k8sCa = TestPki.k8sCa();
  public final TalosNodeFake node;
  public final String ip;
  public final List<String> progress = new CopyOnWriteArrayList<>();
  private final List<TalosClient> clients = new CopyOnWriteArrayList<>();

  public SimNodeFixture(TimeModel time, Faults faults, String talosVersion) {
    this("127.0.1." + NEXT_HOST.getAndIncrement(), time, faults, talosVersion);
  }

  public SimNodeFixture(String ip, TimeModel time, Faults faults, String talosVersion) {
    this.ip = ip;
    try {
      node =
          new TalosNodeFake(
              InetAddress.getByName(ip), 0, 0, SimDisk.typical(), time, faults, talosVersion);
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  public static SimNodeFixture instant() {
    return new SimNodeFixture(TimeModel.instant(), Faults.none(), "v1.11.6");
  }

  public Polling polling() {
    return Polling.defaults()
        .withInterval(Duration.ofMillis(5))
        .withCallTimeout(Duration.ofSeconds(3))
        .withProgress(progress::add);
  }

  public TestMachineConfig config() {
    return TestMachineConfig.of(osCa, k8sCa, ip);
  }

  public TalosClient maintenanceClient() {
    return track(TalosClient.maintenance(ip, node.port(), polling()));
  }

  public TalosClient secureClient(TalosIdentity identity) {
    return secureClient(ip, identity);
  }

  /** Dials {@code host} (a name or another address of the node) instead of its address. */
  public TalosClient secureClient(String host, TalosIdentity identity) {
    return track(TalosClient.secure(host, node.port(), identity, polling()));
  }

  public TalosClient adminClient() {
    return secureClient(TestPki.admin(osCa));
  }

  private TalosClient track(TalosClient client) {
    clients.add(client);
    return client;
  }

  @Override
  public void close() {
    clients.forEach(TalosClient::close);
    node.close();
  }
}
