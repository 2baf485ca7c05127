package dev.ironkube.talos.api;

import java.util.List;
import java.util.Optional;

/**
 * What came of {@code ApplyConfiguration}.
 *
 * @param outcome whether the node answered or dropped the connection as it rebooted
 * @param warnings the node's warnings about the config (empty when it dropped the connection)
 * @param modeDetails the node's description of what it will do; may be empty. A dry run's holds the
 *     config diff, which may show secret values
 * @param mode the mode the node reports it applied with (AUTO resolved); empty when it reported
 *     none (1.11/1.12 maintenance) or dropped the connection
 */
public record ApplyResult(
    Outcome outcome, List<String> warnings, String modeDetails, Optional<ApplyMode> mode) {

  private static final String DIFF_HEADER = "\nConfig diff:\n\n";

  public ApplyResult(Outcome outcome, List<String> warnings, String modeDetails) {
    this(outcome, warnings, modeDetails, Optional.empty());
  }

  public enum Outcome {
    /** The node answered OK; in maintenance mode it now installs and reboots. */
    APPLIED,
    /**
     * The connection dropped right after the request: the listener went away for the reboot. The
     * config is very likely applied; proven only by the node answering over mTLS.
     */
    REBOOTING
  }

  /** The user-facing word for the outcome. */
  public String result() {
    return outcome == Outcome.APPLIED ? "applied" : "rebooting";
  }

  /**
   * A dry run's unified diff of the running config and the new one ("--- a", "+++ b", "@@" hunks),
   * "" when the node reports no changes; empty when this was no dry run. It may show secret values.
   */
  public Optional<String> configDiff() {
    int at = modeDetails.indexOf(DIFF_HEADER);
    if (!modeDetails.startsWith("Dry run summary:") || at < 0) {
      return Optional.empty();
    }
    String diff = modeDetails.substring(at + DIFF_HEADER.length());
    return Optional.of(diff.equals("No changes.") ? "" : diff);
  }
}
