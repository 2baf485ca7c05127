package dev.ironkube.talos.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ironkube.failure.OperationFailedException;
import dev.ironkube.sim.Faults;
import dev.ironkube.sim.TimeModel;
import dev.ironkube.talos.testing.SimNodeFixture;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TalosWaitsTest {
  private static final Duration WAIT = Duration.ofSeconds(15);

  @Test
  void aServiceThatNeverBecomesHealthyEndsTheWaitNamingItAndItsLastState() {
    Faults faults = new Faults(7).arm(Faults.Rule.once("talos.service.kubelet", "never-healthy"));
    try (SimNodeFixture sim = new SimNodeFixture(TimeModel.instant(), faults, "v1.11.6")) {
      sim.maintenanceClient().applyConfiguration(sim.config().yaml());
      TalosClient admin = sim.adminClient();
      admin.awaitSecure(WAIT);
      admin.bootstrap(WAIT);

      assertThatThrownBy(
              () ->
                  admin.awaitHealthy(
                      Set.of("etcd", "kubelet", "apid", "trustd"), Duration.ofMillis(400)))
          .isInstanceOf(OperationFailedException.class)
          .hasMessageContaining("service 'kubelet'")
          .hasMessageContaining("last state: Running, unhealthy");
      assertThat(sim.progress).contains("waiting for kubelet to be healthy");
    }
  }

  @Test
  void healthWaitsForEtcdUntilBootstrapAndReportsProgress() {
    TimeModel time = TimeModel.instant().override("talos.etcd.start", Duration.ofMillis(300));
    try (SimNodeFixture sim = new SimNodeFixture(time, Faults.none(), "v1.11.6")) {
      sim.maintenanceClient().applyConfiguration(sim.config().yaml());
      TalosClient admin = sim.adminClient();
      admin.awaitSecure(WAIT);
      assertThat(admin.serviceList())
          .filteredOn(s -> s.id().equals("etcd"))
          .extracting(ServiceStatus::state)
          .containsExactly("Preparing");

      admin.bootstrap(WAIT);
      admin.awaitHealthy(Set.of("etcd", "kubelet"), WAIT);

      assertThat(sim.progress).contains("waiting for etcd, kubelet to be healthy");
    }
  }

  /** An open port is not a Talos API: the probe must be an RPC the maintenance node serves. */
  @Test
  void theMaintenanceProbeIsARealRpcNotATcpConnect() throws Exception {
    AtomicInteger connections = new AtomicInteger();
    try (ServerSocket listener = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
      Thread acceptor = Thread.ofVirtual().start(() -> acceptAndClose(listener, connections));
      try (TalosClient client =
          TalosClient.maintenance(
              "127.0.0.1",
              listener.getLocalPort(),
              Polling.defaults()
                  .withInterval(Duration.ofMillis(20))
                  .withCallTimeout(Duration.ofSeconds(1)))) {
        assertThatThrownBy(() -> client.awaitMaintenance(Duration.ofMillis(300)))
            .isInstanceOf(OperationFailedException.class)
            .hasMessageContaining("did not answer the Talos API in maintenance mode");
      }
      acceptor.interrupt();
    }
    assertThat(connections.get()).isPositive();

    try (SimNodeFixture sim = SimNodeFixture.instant()) {
      assertThat(sim.maintenanceClient().awaitMaintenance(WAIT))
          .extracting(DiskInfo::path)
          .containsExactlyInAnyOrder("/dev/sda", "/dev/nvme0n1");
    }
  }

  /** Deadlines follow the injected clock: ten simulated minutes pass without real waiting. */
  @Test
  void waitsRunOnTheInjectedClockAndSleeper() throws Exception {
    int closedPort;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      closedPort = probe.getLocalPort();
    }
    MutableClock clock = new MutableClock();
    List<Duration> sleeps = new ArrayList<>();
    Polling polling =
        Polling.defaults()
            .withClock(clock)
            .withInterval(Duration.ofSeconds(30))
            .withCallTimeout(Duration.ofSeconds(1))
            .withSleeper(
                d -> {
                  sleeps.add(d);
                  clock.advance(d);
                });
    try (TalosClient client = TalosClient.maintenance("127.0.0.1", closedPort, polling)) {
      assertThatThrownBy(() -> client.awaitMaintenance(Duration.ofMinutes(10)))
          .isInstanceOf(OperationFailedException.class)
          .hasMessageContaining("within 10m")
          .hasMessageContaining("UNAVAILABLE");
    }
    assertThat(sleeps).hasSize(20).containsOnly(Duration.ofSeconds(30));
  }

  private static final class MutableClock extends Clock {
    private Instant now = Instant.parse("2026-01-01T00:00:00Z");

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }

  private static void acceptAndClose(ServerSocket listener, AtomicInteger connections) {
    while (!listener.isClosed()) {
      try (Socket s = listener.accept()) {
        connections.incrementAndGet();
      } catch (IOException e) {
        return;
      }
    }
  }
}
