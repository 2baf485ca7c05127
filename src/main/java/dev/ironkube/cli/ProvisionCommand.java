package dev.ironkube.cli;

import dev.ironkube.access.AccessStage;
import dev.ironkube.dns.DnsStage;
import dev.ironkube.failure.UserInputException;
import dev.ironkube.secrets.CredentialsBackupStage;
import dev.ironkube.settings.Settings;
import dev.ironkube.settings.SettingsCatalogue;
import dev.ironkube.store.ClusterFiles;
import dev.ironkube.store.ClusterLock;
import dev.ironkube.talos.stage.TalosBootstrap;
import dev.ironkube.workflow.ClusterSpec;
import dev.ironkube.workflow.Gate;
import dev.ironkube.workflow.Journal;
import dev.ironkube.workflow.JournalEntry;
import dev.ironkube.workflow.Wait;
import dev.ironkube.workflow.provision.AfterBootstrap;
import dev.ironkube.workflow.provision.ProvisionContext;
import dev.ironkube.workflow.provision.ProvisionReport;
import dev.ironkube.workflow.provision.ProvisionWorkflow;
import dev.ironkube.workflow.provision.SshKeys;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** `ironkube provision`: order a server and build the cluster on it. */
@Command(
    name = "provision",
    description = {
      "Order bare-metal servers booting Talos directly (one control plane by default; 3 control"
          + " planes and any number of workers on request, ordered in parallel), configure and"
          + " bootstrap them, and report how to reach the cluster.",
      "",
      "Before anything is ordered, every check that can refuse the run runs (credentials, stock,"
          + " the Talos image, your address, the DNS name, Infisical, Teleport, the platform's"
          + " manifests) and every problem is reported with its fix; --dry-run prints the same"
          + " checks as a checklist.",
      "",
      "Every change is journaled in $IRONKUBE_HOME/clusters/<name>/ before it is made. A failure"
          + " deletes what the run created (unless --keep-on-failure); running the same command"
          + " again resumes from the journal and never orders twice. One provision, scale or"
          + " destroy of a cluster runs at a time: another exits 2 naming the run that holds the"
          + " cluster's lock.",
      "",
      "Examples:",
      "  ironkube provision --simulate --yes        # no account needed",
      "  ironkube provision                         # asks for plan and site",
      "  ironkube provision --name demo --plan c2-small-x86 --region DAL --yes",
      "  ironkube provision --name demo --plan c2-small-x86 --region DAL --dry-run",
      "  ironkube provision --name prod --control-planes 3 --workers 2 \\",
      "      --plan c2-small-x86 --region DAL --yes  # five servers, in parallel"
    })
final class ProvisionCommand implements Callable<Integer> {
  private final CliEnvironment env;
  @Mixin CommonOptions common;

  @Option(names = "--name", paramLabel = "CLUSTER", description = "Cluster name (default: demo).")
  String name;

  @Option(names = "--plan", paramLabel = "PLAN", description = "Plan slug (see 'ironkube plans').")
  String plan;

  @Option(
      names = "--region",
      paramLabel = "SITE",
      description = "Site slug (see 'ironkube regions').")
  String region;

  @Option(
      names = "--control-planes",
      paramLabel = "N",
      description = "Control-plane nodes: 1 (default) or 3.")
  String controlPlanes;

  @Option(
      names = "--workers",
      paramLabel = "N",
      description =
          "Worker nodes (default 0), on the same plan; spec.pools in the cluster document gives"
              + " pools their own plan and region.")
  String workers;

  @Option(
      names = "--talos-version",
      paramLabel = "VERSION",
      description = "Talos version, e.g. v1.11.6.")
  String talosVersion;

  @Option(
      names = {"-y", "--yes"},
      description = "Never prompt; fail clearly when a choice is missing.")
  boolean yes;

  @Option(
      names = "--dry-run",
      description =
          "Show what would be ordered (with the hourly price) and write the rendered configs;"
              + " send no mutating request.")
  boolean dryRun;

  @Option(
      names = "--keep-on-failure",
      description = "Keep what was created when a step fails (it keeps billing), for debugging.")
  boolean keepOnFailure;

  @Option(
      names = "--adopt-dns-record",
      description =
          "Take over an A record of the DNS name that this cluster did not create (it is"
              + " refused otherwise); its previous content is journaled and restored on cleanup"
              + " and destroy.")
  boolean adoptDnsRecord;

  @Option(
      names = "--no-platform",
      description =
          "Stop once Kubernetes is up with its CNI (Cilium, needed for a Ready node): no"
              + " local-path, Argo CD or the rest of the platform.")
  boolean noPlatform;

  @Option(
      names = "--show-argocd-password",
      description =
          "Print Argo CD's initial admin password in the report (off: it may reach logs).")
  boolean showArgoCdPassword;

  @Mixin OutputOption output = new OutputOption();

  ProvisionCommand(CliEnvironment env) {
    this.env = env;
  }

  @Override
  public Integer call() throws Exception {
    return execute(dryRun ? "provision --dry-run" : "provision", ProvisionWorkflow::run);
  }

  /**
   * Builds the pipeline from the options and runs {@code action} on it (provision or scale).
   *
   * @param command what the run is, written in the cluster's lock for a refused run to read
   */
  Integer execute(String command, Function<ProvisionWorkflow, ProvisionReport> action)
      throws Exception {
    Map<String, String> flags = new LinkedHashMap<>();
    CommonOptions.put(flags, SettingsCatalogue.NAME_PATH, name);
    CommonOptions.put(flags, SettingsCatalogue.PLAN, plan);
    CommonOptions.put(flags, SettingsCatalogue.REGION, region);
    CommonOptions.put(flags, SettingsCatalogue.TALOS_VERSION, talosVersion);
    CommonOptions.put(flags, SettingsCatalogue.CONTROL_PLANES, controlPlanes);
    CommonOptions.put(flags, SettingsCatalogue.WORKERS, workers);
    if (keepOnFailure) {
      flags.put(SettingsCatalogue.KEEP_ON_FAILURE, "true");
    }
    if (noPlatform) {
      flags.put(SettingsCatalogue.PLATFORM_ENABLED, "false");
    }
    Settings settings = SettingsResolution.resolve(env, common, flags);
    ConsolePrompter prompter = new ConsolePrompter(env, !yes);
    try (Narration narration = new Narration(env);
        Connections c =
            Connections.open(
                env, settings, common.simulate, narration.cancellation(), common.requestLog(env))) {
      prompter.quietWhileAsking(narration);
      // The settings are final here (validated, backfilled from the secret store, which may name
      // the cluster): the run's spec is built from them once and read from then on.
      ClusterSpec spec = ClusterSpec.of(c.settings());
      return run(command, action, spec, c, narration, prompter);
    }
  }

  private Integer run(
      String command,
      Function<ProvisionWorkflow, ProvisionReport> action,
      ClusterSpec asked,
      Connections c,
      Narration narration,
      ConsolePrompter prompter)
      throws Exception {
    // The lock is taken before anything is written in the cluster's folder or ordered.
    try (ClusterLock lock =
        ClusterLock.acquire(
            SettingsResolution.home(env).cluster(asked.name()).lock(),
            asked.name(),
            command + " --name " + asked.name(),
            env.clock(),
            narration.progress()::warn)) {
      ClusterFiles files = SettingsResolution.home(env).cluster(asked.name());
      // A run that fails before it owns anything leaves no cluster behind in the home.
      boolean fresh = !dryRun && !Files.exists(files.journal());
      Journal journal =
          dryRun
              ? Journal.inMemory(env.clock())
              : Journal.open(files.journal(), env.clock(), narration.progress()::warn);
      try {
        JournalChecks.beforeBuilding(journal, asked.name(), narration.progress());
        JournalChecks.sameDatacenter(journal, asked.name(), c.sim().isPresent(), !dryRun);
        // A node added to a cluster runs the versions the others run (an upgrade changes them).
        Settings settings =
            JournalChecks.runningVersions(journal, c.settings(), asked.name(), !dryRun);
        ClusterSpec spec = ClusterSpec.of(settings);
        Gate gate = new Gate(journal, dryRun);
        var provider =
            c.provider(
                prompter, () -> SshKeys.ensure(files.sshKey(), spec.identity().markerName()));
        ProvisionContext ctx =
            new ProvisionContext(
                spec,
                settings,
                provider,
                c.images(),
                files,
                journal,
                gate,
                narration.progress(),
                prompter,
                narration.cancellation(),
                env.clock(),
                new Wait(env.clock(), narration.cancellation(), new Random()));
        List<AfterBootstrap> stages = new ArrayList<>();
        var dns = c.dns();
        if (dns.isPresent()) {
          stages.add(
              new DnsStage(
                  dns.get(),
                  spec.dnsName().orElseThrow(),
                  Integer.parseInt(c.settings().require(SettingsCatalogue.DNS_TTL)),
                  c.settings().flag(SettingsCatalogue.DNS_PROXIED),
                  spec.name(),
                  adoptDnsRecord,
                  gate,
                  narration.progress()));
        } else {
          narration.progress().info("DNS: no IRONKUBE_DNS_NAME set; the cluster is reached by IP");
        }
        if (c.settings().flag(SettingsCatalogue.INFISICAL_WRITE_BACK)) {
          var store =
              c.secretStore()
                  .orElseThrow(
                      () ->
                          new UserInputException(
                              "spec.infisical.writeBack is on but no Infisical identity is configured",
                              "set INFISICAL_UNIVERSAL_AUTH_CLIENT_ID, _CLIENT_SECRET and"
                                  + " INFISICAL_PROJECT_ID, or turn writeBack off"));
          stages.add(
              new CredentialsBackupStage(
                  store, "Infisical", spec.name(), files, gate, narration.progress()));
        }
        var platform = PlatformWiring.stage(c, ctx, showArgoCdPassword);
        platform.ifPresent(stages::add);
        TalosBootstrap talos = TalosWiring.stage(c, ctx);
        var access = AccessWiring.stage(c, ctx, talos, platform.isPresent());
        access.ifPresent(stages::add);
        ProvisionReport report;
        try {
          report =
              action.apply(
                  new ProvisionWorkflow(
                      ctx, dryRun, talos, c.offerToStoreKey(), common.simulate, stages));
        } finally {
          access.ifPresent(AccessStage::close);
        }
        narration.close();
        ReportPrinter.print(env, report, output.json(), common.simulate);
        return 0;
      } catch (Exception | Error e) {
        if (fresh) {
          forgetUnbuilt(files, journal);
        }
        throw e;
      }
    }
  }

  /**
   * Removes the journal of a cluster whose first run failed before any intent was journaled (the
   * preflight refused it, say): it holds only values like the simulated mark, and would otherwise
   * list a cluster that never existed. The folder goes too when nothing else is in it. Done under
   * the lock.
   */
  private static void forgetUnbuilt(ClusterFiles files, Journal journal) {
    boolean onlyValues =
        journal.entries().stream().allMatch(en -> JournalEntry.VALUE.equals(en.type()));
    if (!onlyValues || !journal.owned().isEmpty()) {
      return;
    }
    try {
      Files.deleteIfExists(files.journal());
      files.forgetIfOnlyLocked();
    } catch (IOException e) {
      // a leftover journal of values only lists the name as 'in progress'; nothing depends on it
    }
  }
}
