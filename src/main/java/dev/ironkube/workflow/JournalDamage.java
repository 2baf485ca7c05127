package dev.ironkube.workflow;

import java.util.List;
import java.util.stream.Collectors;

/**
 * What was wrong with a journal when it was read. A journal is never silently half-read: a cut-off
 * last line (a crash or a full disk in the middle of a write) and unreadable lines (the file was
 * damaged or overwritten) are reported, because either can hide what the cluster owns or how its
 * last run ended.
 *
 * @param lines how many non-blank lines the file had
 * @param corruptLines 1-based numbers of complete lines that are not valid entries (bad bytes, bad
 *     JSON, a checksum that does not match)
 * @param tornTail the last line was cut off before its end
 * @param recoveredOutcome the outcome the cut-off line was recording, when enough of it survives to
 *     tell ("provisioned"), else null
 * @param unreadable why the file could not be read at all, else null
 */
public record JournalDamage(
    int lines,
    List<Integer> corruptLines,
    boolean tornTail,
    String recoveredOutcome,
    String unreadable) {

  public JournalDamage {
    corruptLines = List.copyOf(corruptLines);
  }

  static JournalDamage none(int lines) {
    return new JournalDamage(lines, List.of(), false, null, null);
  }

  static JournalDamage unreadable(String reason) {
    return new JournalDamage(0, List.of(), false, null, reason);
  }

  public boolean isClean() {
    return corruptLines.isEmpty() && !tornTail && unreadable == null;
  }

  /**
   * Lines that were complete are lost or the file could not be read: the journal may not list
   * everything the cluster owns, so nothing may be built on it.
   */
  public boolean isCorrupt() {
    return !corruptLines.isEmpty() || unreadable != null;
  }

  /** The last line is cut off and what it recorded cannot be told: the last outcome is unknown. */
  public boolean outcomeUncertain() {
    return tornTail && recoveredOutcome == null;
  }

  /** One sentence: what is wrong. Empty when nothing is. */
  public String summary() {
    if (unreadable != null) {
      return "the journal cannot be read (" + unreadable + ")";
    }
    if (lines > 0
        && corruptLines.size() + (tornTail && recoveredOutcome == null ? 1 : 0) == lines) {
      return "none of its "
          + lines
          + (lines == 1 ? " line is" : " lines is")
          + " a valid entry (the file was overwritten or is not a journal)";
    }
    StringBuilder b = new StringBuilder();
    if (!corruptLines.isEmpty()) {
      b.append(
          (corruptLines.size() == 1 ? "line " : "lines ")
              + numbers()
              + " of "
              + lines
              + (corruptLines.size() == 1 ? " is not a valid entry" : " are not valid entries"));
    }
    if (tornTail) {
      if (b.length() > 0) {
        b.append("; ");
      }
      b.append("its last line is cut off (a crash or a full disk while writing)");
      b.append(
          recoveredOutcome != null
              ? "; it was recording the outcome '" + recoveredOutcome + "', which is kept"
              : ", and what it recorded cannot be told");
    }
    return b.toString();
  }

  private String numbers() {
    List<Integer> shown = corruptLines.subList(0, Math.min(8, corruptLines.size()));
    return shown.stream().map(String::valueOf).collect(Collectors.joining(", "))
        + (corruptLines.size() > shown.size()
            ? " and " + (corruptLines.size() - shown.size()) + " more"
            : "");
  }
}
