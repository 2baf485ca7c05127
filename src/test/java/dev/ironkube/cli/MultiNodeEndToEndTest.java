package dev.ironkube.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ironkube.access.Probes;
import dev.ironkube.failure.ExitCodes;
import dev.ironkube.sim.Faults;
import dev.ironkube.sim.cloudflare.CloudflareOptions;
import dev.ironkube.sim.latitude.ServerRecord;
import dev.ironkube.talos.api.EtcdMemberInfo;
import dev.ironkube.talos.api.TalosClient;
import dev.ironkube.talos.api.TalosIdentity;
import dev.ironkube.talos.stage.KubeApiProbe;
import dev.ironkube.talos.talosconfig.Talosconfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Three control planes and workers, built in parallel, through the CLI against the simulator. */
class MultiNodeEndToEndTest {
  private CliRun cli;

  @AfterEach
  void close() {
    if (cli != null) {
      cli.close();
    }
  }

  private CliRun.Result provision(String... extra) {
    List<String> args =
        new ArrayList<>(
            List.of("provision", "--simulate", "--yes", "--no-platform", "--name", "mn"));
    args.addAll(List.of(extra));
    return cli.run(args.toArray(String[]::new));
  }

  /**
   * The "-f" arguments of a document that waits {@link #SHORT_BOOTSTRAP} for a node to turn healthy
   * instead of the simulator's 30-second floor: the cases that need a node never to turn healthy
   * wait that out, and the healthy nodes beside it are ready in well under a second at this scale
   * (each of their waits, which this bounds one by one, took under 0.6 s with the machine's load
   * average at 7, so 1.5 s leaves more than twice that).
   */
  private String[] shortWaits() throws IOException {
    Path doc = cli.userHome.resolve("short-waits.yaml");
    Files.writeString(
        doc,
        "apiVersion: ironkube.dev/v1alpha1\nkind: Cluster\nspec:\n  waits:\n    bootstrapTimeout: "
            + SHORT_BOOTSTRAP
            + "\n");
    return new String[] {"-f", doc.toString()};
  }

  private static final String SHORT_BOOTSTRAP = "1500ms";

  private Talosconfig talosconfig() {
    return Talosconfig.read(cli.home().resolve("clusters/mn/talosconfig"));
  }

  private static TalosIdentity identity(Talosconfig tc) {
    return new TalosIdentity(tc.caPem(), tc.certificatePem(), tc.keyPkcs8Pem());
  }

  private KubeApiProbe kube() throws Exception {
    return KubeApiProbe.fromKubeconfig(
        Files.readString(cli.home().resolve("clusters/mn/kubeconfig")));
  }

  @Test
  void threeControlPlanesAndTwoWorkersBehindOneDnsName() throws Exception {
    cli = new CliRun(new Faults(81));
    cli.env.put("IRONKUBE_DNS_NAME", "api.mn.ironkube.test");
    CliRun.Result r = provision("--control-planes", "3", "--workers", "2");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(cli.sim.latitude().servers()).hasSize(5);
    for (String host : List.of("mn-cp-1", "mn-cp-2", "mn-cp-3", "mn-workers-1", "mn-workers-2")) {
      assertThat(r.out()).contains(host);
    }
    assertThat(r.out()).contains("API endpoint:").contains("https://api.mn.ironkube.test:6443");
    assertThat(r.err()).contains("These 5 servers bill hourly");

    // One A record per control plane, and the name resolves to them.
    Talosconfig tc = talosconfig();
    assertThat(tc.endpoints()).hasSize(3);
    assertThat(tc.nodes()).hasSize(5);
    List<String> published =
        cli.sim.cloudflare().records(CloudflareOptions.DEFAULT_ZONE_ID).stream()
            .filter(n -> n.path("type").asText().equals("A"))
            .map(n -> n.path("content").asText())
            .toList();
    assertThat(published).containsExactlyInAnyOrderElementsOf(tc.endpoints());

    // etcd has three members, bootstrapped once.
    try (TalosClient talos = TalosClient.secure(tc.endpoints().get(1), identity(tc))) {
      assertThat(talos.etcdMembers())
          .extracting(EtcdMemberInfo::hostname)
          .containsExactlyInAnyOrder("mn-cp-1", "mn-cp-2", "mn-cp-3");
    }
    String journal = Files.readString(cli.home().resolve("clusters/mn/journal.jsonl"));
    assertThat(journal.lines().filter(l -> l.contains("bootstrap etcd")))
        .as("intent and result, once")
        .hasSize(2);

    // The kubeconfig names the DNS endpoint and works through it; every node is Ready.
    String kubeconfig = Files.readString(cli.home().resolve("clusters/mn/kubeconfig"));
    assertThat(kubeconfig).contains("https://api.mn.ironkube.test:6443");
    KubeApiProbe probe = kube();
    assertThat(probe.version()).isPresent();
    for (String host : List.of("mn-cp-1", "mn-cp-2", "mn-cp-3", "mn-workers-1", "mn-workers-2")) {
      assertThat(probe.nodeReady(host)).as(host).contains(true);
    }
    // Every control plane serves the same API.
    for (String cp : tc.endpoints()) {
      assertThat(probe.dialling(cp).nodeReady("mn-workers-2")).as(cp).contains(true);
    }

    CliRun.Result status = cli.run("status", "mn");
    assertThat(status.out()).contains("Nodes:").contains("mn-workers-2");

    CliRun.Result d = cli.run("destroy", "mn", "--simulate", "--yes");
    assertThat(d.exitCode()).as(d.err()).isZero();
    assertThat(cli.sim.latitude().servers()).isEmpty();
    assertThat(cli.sim.cloudflare().records(CloudflareOptions.DEFAULT_ZONE_ID))
        .noneMatch(n -> n.path("type").asText().equals("A"));
  }

  @Test
  void aControlPlaneThatNeverJoinsFailsTheRunAndEverythingIsDeleted() throws Exception {
    cli =
        new CliRun(
            new Faults(82).arm(Faults.Rule.always("talos.service.etcd@mn-cp-2", "never-healthy")));
    CliRun.Result r = provision(concat(shortWaits(), "--control-planes", "3"));
    assertThat(r.exitCode()).as(r.err()).isNotZero();
    assertThat(r.err()).contains("mn-cp-2").contains("Cleaning up");
    assertThat(cli.sim.latitude().servers()).isEmpty();
    assertThat(cli.sim.latitude().projects()).isEmpty();
  }

  @Test
  void aWorkerNeverReadyWithKeepOnFailureKeepsTheHealthyPartAndNamesIt() throws Exception {
    cli =
        new CliRun(
            new Faults(83)
                .arm(Faults.Rule.always("talos.service.kubelet@mn-workers-2", "never-healthy")));
    CliRun.Result r = provision(concat(shortWaits(), "--workers", "2", "--keep-on-failure"));
    assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.PROVISION_FAILED);
    assertThat(r.err())
        .contains("1 of 3 nodes failed (mn-workers-2)")
        .contains("ironkube provision --name mn");
    assertThat(cli.sim.latitude().servers()).hasSize(3);
    KubeApiProbe probe = kube();
    assertThat(probe.nodeReady("mn-cp-1")).contains(true);
    assertThat(probe.nodeReady("mn-workers-1")).contains(true);
  }

  /**
   * One cluster for two stories: the run that completes a node which could not be ordered leaves
   * one control plane and two Ready workers, the cluster the scaling story starts from (each of
   * them used to provision its own).
   */
  @Test
  void aNodeThatCouldNotBeOrderedIsCompletedByTheNextRunThenScalingDownAndUpWorks()
      throws Exception {
    cli =
        new CliRun(
            new Faults(84)
                .arm(Faults.Rule.once("latitude.POST /servers@mn-workers-2", "out-of-stock")));
    CliRun.Result first = provision("--workers", "2", "--keep-on-failure");
    assertThat(first.exitCode()).as(first.err()).isEqualTo(ExitCodes.PROVISION_FAILED);
    assertThat(first.err()).contains("1 of 3 nodes failed");
    assertThat(cli.sim.latitude().servers()).hasSize(2);

    CliRun.Result second = provision("--workers", "2");
    assertThat(second.exitCode()).as(second.err()).isZero();
    assertThat(cli.sim.latitude().servers()).hasSize(3);
    assertThat(second.err()).contains("updating its config for the new nodes");
    KubeApiProbe probe = kube();
    for (String host : List.of("mn-cp-1", "mn-workers-1", "mn-workers-2")) {
      assertThat(probe.nodeReady(host)).as(host).contains(true);
    }

    // Scaling down drains and removes a worker; scaling up adds one.
    CliRun.Result down = cli.run("scale", "mn", "--count", "1", "--simulate", "--yes");
    assertThat(down.exitCode()).as(down.err()).isZero();
    assertThat(down.err()).contains("mn-workers-2: draining").contains("Deleting server");
    assertThat(cli.sim.latitude().servers())
        .extracting(ServerRecord::hostname)
        .containsExactlyInAnyOrder("mn-cp-1", "mn-workers-1");
    probe = kube();
    assertThat(probe.nodeReady("mn-workers-2")).isEmpty();
    assertThat(probe.nodeReady("mn-workers-1")).contains(true);

    // The count is remembered: a plain re-run keeps one worker.
    CliRun.Result rerun = provision();
    assertThat(rerun.exitCode()).as(rerun.err()).isZero();
    assertThat(cli.sim.latitude().servers()).hasSize(2);

    CliRun.Result up = cli.run("scale", "mn", "--count", "3", "--simulate", "--yes");
    assertThat(up.exitCode()).as(up.err()).isZero();
    assertThat(cli.sim.latitude().servers()).hasSize(4);
    assertThat(kube().nodeReady("mn-workers-3")).contains(true);
  }

  @Test
  void aFailedScaleUpDeletesOnlyTheNewNodeAndRewritesTheOthers() throws Exception {
    cli =
        new CliRun(
            new Faults(89)
                .arm(Faults.Rule.always("talos.service.kubelet@mn-workers-2", "never-healthy")));
    CliRun.Result r = provision("--workers", "1");
    assertThat(r.exitCode()).as(r.err()).isZero();

    CliRun.Result up =
        cli.run(
            concat(
                new String[] {"scale", "mn", "--count", "2", "--simulate", "--yes"}, shortWaits()));
    assertThat(up.exitCode()).as(up.err()).isNotZero();
    assertThat(up.err()).contains("Rewriting the configs of the nodes that stay");
    assertThat(cli.sim.latitude().servers())
        .extracting(ServerRecord::hostname)
        .containsExactlyInAnyOrder("mn-cp-1", "mn-workers-1");
    assertThat(kube().nodeReady("mn-workers-1")).contains(true);
  }

  @Test
  void withThePlatformAndTeleportEveryNodeIsLockedDown() throws Exception {
    cli = new CliRun(new Faults(87));
    cli.env.put("TELEPORT_PROXY", "teleport.example:443");
    CliRun.Result r = cli.run("provision", "--simulate", "--yes", "--name", "mn", "--workers", "1");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("Locked down").contains("Argo CD");
    // The run's own lockdown already proved both ports closed with the product's 3-second probe;
    // this look from outside confirms it.
    for (String node : talosconfig().nodes()) {
      assertThat(Probes.silent(null, node, 50000)).as(node + ":50000").isTrue();
      assertThat(Probes.silent(null, node, 6443)).as(node + ":6443").isTrue();
    }
    CliRun.Result scale = cli.run("scale", "mn", "--count", "2", "--simulate", "--yes");
    assertThat(scale.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(scale.err()).contains("locked down");
  }

  @Test
  void aDryRunListsEveryServerAndWritesBothConfigs() throws Exception {
    cli = new CliRun(new Faults(88));
    CliRun.Result r =
        cli.run(
            "provision",
            "--simulate",
            "--yes",
            "--name",
            "mn",
            "--dry-run",
            "--control-planes",
            "3",
            "--workers",
            "1",
            "--plan",
            "c2-small-x86",
            "--region",
            "CHI");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out())
        .contains("create server mn-cp-1 (control plane)")
        .contains("create server mn-cp-3 (control plane)")
        .contains("create server mn-workers-1 (worker)");
    var rendered = cli.home().resolve("clusters/mn/rendered");
    assertThat(Files.readString(rendered.resolve("controlplane.yaml")))
        .contains("type: controlplane")
        .contains("192.0.2.12");
    assertThat(Files.readString(rendered.resolve("worker.yaml"))).contains("type: worker");
    assertThat(cli.sim.latitude().servers()).isEmpty();
  }

  @Test
  void badCountsAreRefusedBeforeAnythingIsOrdered() {
    cli = new CliRun(new Faults(86));
    CliRun.Result even = provision("--control-planes", "2");
    assertThat(even.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(even.err()).contains("spec.controlPlanes").contains("use 1 or 3");
    CliRun.Result scaleCp = cli.run("scale", "mn", "--pool", "cp", "--count", "3", "--simulate");
    assertThat(scaleCp.exitCode()).isNotZero();
    assertThat(cli.sim.latitude().servers()).isEmpty();
  }

  private static String[] concat(String[] first, String... rest) {
    List<String> all = new ArrayList<>(List.of(first));
    all.addAll(List.of(rest));
    return all.toArray(String[]::new);
  }
}
