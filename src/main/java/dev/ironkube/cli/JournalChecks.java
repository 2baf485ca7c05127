package dev.ironkube.cli;

import dev.ironkube.failure.ExitCodes;
import dev.ironkube.failure.UserInputException;
import dev.ironkube.settings.Settings;
import dev.ironkube.settings.SettingsCatalogue;
import dev.ironkube.settings.Source;
import dev.ironkube.talos.config.TalosVersion;
import dev.ironkube.workflow.Journal;
import dev.ironkube.workflow.JournalDamage;
import dev.ironkube.workflow.Progress;
import java.util.Optional;

/** What each command does with a damaged journal, said in the user's terms. */
final class JournalChecks {
  private JournalChecks() {}

  /**
   * Before provision, scale or resume build on the journal: lost lines may hide a server, so they
   * stop the run; a cut-off last line (a crash mid-write) is set aside with a notice.
   */
  static void beforeBuilding(Journal journal, String cluster, Progress progress) {
    JournalDamage d = journal.damage();
    if (d.isClean()) {
      return;
    }
    if (d.isCorrupt()) {
      throw new UserInputException(
          "the journal of cluster "
              + cluster
              + " is damaged: "
              + d.summary()
              + "; it may no longer list everything the cluster owns, so nothing is built on it",
          "'ironkube destroy "
              + cluster
              + "' still works (it also finds the cluster's resources by their markers at the"
              + " provider); or restore "
              + journal.file()
              + " from a backup",
          ExitCodes.INVALID_INPUT);
    }
    progress.warn(
        "the journal of cluster "
            + cluster
            + ": "
            + d.summary()
            + (d.outcomeUncertain()
                ? "; whether the cluster was provisioned is unknown, so if this run fails it deletes"
                    + " only what it created itself"
                : "")
            + "; going on from the entries before it");
  }

  /**
   * Before destroy: whatever the damage, deleting goes on, from markers where the journal fails.
   */
  static void beforeDestroying(Journal journal, String cluster, Progress progress) {
    JournalDamage d = journal.damage();
    if (d.isClean()) {
      return;
    }
    progress.warn(
        "the journal of cluster "
            + cluster
            + ": "
            + d.summary()
            + "; destroying what it still lists and everything at the provider that carries the"
            + " cluster's markers");
  }

  /** The journal value that says a cluster was made in the simulated datacenter. */
  static final String SIMULATED = "simulated";

  /** Whether the journal says its cluster lives in the simulated datacenter. */
  static boolean simulated(Journal journal) {
    return journal.value(SIMULATED).map(Boolean::parseBoolean).orElse(false);
  }

  /**
   * A simulated cluster and a real one are kept apart: a real run never resumes, scales or destroys
   * from a simulated cluster's journal (it would look for servers the provider never had, or order
   * real ones under a name the user tried out), nor a simulated run from a real one's (it would
   * tell the simulator to delete what bills). A journal written before the mark existed carries
   * none and is taken as it comes. A fresh journal is marked.
   */
  static void sameDatacenter(Journal journal, String cluster, boolean simulate, boolean write) {
    Optional<String> mark = journal.value(SIMULATED);
    if (mark.isEmpty()) {
      if (write && journal.entries().isEmpty()) {
        journal.value(SIMULATED, String.valueOf(simulate));
      }
      return;
    }
    boolean wasSimulated = Boolean.parseBoolean(mark.get());
    if (wasSimulated == simulate) {
      return;
    }
    throw new UserInputException(
        wasSimulated
            ? "cluster "
                + cluster
                + " was made in the simulated datacenter; a run without --simulate would look for"
                + " it at the real provider"
            : "cluster "
                + cluster
                + " is a real cluster; a --simulate run would act on it in the simulated"
                + " datacenter instead",
        wasSimulated
            ? "add --simulate to act on it, or choose another --name for a real cluster"
            : "drop --simulate to act on it, or choose another --name to try things out",
        ExitCodes.INVALID_INPUT);
  }

  /** The journal's record of the Talos release the cluster's nodes run (upgrade keeps it). */
  static final String TALOS_VERSION = "talos version";

  /** The journal's record of the Kubernetes version the cluster runs (upgrade keeps it). */
  static final String KUBERNETES_VERSION = "kubernetes version";

  /**
   * The versions a provision or scale builds with, so that a node added to a cluster runs what the
   * others run. A fresh cluster's journal records the versions it is built with; an upgraded
   * cluster's journal has the upgrade's. A setting left at its default takes the journal's version;
   * one set to another version is refused (it would boot or configure a node on another release
   * than the rest), naming the upgrade command that changes the cluster's version.
   *
   * @param write whether to record the versions in a journal that owns nothing yet
   */
  static Settings runningVersions(
      Journal journal, Settings settings, String cluster, boolean write) {
    Settings s =
        pin(
            journal,
            settings,
            cluster,
            TALOS_VERSION,
            SettingsCatalogue.TALOS_VERSION,
            "Talos",
            "--talos-version");
    String kubernetes =
        s.get(SettingsCatalogue.KUBERNETES_VERSION)
            .orElseGet(
                () ->
                    TalosVersion.parse(s.require(SettingsCatalogue.TALOS_VERSION))
                        .defaultKubernetesVersion());
    Settings withKubernetes =
        pin(
            journal,
            s,
            cluster,
            KUBERNETES_VERSION,
            SettingsCatalogue.KUBERNETES_VERSION,
            "Kubernetes",
            "--kubernetes-version");
    withKubernetes = platformChoice(journal, withKubernetes, write);
    if (write && journal.owned().isEmpty()) {
      if (journal.value(TALOS_VERSION).isEmpty()) {
        journal.value(TALOS_VERSION, withKubernetes.require(SettingsCatalogue.TALOS_VERSION));
      }
      if (journal.value(KUBERNETES_VERSION).isEmpty()) {
        journal.value(KUBERNETES_VERSION, kubernetes);
      }
    }
    return withKubernetes;
  }

  /** The journal's record of whether the cluster has the platform stack (--no-platform or not). */
  static final String PLATFORM = "platform enabled";

  /**
   * A cluster made with --no-platform stays without it: a later provision or scale that does not
   * say otherwise takes the journal's choice instead of installing the platform it was told to
   * leave out. Saying so (--no-platform, spec.platform.enabled) changes the choice, and the journal
   * keeps the new one.
   */
  private static Settings platformChoice(Journal journal, Settings settings, boolean write) {
    Optional<String> journaled = journal.value(PLATFORM);
    boolean chosen =
        settings
            .source(SettingsCatalogue.PLATFORM_ENABLED)
            .map(src -> src != Source.DEFAULT)
            .orElse(false);
    Settings out =
        journaled.isPresent() && !chosen
            ? settings.with(SettingsCatalogue.PLATFORM_ENABLED, journaled.get(), Source.DEFAULT)
            : settings;
    String now = String.valueOf(out.flag(SettingsCatalogue.PLATFORM_ENABLED));
    if (write && !journaled.equals(Optional.of(now))) {
      journal.value(PLATFORM, now);
    }
    return out;
  }

  private static Settings pin(
      Journal journal,
      Settings settings,
      String cluster,
      String key,
      String path,
      String what,
      String upgradeFlag) {
    Optional<String> running = journal.value(key);
    if (running.isEmpty()) {
      return settings;
    }
    Optional<String> asked = settings.get(path);
    boolean chosen =
        asked.isPresent() && settings.source(path).map(src -> src != Source.DEFAULT).orElse(false);
    if (!chosen) {
      return settings.with(path, running.get(), Source.DEFAULT);
    }
    if (same(asked.get(), running.get())) {
      return settings;
    }
    throw new UserInputException(
        "cluster "
            + cluster
            + " runs "
            + what
            + " "
            + running.get()
            + " and this run asks for "
            + asked.get()
            + " ("
            + settings.source(path).map(Source::label).orElse("setting")
            + "): a node added or configured now would run another version than the others",
        "set it to "
            + running.get()
            + " or leave it out (the cluster's is used), or change the cluster first with"
            + " 'ironkube upgrade "
            + cluster
            + " "
            + upgradeFlag
            + " "
            + asked.get()
            + "'",
        ExitCodes.INVALID_INPUT);
  }

  /** Versions as users write them: "v1.34.1" and "1.34.1" are one. */
  private static boolean same(String a, String b) {
    return a.replaceFirst("^v", "").equals(b.replaceFirst("^v", ""));
  }

  /** The journal's record of a restore begun: the snapshot file. */
  static final String RESTORE_STARTED = "restore started";

  /** The journal's record of the last restore finished: the snapshot file and when. */
  static final String RESTORED = "restored";

  /**
   * What the journal says of restores: the last one finished, or one begun and never finished (the
   * process died mid-way: etcd may be wiped on some control planes), for status to show.
   */
  static Optional<String> restore(Journal journal, String cluster) {
    Optional<String> started = journal.value(RESTORE_STARTED);
    Optional<String> done = journal.value(RESTORED);
    if (started.isPresent() && (done.isEmpty() || !done.get().startsWith(started.get() + " "))) {
      return Optional.of(
          "from "
              + started.get()
              + " DID NOT FINISH; etcd may be wiped on some control planes: restore again"
              + " ('ironkube restore "
              + cluster
              + " --from <snapshot>')");
    }
    return done.map(d -> "from " + d);
  }
}
