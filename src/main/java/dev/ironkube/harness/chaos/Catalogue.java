package dev.ironkube.harness.chaos;

import dev.ironkube.failure.ExitCodes;
import dev.ironkube.harness.chaos.Scenario.Disturbance;
import dev.ironkube.harness.chaos.Scenario.Expectation;
import dev.ironkube.harness.chaos.Scenario.Profile;
import dev.ironkube.harness.chaos.Scenario.Topology;
import dev.ironkube.sim.Faults.Rule;
import dev.ironkube.sim.echo.EchoIpApi;
import dev.ironkube.sim.platform.SimManifests;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The faults a chaos run draws from. Each entry names the simulator's fault point and kind (see the
 * fakes' javadoc) and is injected at a random occurrence of that point, so the same fault hits
 * different moments of the pipeline from run to run. Each run also draws its world: Latitude.sh or
 * Scaleway, with or without the DNS, Infisical and Teleport integrations (entries that strike an
 * integration always have them).
 */
public final class Catalogue {
  private Catalogue() {}

  /** The entry whose runs the campaign aims, in turn, at each phase of the pipeline. */
  public static final String CTRL_C_PHASE = "ctrl-c-phase";

  /** The prefix of a Ctrl-C aimed at one phase: "ctrl-c@platform". */
  public static final String CTRL_C_AT = "ctrl-c@";

  /** A control plane (cp-2 or cp-3 of three) whose etcd never becomes healthy: it never joins. */
  public static final String CP_NEVER_JOINS = "cp-never-joins";

  /** A worker whose kubelet never becomes healthy: it never turns Ready. */
  public static final String WORKER_NEVER_READY = "worker-never-ready";

  /** Someone else's A record at the cluster's DNS name: refused (exit 2), nothing ordered. */
  public static final String DNS_FOREIGN_RECORD = "dns-foreign-record";

  /** The same record taken over with --adopt-dns-record: restored after a failure or destroy. */
  public static final String DNS_FOREIGN_ADOPTED = "dns-foreign-adopted";

  /** The platform's pinned manifest cannot be downloaded: refused (exit 5), nothing ordered. */
  public static final String MANIFEST_UNREACHABLE = "manifest-unreachable";

  /** No echo service answers the operator's address: refused (exit 5), nothing ordered. */
  public static final String OPERATOR_ADDRESS_UNDETECTED = "operator-address-undetected";

  /**
   * A second provision of the cluster while a first one runs: refused (exit 2), nothing touched.
   */
  public static final String CONCURRENT_RUN = "concurrent-run";

  /** The first run killed (-9) while it holds the lock: the next run takes the lock over. */
  public static final String STALE_LOCK = "stale-lock";

  /** The journal's last line cut or garbage appended after a run; status, re-run and destroy. */
  public static final String TRUNCATED_JOURNAL = "truncated-journal";

  /** Upgrade kinds: a cluster made on the previous Talos minor, then a rolling upgrade. */
  public static final String UPGRADE_NEVER_RETURNS = "upgrade-node-never-returns";

  public static final String UPGRADE_ETCD_UNHEALTHY = "upgrade-etcd-unhealthy";
  public static final String UPGRADE_CTRL_C = "upgrade-ctrl-c";
  public static final String UPGRADE_KILL_THEN_RESUME = "upgrade-kill-then-resume";

  /** Separates a kind from a fixed topology: "none/1+1" is a kind run on 1 CP and 1 worker. */
  public static final String TOPOLOGY_SEP = "/";

  /** Entries drawn more often than once per name, so every phase gets its Ctrl-C in a campaign. */
  private static final Map<String, Integer> WEIGHTS = Map.of(CTRL_C_PHASE, 4);

  private static final String CF_LIST = "cloudflare.GET /zones/{zone_id}/dns_records";
  private static final String CF_CREATE = "cloudflare.POST /zones/{zone_id}/dns_records";
  private static final String INF_LOGIN = "infisical.POST /api/v1/auth/universal-auth/login";
  private static final String INF_LIST = "infisical.GET /api/v3/secrets/raw";
  private static final String INF_WRITE = "infisical.POST /api/v4/secrets/{secretName}";

  /** Platform workloads (fault point under kube.workload.) → the component a failure names. */
  private static final List<List<String>> COMPONENTS =
      List.of(
          List.of("local-path-storage/local-path-provisioner", "local-path-provisioner"),
          List.of("argocd/argo-workflows", "Argo Workflows"),
          List.of("argocd/vault", "Vault"),
          List.of("argocd/cto-controller", "CTO controller"),
          List.of("argocd/cto-mcp-server", "MCP server"));

  /** Every scenario kind that a campaign draws. */
  public static List<String> names() {
    return List.of(
        "none",
        "provider-429",
        "provider-429-no-hint",
        "provider-500-read",
        "provider-502-read",
        "provider-reset-read",
        "provider-malformed-read",
        "provider-500-write",
        "provider-reset-write",
        "provider-timeout-read",
        "talos-apply-drop",
        "talos-apply-reject",
        "talos-bootstrap-refused",
        "talos-service-never-healthy",
        "stale-status",
        "stuck-deploy",
        "failed-deployment",
        "out-of-stock-at-order",
        "lost-create-response",
        "keep-on-failure",
        "platform-never-ready",
        "dns-5xx",
        "dns-429",
        "dns-timeout",
        "dns-malformed",
        "dns-lost-create",
        "infisical-login-denied",
        "infisical-list-5xx",
        "infisical-token-expired",
        "teleport-never-registers",
        DNS_FOREIGN_RECORD,
        DNS_FOREIGN_ADOPTED,
        MANIFEST_UNREACHABLE,
        OPERATOR_ADDRESS_UNDETECTED,
        CP_NEVER_JOINS,
        WORKER_NEVER_READY,
        CONCURRENT_RUN,
        STALE_LOCK,
        TRUNCATED_JOURNAL,
        "ctrl-c",
        CTRL_C_PHASE,
        "kill-then-resume",
        "kill-then-destroy",
        UPGRADE_NEVER_RETURNS,
        UPGRADE_ETCD_UNHEALTHY,
        UPGRADE_CTRL_C,
        UPGRADE_KILL_THEN_RESUME);
  }

  /** A kind drawn by weight; {@link #CTRL_C_PHASE} is for the caller to aim at a phase. */
  public static String drawKind(Random random) {
    List<String> bag = new ArrayList<>();
    for (String name : names()) {
      for (int i = 0; i < WEIGHTS.getOrDefault(name, 1); i++) {
        bag.add(name);
      }
    }
    return bag.get(random.nextInt(bag.size()));
  }

  /**
   * The scenario of a kind, its world and topology drawn from {@code r} unless the name fixes the
   * topology ("none/3+1"). Multi-node kinds draw a topology they can strike.
   */
  public static Scenario build(String name, Random r) {
    Topology fixed = null;
    int sep = name.indexOf(TOPOLOGY_SEP);
    if (sep >= 0) {
      fixed = Topology.parse(name.substring(sep + 1));
      name = name.substring(0, sep);
    }
    Topology topology =
        switch (name) {
          case CP_NEVER_JOINS,
              UPGRADE_NEVER_RETURNS,
              UPGRADE_ETCD_UNHEALTHY,
              UPGRADE_CTRL_C,
              UPGRADE_KILL_THEN_RESUME ->
              fixed != null ? fixed : new Topology(3, r.nextInt(2));
          case WORKER_NEVER_READY ->
              fixed != null
                  ? fixed
                  : r.nextBoolean() ? new Topology(1, 1 + r.nextInt(2)) : new Topology(3, 1);
          default -> fixed != null ? fixed : Topology.draw(r);
        };
    boolean upgrade = name.startsWith("upgrade-");
    if ((name.equals(CP_NEVER_JOINS) || upgrade) && topology.controlPlanes() < 3
        || name.equals(WORKER_NEVER_READY) && topology.workers() < 1) {
      throw new IllegalArgumentException(name + " cannot strike a cluster of " + topology);
    }
    if (name.equals(CTRL_C_PHASE)) {
      name = CTRL_C_AT + PipelinePhases.ALL.get(r.nextInt(PipelinePhases.ALL.size()));
    }
    int skip = r.nextInt(4);
    boolean needsIntegrations =
        name.startsWith("dns-")
            || name.startsWith("infisical-")
            || name.startsWith("teleport-")
            || name.startsWith(CTRL_C_AT)
                && PipelinePhases.needsIntegrations(name.substring(CTRL_C_AT.length()));
    // Scaleway's 429 carries no Retry-After: the hinted 429 is Latitude's alone.
    String provider = name.equals("provider-429") || !r.nextBoolean() ? "latitude" : "scaleway";
    // A child process (kill -9, a second run beside it) runs without the platform, whose manifests
    // only --simulate serves; Teleport's verification needs the platform, so those kinds run
    // without the integrations (see ChaosRun).
    boolean child =
        List.of("kill-then-resume", "kill-then-destroy", CONCURRENT_RUN, STALE_LOCK).contains(name);
    // A locked-down cluster's Talos API no longer answers the operator: upgrades run unlocked.
    Profile profile =
        new Profile(provider, !child && !upgrade && (needsIntegrations || r.nextBoolean()));
    ProviderPoints p = ProviderPoints.of(provider);
    List<Rule> faults = new ArrayList<>();
    Disturbance disturbance = Disturbance.NONE;
    Expectation expect = Expectation.ANY;
    String interruptAt = null;
    boolean keep = false;
    Scenario.Setup setup = Scenario.Setup.NONE;
    switch (name) {
      case "none" -> {}
      case "provider-429" -> faults.add(new Rule(p.reads(), "429", skip, 1 + r.nextInt(3), 1));
      case "provider-429-no-hint" ->
          faults.add(
              new Rule(
                  p.reads(),
                  provider.equals("latitude") ? "429-no-hint" : "429",
                  skip,
                  1 + r.nextInt(3),
                  1));
      case "provider-500-read" -> faults.add(new Rule(p.reads(), "http-500", skip, 2, 1));
      case "provider-502-read" -> faults.add(new Rule(p.reads(), "http-502", skip, 2, 1));
      case "provider-reset-read" -> faults.add(new Rule(p.reads(), "reset", skip, 1, 1));
      case "provider-malformed-read" ->
          faults.add(new Rule(p.serverRead(), "malformed", skip, 1, 1));
      case "provider-500-write" -> faults.add(new Rule(p.writes(), "http-500", r.nextInt(3), 1, 1));
      case "provider-reset-write" -> faults.add(new Rule(p.writes(), "reset", r.nextInt(3), 1, 1));
      case "provider-timeout-read" -> faults.add(new Rule(p.serverRead(), "timeout", skip, 1, 1));
      case "talos-apply-drop" -> faults.add(Rule.once("talos.apply", "drop"));
      case "talos-apply-reject" -> faults.add(Rule.once("talos.apply", "reject"));
      case "talos-bootstrap-refused" ->
          faults.add(new Rule("talos.bootstrap", "precondition", 0, 1 + r.nextInt(4), 1));
      case "talos-service-never-healthy" ->
          faults.add(
              Rule.always(
                  "talos.service." + List.of("etcd", "kubelet", "apid", "trustd").get(r.nextInt(4)),
                  "never-healthy"));
      case "stale-status" ->
          faults.add(new Rule(p.serverRead(), "stale-status", skip, 3 + r.nextInt(5), 1));
      case "stuck-deploy" -> faults.add(Rule.once(p.create(), "stuck"));
      case "failed-deployment" -> faults.add(Rule.once(p.create(), p.failedDeployment()));
      case "out-of-stock-at-order" -> faults.add(Rule.once(p.create(), "out-of-stock"));
      case "lost-create-response" -> faults.add(Rule.once(p.create(), "lost-response"));
      case "keep-on-failure" -> {
        faults.add(Rule.once(p.create(), p.failedDeployment()));
        keep = true;
      }
      case "platform-never-ready" -> {
        List<String> c = COMPONENTS.get(r.nextInt(COMPONENTS.size()));
        faults.add(Rule.always("kube.workload." + c.get(0), "never-ready"));
        expect = Expectation.oneOf("failed-cleaned").naming(c.get(1));
      }
      case "dns-5xx", "dns-429", "dns-timeout", "dns-malformed" -> {
        String kind =
            switch (name) {
              case "dns-5xx" -> "http-500";
              case "dns-429" -> "429";
              case "dns-timeout" -> "timeout";
              default -> "malformed";
            };
        faults.add(new Rule(r.nextBoolean() ? CF_LIST : CF_CREATE, kind, 0, 1 + r.nextInt(2), 1));
        expect = Expectation.oneOf("provisioned", "failed-cleaned");
      }
      case "dns-lost-create" -> {
        faults.add(Rule.once(CF_CREATE, "lost-response"));
        expect = Expectation.oneOf("provisioned", "failed-cleaned");
      }
      case "infisical-login-denied" -> {
        // Once: the revoked secret is "restored" before the destroy that follows every run.
        faults.add(Rule.once(INF_LOGIN, "denied"));
        expect = Expectation.oneOf("failed-cleaned").naming("Infisical");
      }
      case "infisical-list-5xx" -> {
        faults.add(new Rule(INF_LIST, "http-500", r.nextInt(2), 1 + r.nextInt(2), 1));
        expect = Expectation.oneOf("provisioned", "failed-cleaned");
      }
      case "infisical-token-expired" -> {
        // Mid-run: the first list (settings backfill) passes; a later list or a write-back finds
        // its token expired, and the session must log in again and carry on.
        faults.add(
            r.nextBoolean()
                ? new Rule(INF_LIST, "token-expired", 1, 1, 1)
                : new Rule(INF_WRITE, "token-expired", r.nextInt(3), 1, 1));
        expect = Expectation.oneOf("provisioned");
      }
      case "teleport-never-registers" -> {
        faults.add(Rule.always("teleport.join", "refused"));
        expect = Expectation.oneOf("left-running");
      }
      case CP_NEVER_JOINS, WORKER_NEVER_READY -> {
        boolean cp = name.equals(CP_NEVER_JOINS);
        String host =
            cp
                ? RunWorld.CLUSTER + "-cp-" + (2 + r.nextInt(2))
                : RunWorld.CLUSTER + "-workers-" + (1 + r.nextInt(topology.workers()));
        faults.add(
            Rule.always(
                "talos.service." + (cp ? "etcd" : "kubelet") + "@" + host, "never-healthy"));
        keep = r.nextInt(3) == 0;
        expect = Expectation.oneOf(keep ? "kept" : "failed-cleaned").mentioning(host);
      }
      case DNS_FOREIGN_RECORD -> {
        setup = new Scenario.Setup(true, false, false, false);
        expect =
            Expectation.oneOf("failed-cleaned")
                .naming("was not created by this cluster")
                .refusedBeforeOrdering(ExitCodes.INVALID_INPUT);
      }
      case DNS_FOREIGN_ADOPTED -> {
        // Taken over, then whatever happens (a Talos apply dropped at times), the final destroy
        // must give the record back as it was; the invariants compare it field by field.
        setup = new Scenario.Setup(true, true, false, false);
        boolean fail = r.nextBoolean();
        if (fail) {
          faults.add(Rule.always("talos.apply", "reject"));
        }
        expect = Expectation.oneOf(fail ? "failed-cleaned" : "provisioned");
      }
      case MANIFEST_UNREACHABLE -> {
        faults.add(Rule.always(SimManifests.POINT + "*", "unreachable"));
        expect =
            Expectation.oneOf("failed-cleaned")
                .naming("install.yaml")
                .refusedBeforeOrdering(ExitCodes.REMOTE_FAILURE);
      }
      case OPERATOR_ADDRESS_UNDETECTED -> {
        setup = new Scenario.Setup(false, false, true, false);
        faults.add(Rule.always(EchoIpApi.POINT, "unreachable"));
        expect =
            Expectation.oneOf("failed-cleaned")
                .naming("could not detect your public IP")
                .refusedBeforeOrdering(ExitCodes.REMOTE_FAILURE);
      }
      case CONCURRENT_RUN -> {
        disturbance = Scenario.Disturbance.CONCURRENT;
        expect = Expectation.oneOf("provisioned");
      }
      case STALE_LOCK ->
          disturbance =
              r.nextBoolean()
                  ? Scenario.Disturbance.KILL_HOLDER_THEN_RESUME
                  : Scenario.Disturbance.KILL_HOLDER_THEN_DESTROY;
      case TRUNCATED_JOURNAL -> {
        // Provisioned or failed and cleaned up, at random; the apply's rejection strikes once, so
        // a re-run on the damaged journal can succeed.
        setup = new Scenario.Setup(false, false, false, true);
        boolean fail = r.nextBoolean();
        if (fail) {
          faults.add(Rule.once("talos.apply", "reject"));
        }
        expect = Expectation.oneOf(fail ? "failed-cleaned" : "provisioned");
      }
      case "ctrl-c" -> disturbance = Disturbance.CTRL_C;
      case "kill-then-resume" -> disturbance = Disturbance.KILL_THEN_RESUME;
      case "kill-then-destroy" -> disturbance = Disturbance.KILL_THEN_DESTROY;
      case UPGRADE_NEVER_RETURNS -> {
        List<String> hosts = topology.hosts(RunWorld.CLUSTER);
        String host = hosts.get(r.nextInt(hosts.size()));
        faults.add(Rule.always("talos.upgrade.reboot@" + host, "never-returns"));
        disturbance = Disturbance.UPGRADE_NEVER_RETURNS;
        // The node the rollout must stop at (UpgradeChaos reads it here).
        expect = Expectation.oneOf("provisioned").mentioning(host);
      }
      case UPGRADE_ETCD_UNHEALTHY -> {
        disturbance = Disturbance.UPGRADE_ETCD_UNHEALTHY;
        expect =
            Expectation.oneOf("provisioned")
                .mentioning(RunWorld.CLUSTER + "-cp-" + (1 + r.nextInt(3)));
      }
      case UPGRADE_CTRL_C -> {
        disturbance = Disturbance.UPGRADE_CTRL_C;
        expect = Expectation.oneOf("provisioned");
      }
      case UPGRADE_KILL_THEN_RESUME -> {
        disturbance = Disturbance.UPGRADE_KILL_THEN_RESUME;
        expect = Expectation.oneOf("provisioned");
      }
      default -> {
        if (!name.startsWith(CTRL_C_AT)
            || !PipelinePhases.ALL.contains(name.substring(CTRL_C_AT.length()))) {
          throw new IllegalArgumentException("unknown chaos scenario " + name);
        }
        disturbance = Disturbance.CTRL_C_AT;
        interruptAt = name.substring(CTRL_C_AT.length());
        expect = Expectation.oneOf("interrupted");
      }
    }
    return new Scenario(
        name,
        profile,
        List.copyOf(faults),
        disturbance,
        keep,
        interruptAt,
        expect,
        topology,
        setup);
  }
}
