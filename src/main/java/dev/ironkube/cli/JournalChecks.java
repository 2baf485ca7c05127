package dev.ironkube.cli;

import dev.ironkube.failure.ExitCodes;
import dev.ironkube.failure.UserInputException;
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
}
