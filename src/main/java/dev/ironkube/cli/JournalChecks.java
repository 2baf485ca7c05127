package dev.ironkube.cli;

import dev.ironkube.failure.ExitCodes;
import dev.ironkube.failure.UserInputException;
import dev.ironkube.workflow.Journal;
import dev.ironkube.workflow.JournalDamage;
import dev.ironkube.workflow.Progress;

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
}
