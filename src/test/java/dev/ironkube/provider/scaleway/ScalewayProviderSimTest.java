package dev.ironkube.provider.scaleway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.ironkube.failure.RemoteServiceException;
import dev.ironkube.http.RecordingSleeper;
import dev.ironkube.provider.ClusterIdentity;
import dev.ironkube.provider.PlanOffer;
import dev.ironkube.provider.Requirement;
import dev.ironkube.provider.ResourceRef;
import dev.ironkube.provider.Server;
import dev.ironkube.provider.ServerOrder;
import dev.ironkube.provider.TalosBoot;
import dev.ironkube.settings.Secret;
import dev.ironkube.sim.Faults;
import dev.ironkube.sim.LoopbackAllocator;
import dev.ironkube.sim.MachineListener;
import dev.ironkube.sim.MachineRegistry;
import dev.ironkube.sim.RequestLog;
import dev.ironkube.sim.SimMachine;
import dev.ironkube.sim.TimeModel;
import dev.ironkube.sim.scaleway.ScalewayApi;
import dev.ironkube.sim.scaleway.ScalewayOptions;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The adapter against the simulated Scaleway, through real HTTP. */
class ScalewayProviderSimTest {
  static final String RAW =
      "https://factory.talos.dev/image/376567988ad370138ad8b2698212367b8edcb69b5fd68c80be1f2ec7d603b4ba/v1.11.5/metal-amd64.raw.zst";
  static final String PUBLIC_KEY =
      "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAICJEoOOgQBLJPs4g/XcPTKT82NywNPpxeuA20FlOPlpO op@laptop";
  static final ClusterIdentity DEMO = new ClusterIdentity("demo");

  private final Faults faults = new Faults(11);
  private final MachineRegistry machines = new MachineRegistry();
  private final RequestLog log = new RequestLog();
  private final ScalewayApi api =
      new ScalewayApi(
              ScalewayOptions.defaults(),
              TimeModel.instant().override(ScalewayApi.STEP_PIVOT, Duration.ofMillis(200)),
              faults,
              machines,
              new LoopbackAllocator(201, List.of()),
              log)
          .start();
  private final RecordingSleeper sleeper = new RecordingSleeper();
  private final ScalewayProvider provider = provider(ScalewayOptions.DEFAULT_SECRET_KEY);

  @AfterEach
  void close() {
    api.close();
  }

  @Test
  void orderedServerIsActiveOnlyOnceItsInstallCompletedThenTalosBoots() throws Exception {
    CountDownLatch booted = new CountDownLatch(1);
    machines.addListener(listener(booted));
    Server ordered = order(DEMO, "demo-cp-0", "EM-A610R-NVME", "fr-par-1");

    assertThat(ordered.state()).isEqualTo(Server.State.PROVISIONING);
    assertThat(ordered.status()).isEqualTo("ordered (install to_install)");
    List<Server> polls = new ArrayList<>();
    for (int i = 0;
        i < 10 && (polls.isEmpty() || polls.getLast().state() != Server.State.ACTIVE);
        i++) {
      polls.add(provider.server(ordered.id()).orElseThrow());
    }
    assertThat(polls)
        .extracting(Server::status)
        .containsExactly(
            "ready (install to_install)",
            "ready (install installing)",
            "ready (install completed)");
    assertThat(polls)
        .extracting(Server::state)
        .containsExactly(Server.State.PROVISIONING, Server.State.PROVISIONING, Server.State.ACTIVE);
    Server active = polls.getLast();
    assertThat(active.ipv4()).startsWith("127.0.");
    assertThat(active.site()).isEqualTo("fr-par-1");
    assertThat(active.hostname()).isEqualTo("demo-cp-0");
    assertThat(booted.await(5, TimeUnit.SECONDS)).isTrue();
    assertThat(machines.find(active.id().substring("fr-par-1/".length())))
        .map(SimMachine::state)
        .contains(SimMachine.State.TALOS_MAINTENANCE);
  }

  @Test
  void userDataIsThePivotScriptForTheRawImage() {
    Server ordered = order(DEMO, "demo-cp-0", "EM-I215E-NVME", "fr-par-2");
    ServerId id = ServerId.parse(ordered.id(), "fr-par-2");

    ScwServer raw = client().server(id.zone(), id.uuid()).orElseThrow();
    String script = new String(Base64.getDecoder().decode(raw.userData()), StandardCharsets.UTF_8);

    assertThat(script)
        .startsWith("#!/bin/bash")
        .contains("IMAGE_URL='" + RAW + "'")
        .contains("sha256sum \"$IMAGE\"")
        .contains("zstd -tq \"$IMAGE\"")
        .contains("EFI PART")
        .contains("of=\"$BOOT_DISK\"")
        .contains("/proc/sysrq-trigger");
    assertThat(raw.tags()).containsExactly("ironkube", "ironkube-cluster=demo");
    assertThat(raw.install().sshKeyIds()).hasSize(1);
  }

  @Test
  void aRateLimitWithoutAHintBacksOffAndSucceeds() {
    Server ordered = order(DEMO, "demo-cp-0", "EM-A610R-NVME", "fr-par-1");
    faults.arm(
        Faults.Rule.once("scaleway.GET /baremetal/v1/zones/{zone}/servers/{server_id}", "429"));

    assertThat(provider.server(ordered.id())).isPresent();
    assertThat(sleeper.sleeps()).hasSize(1);
    assertThat(sleeper.sleeps().getFirst()).isPositive();
    // The fake logs a request just after answering it; give the last entry a moment.
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () ->
                assertThat(log.of(ScalewayApi.API)).filteredOn(e -> e.status() == 429).hasSize(1));
  }

  @Test
  void deletedServerReadsAsGoneAndDeletingAgainSucceeds() {
    Server ordered = order(DEMO, "demo-cp-0", "EM-A610R-NVME", "fr-par-1");
    ResourceRef ref = new ResourceRef(ResourceRef.SERVER, ordered.id(), "demo-cp-0");

    provider.delete(ref);

    assertThat(provider.server(ordered.id())).isEmpty();
    provider.delete(ref);
    assertThat(machines.all()).extracting(SimMachine::state).containsOnly(SimMachine.State.DELETED);
  }

  @Test
  void discoverFindsTheClustersServersByTagInEveryZoneAndItsKey() {
    Server a = order(DEMO, "demo-cp-0", "EM-A610R-NVME", "fr-par-1");
    Server b = order(DEMO, "demo-cp-1", "EM-I215E-NVME", "nl-ams-1");
    order(new ClusterIdentity("demo-2"), "demo-2-cp-0", "EM-A610R-NVME", "fr-par-1");

    List<ResourceRef> found = provider.discover(DEMO);

    assertThat(found)
        .extracting(ResourceRef::kind, ResourceRef::id)
        .containsExactlyInAnyOrder(
            Tuple.tuple(ResourceRef.SERVER, a.id()),
            Tuple.tuple(ResourceRef.SERVER, b.id()),
            Tuple.tuple(ScalewayProvider.SSH_KEY, provider.find(sshKey(DEMO)).orElseThrow().id()));
  }

  @Test
  void aLostCreateAnswerLeavesAServerThatDiscoverFinds() {
    faults.arm(
        Faults.Rule.once("scaleway.POST /baremetal/v1/zones/{zone}/servers", "lost-response"));

    assertThatThrownBy(() -> order(DEMO, "demo-cp-0", "EM-A610R-NVME", "fr-par-1"))
        .isInstanceOf(RemoteServiceException.Transient.class);
    // The fake's state, not its request log: the log entry is written after the drop.
    assertThat(api.servers()).hasSize(1);
    assertThat(provider.discover(DEMO)).extracting(ResourceRef::kind).contains(ResourceRef.SERVER);
  }

  @Test
  void offersWithoutCloudInitOrStockAreMarkedAndRefusedBeforeOrdering() {
    List<PlanOffer> offers = provider.offers();

    PlanOffer sata =
        offers.stream().filter(o -> o.plan().equals("EM-L110X-SATA")).findFirst().orElseThrow();
    assertThat(sata.note()).isEqualTo(ScalewayOffers.NO_CLOUD_INIT);
    assertThat(offers).anyMatch(o -> o.plan().equals("EM-B320E-NVME") && !o.inStock());
    assertThatThrownBy(() -> order(DEMO, "demo-cp-0", "EM-L110X-SATA", "fr-par-2"))
        .isInstanceOf(RemoteServiceException.Rejected.class)
        .hasMessageContaining("cloud-init");
    assertThatThrownBy(() -> order(DEMO, "demo-cp-0", "EM-B320E-NVME", "fr-par-2"))
        .isInstanceOf(RemoteServiceException.Rejected.class)
        .hasMessageContaining("out of stock");
    assertThat(log.mutating())
        .extracting(RequestLog.Entry::path)
        .noneMatch(p -> p.endsWith("/servers"));
  }

  @Test
  void aFailedInstallIsFailedNotActive() {
    faults.arm(
        Faults.Rule.once("scaleway.POST /baremetal/v1/zones/{zone}/servers", "install-failed"));
    Server ordered = order(DEMO, "demo-cp-0", "EM-A610R-NVME", "fr-par-1");

    Server last = ordered;
    for (int i = 0; i < 6 && last.state() != Server.State.FAILED; i++) {
      last = provider.server(ordered.id()).orElseThrow();
    }

    assertThat(last.state()).isEqualTo(Server.State.FAILED);
    assertThat(last.status()).isEqualTo("ready (install error)");
  }

  @Test
  void anOrderTheZoneCannotFillIsRejectedAndAFailedDeliveryIsFailed() {
    faults.arm(
        Faults.Rule.once("scaleway.POST /baremetal/v1/zones/{zone}/servers", "out-of-stock"));
    assertThatThrownBy(() -> order(DEMO, "demo-cp-0", "EM-A610R-NVME", "fr-par-1"))
        .isInstanceOf(RemoteServiceException.Rejected.class)
        .hasMessageContaining("out of stock");

    faults.arm(
        Faults.Rule.once("scaleway.POST /baremetal/v1/zones/{zone}/servers", "delivery-failed"));
    Server ordered = order(DEMO, "demo-cp-0", "EM-A610R-NVME", "fr-par-1");
    assertThat(provider.server(ordered.id()).orElseThrow().state()).isEqualTo(Server.State.FAILED);
  }

  @Test
  void sshKeysAreMatchedExactlyAcrossPages() {
    ScalewayClient client = client();
    for (int i = 0; i < ScalewayClient.PAGE_SIZE + 5; i++) {
      client.createSshKey("ironkube-demo-old-" + i, PUBLIC_KEY);
    }
    ScwSshKey last = client.createSshKey("ironkube-demo", PUBLIC_KEY);

    assertThat(provider.find(sshKey(DEMO))).map(ResourceRef::id).contains(last.id());
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () ->
                assertThat(log.of(ScalewayApi.API))
                    .filteredOn(
                        e -> e.method().equals("GET") && e.path().equals("/iam/v1alpha1/ssh-keys"))
                    .hasSize(2));
  }

  @Test
  void aWrongSecretKeyIsUnauthorizedWithAHint() {
    assertThatThrownBy(() -> provider("00000000-0000-4000-8000-000000000000").authenticate())
        .isInstanceOf(RemoteServiceException.Unauthorized.class)
        .satisfies(e -> assertThat(((RemoteServiceException) e).hint()).contains("SCW_SECRET_KEY"));
    assertThat(provider.authenticate().id()).isEqualTo(ScalewayOptions.DEFAULT_PROJECT_ID);
  }

  private Server order(ClusterIdentity cluster, String hostname, String plan, String zone) {
    Requirement key = sshKey(cluster);
    ResourceRef prepared = provider.find(key).orElseGet(() -> provider.create(key));
    TalosBoot boot = new TalosBoot("v1.11.5", "3765", "https://pxe.example/pxe", RAW);
    return provider.order(new ServerOrder(cluster, hostname, plan, zone, boot), List.of(prepared));
  }

  private Requirement sshKey(ClusterIdentity cluster) {
    return provider.requirements(cluster).getFirst();
  }

  private ScalewayProvider provider(String secret) {
    return ScalewayProvider.create(
        ScalewayOptions.DEFAULT_ACCESS_KEY,
        Secret.of(secret),
        ScalewayOptions.DEFAULT_PROJECT_ID,
        "fr-par-2",
        api.baseUri(),
        b -> b.sleeper(sleeper).clock(sleeper.clock()).random(new Random(3)),
        () -> PUBLIC_KEY);
  }

  private ScalewayClient client() {
    return new ScalewayClient(
        ScalewayClient.transport(api.baseUri(), Secret.of(ScalewayOptions.DEFAULT_SECRET_KEY))
            .build(),
        ScalewayOptions.DEFAULT_PROJECT_ID);
  }

  private static MachineListener listener(CountDownLatch booted) {
    return new MachineListener() {
      @Override
      public void talosBooted(SimMachine machine) {
        booted.countDown();
      }

      @Override
      public void deleted(SimMachine machine) {}
    };
  }
}
