package dev.ironkube.sim.launch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ironkube.sim.LoopbackAllocator;
import dev.ironkube.sim.RequestLog;
import dev.ironkube.sim.SimHttp;
import dev.ironkube.sim.TimeModel;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SimulatedDatacenterTest {

  @Test
  void it_serves_every_api_on_loopback_and_describes_them() throws Exception {
    try (SimulatedDatacenter dc =
        SimulatedDatacenter.builder().timeModel(TimeModel.instant()).build().start()) {
      assertThat(dc.endpoints())
          .containsOnlyKeys(
              "latitude",
              "image-factory",
              "pxe",
              "scaleway",
              "cloudflare",
              "infisical",
              "manifest-mirror");
      for (URI uri : dc.endpoints().values()) {
        assertThat(uri.getHost()).isEqualTo("127.0.0.1");
        assertThat(uri.getPort()).isPositive();
      }
      assertThat(dc.describe())
          .contains(dc.latitudeUrl().toString())
          .contains(SimulatedDatacenter.LATITUDE_TEST_KEY);
    }
  }

  @Test
  void the_request_log_shows_reads_and_no_mutation() throws Exception {
    try (SimulatedDatacenter dc =
        SimulatedDatacenter.builder().timeModel(TimeModel.instant()).build().start()) {
      SimHttp http = new SimHttp(dc.latitudeUrl(), SimulatedDatacenter.LATITUDE_TEST_KEY);
      http.get("/plans");
      http.get(SimHttp.q("/regions?page[size]=5"));

      assertThat(dc.requests().mutating()).isEmpty();
      assertThat(dc.requests().of("latitude"))
          .extracting(RequestLog.Entry::toString)
          .containsExactly(
              "latitude GET /plans -> 200", "latitude GET /regions?page%5Bsize%5D=5 -> 200");
    }
  }

  @Test
  void await_close_returns_once_closed() throws Exception {
    SimulatedDatacenter dc =
        SimulatedDatacenter.builder().timeModel(TimeModel.instant()).build().start();
    CompletableFuture<Void> waiting =
        CompletableFuture.runAsync(
            () -> {
              try {
                dc.awaitClose();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    dc.close();
    waiting.get(5, TimeUnit.SECONDS);
  }

  @Test
  void serve_prints_the_endpoints_and_blocks_until_interrupted() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Thread server =
        Thread.ofPlatform()
            .start(
                () -> {
                  try {
                    SimulatedDatacenter.serve(
                        SimulatedDatacenter.builder().timeModel(TimeModel.instant()),
                        new PrintStream(out, true));
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                });
    for (int i = 0; i < 100 && !out.toString().contains("latitude key"); i++) {
      Thread.sleep(20);
    }
    server.interrupt();
    server.join(5000);

    assertThat(out.toString()).contains("latitude").contains("image-factory").contains("pxe");
    assertThat(server.isAlive()).isFalse();
  }

  @Test
  void loopback_addresses_count_up_from_127_0_1_1_and_bind() throws Exception {
    LoopbackAllocator allocator = new LoopbackAllocator(1, List.of());
    InetAddress first = allocator.next();
    InetAddress second = allocator.next();

    assertThat(first.getHostAddress()).isEqualTo("127.0.1.1");
    assertThat(second.getHostAddress()).isEqualTo("127.0.1.2");
    assertThat(LoopbackAllocator.canBind(first)).isTrue();
    assertThat(LoopbackAllocator.canBind(second)).isTrue();
  }

  @Test
  void an_address_whose_ports_are_taken_is_skipped() throws Exception {
    InetAddress busy = InetAddress.getByName("127.0.9.1");
    try (ServerSocket taken = new ServerSocket(0, 1, busy)) {
      LoopbackAllocator allocator = new LoopbackAllocator(9, List.of(taken.getLocalPort()));

      assertThat(allocator.next().getHostAddress()).isEqualTo("127.0.9.2");
    }
  }
}
