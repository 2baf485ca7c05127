package dev.ironkube.sim.latitude;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ironkube.sim.Faults;
import dev.ironkube.sim.MachineListener;
import dev.ironkube.sim.SimHttp;
import dev.ironkube.sim.SimMachine;
import dev.ironkube.sim.TimeModel;
import dev.ironkube.sim.launch.SimulatedDatacenter;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ServerLifecycleTest {

  private static SimulatedDatacenter start(Faults faults, MachineListener listener) {
    SimulatedDatacenter.Builder builder =
        SimulatedDatacenter.builder().timeModel(TimeModel.instant()).faults(faults);
    if (listener != null) {
      builder.listener(listener);
    }
    return builder.build().start();
  }

  private static List<String> poll(SimHttp http, String id, int times)
      throws IOException, InterruptedException {
    List<String> seen = new ArrayList<>();
    for (int i = 0; i < times; i++) {
      seen.add(http.get("/servers/" + id).json().at("/data/attributes/status").asText());
    }
    return seen;
  }

  @Test
  void an_ipxe_server_walks_starting_deploy_deploying_on_even_in_instant_time() throws Exception {
    try (SimulatedDatacenter dc = start(Faults.none(), null)) {
      SimHttp http = LatitudeFixture.client(dc);
      String project = LatitudeFixture.createProject(http, "lifecycle");
      SimHttp.Answer created = LatitudeFixture.createServer(http, project, "node-1");

      assertThat(created.status()).isEqualTo(201);
      assertThat(created.json().at("/data/attributes/status").asText())
          .isEqualTo("starting_deploy");
      String id = created.json().at("/data/id").asText();
      assertThat(id).startsWith("sv_");
      assertThat(poll(http, id, 4)).containsExactly("deploying", "on", "on", "on");
    }
  }

  @Test
  void the_status_follows_modelled_time_and_stays_deploying_while_talos_boots() throws Exception {
    TimeModel time =
        TimeModel.instant()
            .override(LatitudeApi.STEP_STARTING_DEPLOY, Duration.ZERO)
            .override(LatitudeApi.STEP_DEPLOY, Duration.ofMillis(100))
            .override(LatitudeApi.STEP_TALOS_BOOT, Duration.ofMillis(100))
            .override(LatitudeApi.STEP_IPXE_STATUS_LAG, Duration.ofMinutes(10));
    CountDownLatch booted = new CountDownLatch(1);
    MachineListener listener = listener(booted, new CopyOnWriteArrayList<>());
    try (SimulatedDatacenter dc =
        SimulatedDatacenter.builder().timeModel(time).listener(listener).build().start()) {
      SimHttp http = LatitudeFixture.client(dc);
      String project = LatitudeFixture.createProject(http, "timed");
      String id =
          LatitudeFixture.createServer(http, project, "node-1").json().at("/data/id").asText();

      assertThat(booted.await(5, TimeUnit.SECONDS)).isTrue();
      assertThat(poll(http, id, 3)).containsOnly("deploying");
      assertThat(dc.latitude().servers().getFirst().status()).isEqualTo("deploying");
    }
  }

  @Test
  void stale_status_repeats_the_previous_answer_for_as_many_reads_as_armed() throws Exception {
    Faults faults =
        new Faults(7).arm(new Faults.Rule("latitude.GET /servers/{id}", "stale-status", 1, 3, 1.0));
    try (SimulatedDatacenter dc = start(faults, null)) {
      SimHttp http = LatitudeFixture.client(dc);
      String project = LatitudeFixture.createProject(http, "stale");
      String id =
          LatitudeFixture.createServer(http, project, "node-1").json().at("/data/id").asText();

      assertThat(poll(http, id, 6))
          .containsExactly("deploying", "deploying", "deploying", "deploying", "on", "on");
      assertThat(faults.fired()).hasSize(3);
    }
  }

  @Test
  void a_lost_response_still_creates_the_server() throws Exception {
    Faults faults = new Faults(1).arm(Faults.Rule.once("latitude.POST /servers", "lost-response"));
    try (SimulatedDatacenter dc = start(faults, null)) {
      SimHttp http = LatitudeFixture.client(dc);
      String project = LatitudeFixture.createProject(http, "lost");

      assertThatThrownBy(() -> LatitudeFixture.createServer(http, project, "node-1"))
          .isInstanceOf(IOException.class);
      assertThat(dc.latitude().servers())
          .extracting(ServerRecord::hostname)
          .containsExactly("node-1");
      SimHttp.Answer listed = http.get(SimHttp.q("/servers?filter[hostname]=node-1"));
      assertThat(listed.json().at("/data/0/attributes/hostname").asText()).isEqualTo("node-1");
    }
  }

  @Test
  void stuck_and_failed_deployments_never_boot_talos() throws Exception {
    Faults faults =
        new Faults(1)
            .arm(Faults.Rule.once("latitude.POST /servers", "stuck"))
            .arm(Faults.Rule.once("latitude.POST /servers", "failed-deployment"));
    List<SimMachine> booted = new CopyOnWriteArrayList<>();
    try (SimulatedDatacenter dc = start(faults, listener(new CountDownLatch(1), booted))) {
      SimHttp http = LatitudeFixture.client(dc);
      String project = LatitudeFixture.createProject(http, "bad");
      String stuck =
          LatitudeFixture.createServer(http, project, "stuck").json().at("/data/id").asText();
      String failed =
          LatitudeFixture.createServer(http, project, "failed").json().at("/data/id").asText();

      assertThat(poll(http, stuck, 4))
          .containsExactly("deploying", "deploying", "deploying", "deploying");
      assertThat(poll(http, failed, 3))
          .containsExactly("deploying", "failed_deployment", "failed_deployment");
      Thread.sleep(50);
      assertThat(booted).isEmpty();
    }
  }

  @Test
  void talos_boot_is_announced_with_a_distinct_loopback_address_per_machine() throws Exception {
    CountDownLatch booted = new CountDownLatch(2);
    List<SimMachine> machines = new CopyOnWriteArrayList<>();
    List<SimMachine> deleted = new CopyOnWriteArrayList<>();
    MachineListener listener =
        new MachineListener() {
          @Override
          public void talosBooted(SimMachine machine) {
            machines.add(machine);
            booted.countDown();
          }

          @Override
          public void deleted(SimMachine machine) {
            deleted.add(machine);
          }
        };
    try (SimulatedDatacenter dc = start(Faults.none(), listener)) {
      SimHttp http = LatitudeFixture.client(dc);
      String project = LatitudeFixture.createProject(http, "boot");
      SimHttp.Answer first = LatitudeFixture.createServer(http, project, "cp-1");
      LatitudeFixture.createServer(http, project, "cp-2");

      assertThat(booted.await(5, TimeUnit.SECONDS)).isTrue();
      assertThat(machines)
          .extracting(m -> m.address().getHostAddress())
          .doesNotHaveDuplicates()
          .allMatch(a -> a.startsWith("127.0.1."));
      SimMachine one =
          machines.stream().filter(m -> m.hostname().equals("cp-1")).findFirst().orElseThrow();
      assertThat(one.state()).isEqualTo(SimMachine.State.TALOS_MAINTENANCE);
      assertThat(one.disks()).isNotEmpty();
      assertThat(first.json().at("/data/attributes/primary_ipv4").asText())
          .isEqualTo(one.address().getHostAddress());
      assertThat(InetAddress.getByName(one.address().getHostAddress()).isLoopbackAddress())
          .isTrue();

      assertThat(http.delete("/servers/" + one.id()).status()).isEqualTo(204);
      assertThat(deleted).containsExactly(one);
      assertThat(one.state()).isEqualTo(SimMachine.State.DELETED);
    }
  }

  @Test
  void a_deleted_server_answers_404_not_found_as_recorded() throws Exception {
    try (SimulatedDatacenter dc = start(Faults.none(), null)) {
      SimHttp http = LatitudeFixture.client(dc);
      String project = LatitudeFixture.createProject(http, "gone");
      String id =
          LatitudeFixture.createServer(http, project, "node-1").json().at("/data/id").asText();

      SimHttp.Answer deleted = http.delete("/servers/" + id);
      SimHttp.Answer after = http.get("/servers/" + id);

      assertThat(deleted.status()).isEqualTo(204);
      assertThat(deleted.body()).isEmpty();
      assertThat(after.status()).isEqualTo(404);
      assertThat(after.body())
          .isEqualTo(
              "{\"errors\":[{\"code\":\"not_found\",\"status\":\"404\",\"title\":\"Error\","
                  + "\"detail\":\"Specified Record Not Found\",\"meta\":{}}]}");
      assertThat(dc.latitude().servers()).isEmpty();
      assertThat(http.delete("/servers/" + id).status()).isEqualTo(404);
    }
  }

  private static MachineListener listener(CountDownLatch booted, List<SimMachine> seen) {
    return new MachineListener() {
      @Override
      public void talosBooted(SimMachine machine) {
        seen.add(machine);
        booted.countDown();
      }

      @Override
      public void deleted(SimMachine machine) {}
    };
  }
}
