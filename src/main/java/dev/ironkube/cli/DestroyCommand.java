package dev.ironkube.cli;

import dev.ironkube.dns.DnsStage;
import dev.ironkube.failure.ExitCodes;
import dev.ironkube.failure.UserInputException;
import dev.ironkube.secrets.CredentialsBackupStage;
import dev.ironkube.settings.Settings;
import dev.ironkube.settings.SettingsCatalogue;
import dev.ironkube.settings.Source;
import dev.ironkube.store.ClusterFiles;
import dev.ironkube.store.ClusterLock;
import dev.ironkube.workflow.Cleanup;
import dev.ironkube.workflow.Gate;
import dev.ironkube.workflow.Journal;
import dev.ironkube.workflow.destroy.DestroyWorkflow;
import java.io.IOException;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** `ironkube destroy <cluster>`: delete everything a cluster's runs created. */
@Command(
    name = "destroy",
    description = {
      "Delete everything the cluster's runs created: from its journal, newest first, then anything"
          + " still carrying the cluster's markers at the provider (project ironkube-<name>,"
          + " hostnames <name>-*), so it works even when the journal is lost or damaged. When the"
          + " journal cannot be written (a full disk), the deletes go on and are recorded on"
          + " stderr and in a file in the temporary folder.",
      "",
      "Examples:",
      "  ironkube destroy demo --dry-run     # list what would be deleted",
      "  ironkube destroy demo --yes"
    })
final class DestroyCommand implements Callable<Integer> {
  private final CliEnvironment env;
  @Mixin CommonOptions common;

  @Parameters(index = "0", paramLabel = "CLUSTER", description = "The cluster's name.")
  String cluster;

  @Option(
      names = {"-y", "--yes"},
      description = "Do not ask for confirmation.")
  boolean yes;

  @Option(names = "--dry-run", description = "List what would be deleted; delete nothing.")
  boolean dryRun;

  @Mixin OutputOption output = new OutputOption();

  /** A dry run's JSON: what a destroy would delete, under a name that cannot be misread. */
  record WouldDelete(
      String cluster, boolean dryRun, List<String> wouldDelete, List<String> leftovers) {}

  /** Whether a run on this machine ever made the cluster's folder; set by {@link #call}. */
  private boolean known;

  DestroyCommand(CliEnvironment env) {
    this.env = env;
  }

  @Override
  public Integer call() throws Exception {
    Settings settings =
        SettingsResolution.resolve(env, common, Map.of(SettingsCatalogue.NAME_PATH, cluster));
    ClusterFiles files = SettingsResolution.home(env).cluster(cluster);
    // Known here: a run on this machine made its folder (even one killed before its journal).
    known = Files.isDirectory(files.dir());
    // A dry run only reads; a real one holds the cluster's lock from before the question on.
    try (ClusterLock lock =
        dryRun
            ? null
            : ClusterLock.acquire(
                files.lock(),
                cluster,
                "destroy " + cluster,
                env.clock(),
                line -> env.err().println("ironkube: " + line))) {
      return destroy(settings, files);
    }
  }

  private Integer destroy(Settings settings, ClusterFiles files) throws Exception {
    ConsolePrompter prompter = new ConsolePrompter(env, !yes);
    if (!dryRun && !yes) {
      if (!prompter.available()) {
        throw new UserInputException(
            "destroying cluster " + cluster + " needs confirmation and nobody is at a terminal",
            "pass --yes to confirm, or --dry-run to see what would be deleted");
      }
      if (!prompter.confirm(
          "Delete every server and resource of cluster " + cluster + "?", false)) {
        env.err().println("ironkube: nothing deleted");
        return ExitCodes.OK;
      }
    }
    try (Narration narration = new Narration(env)) {
      // Without a local journal there is nothing to resume; markers still find what exists.
      Journal journal =
          files.exists()
              ? Journal.open(files.journal(), env.clock(), narration.progress()::warn)
              : Journal.inMemory(env.clock());
      return destroy(journalsProvider(journal, settings), files, journal, narration, prompter);
    }
  }

  /**
   * The provider the cluster's servers were ordered from, when the journal says and the command
   * does not: a cluster made with --provider scaleway is destroyed at Scaleway without the flag.
   */
  private static Settings journalsProvider(Journal journal, Settings settings) {
    if (settings.source(SettingsCatalogue.PROVIDER).orElse(Source.DEFAULT) != Source.DEFAULT) {
      return settings;
    }
    return journal.owned().stream()
        .map(Journal.Owned::system)
        .filter(system -> system.equals("latitude") || system.equals("scaleway"))
        .findFirst()
        .map(system -> settings.with(SettingsCatalogue.PROVIDER, system, Source.DEFAULT))
        .orElse(settings);
  }

  private Integer destroy(
      Settings settings,
      ClusterFiles files,
      Journal journal,
      Narration narration,
      ConsolePrompter prompter)
      throws Exception {
    try (Connections c =
        Connections.open(
            env, settings, common.simulate, narration.cancellation(), common.requestLog(env))) {
      prompter.quietWhileAsking(narration);
      JournalChecks.beforeDestroying(journal, cluster, narration.progress());
      JournalChecks.sameDatacenter(journal, cluster, common.simulate, false);
      var provider = c.provider(prompter, () -> "");
      Gate gate = new Gate(journal, dryRun);
      var dns = c.dns();
      if (dns.isPresent()) {
        DnsStage.ownUnjournaled(
            gate, dns.get(), c.settings().require(SettingsCatalogue.DNS_NAME), cluster);
      }
      Map<String, Cleanup.Deleter> others =
          new HashMap<>(dns.map(d -> DnsStage.deleter(d, journal)).orElse(Map.of()));
      c.secretStore().ifPresent(store -> others.putAll(CredentialsBackupStage.deleter(store)));
      DestroyWorkflow.Report report =
          new DestroyWorkflow(cluster, provider, gate, narration.progress(), others).run();
      narration.close();
      if (!dryRun && files.exists()) {
        try {
          var record = files.retire(env.clock().instant());
          env.err().println("Cluster " + cluster + " destroyed; its journal is kept as " + record);
        } catch (IOException | RuntimeException e) {
          // Everything is deleted; only the bookkeeping failed, and the user must know it.
          env.err()
              .println(
                  "ironkube: cluster "
                      + cluster
                      + " is destroyed, but its folder "
                      + files.dir()
                      + " could not be cleared ("
                      + e.getMessage()
                      + "); remove it by hand before provisioning this name again");
        }
      }
      if (!known && report.deleted().isEmpty()) {
        try {
          // The folder was made here only to hold the lock: the name leaves no trace.
          files.forgetIfOnlyLocked();
        } catch (IOException e) {
          // an empty folder lists as no cluster; nothing depends on its going
        }
        List<String> names = SettingsResolution.home(env).clusterNames();
        throw new UserInputException(
            "no cluster named "
                + cluster
                + " in "
                + SettingsResolution.home(env).root()
                + (names.isEmpty()
                    ? " (there are none)"
                    : " (known: " + String.join(", ", names) + ")")
                + ", and nothing at the provider carries its markers",
            "check the name ('ironkube status' lists the clusters) or IRONKUBE_HOME",
            ExitCodes.NOT_FOUND);
      }
      if (output.json()) {
        Json.print(
            env.out(),
            dryRun
                ? new WouldDelete(report.cluster(), true, report.deleted(), report.leftovers())
                : report);
      } else if (report.deleted().isEmpty()) {
        env.out().println("nothing to delete for cluster " + cluster);
      } else {
        for (String line : report.deleted()) {
          env.out().println((dryRun ? "would delete " : "deleted ") + line);
        }
      }
      return 0;
    }
  }
}
