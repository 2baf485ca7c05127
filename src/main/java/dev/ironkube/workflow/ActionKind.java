package dev.ironkube.workflow;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What kind of non-resource action an "intent"/"acted" journal line records, as a typed member of
 * the line ({@code "act":"lock-down"}) rather than a prefix of its free-text name. Readers ask the
 * journal by kind; the text stays for people and for per-node lookups.
 *
 * <p>Journals written before this member existed carry only the text: {@link #ofLegacyText} derives
 * the kind from it once, when the line is read, so no reader ever matches text itself.
 */
public enum ActionKind {
  /** The operator's access to the Talos and Kubernetes APIs was removed from a node. */
  LOCK_DOWN("lock-down", "lock down "),
  /** Any other state-changing call; its text names it. */
  OTHER("other", null);

  private final String wire;
  private final String legacyPrefix;

  ActionKind(String wire, String legacyPrefix) {
    this.wire = wire;
    this.legacyPrefix = legacyPrefix;
  }

  @JsonValue
  public String wire() {
    return wire;
  }

  /** A kind a newer version wrote and this one does not know reads as {@link #OTHER}. */
  @JsonCreator
  public static ActionKind fromWire(String wire) {
    for (ActionKind k : values()) {
      if (k.wire.equals(wire)) {
        return k;
      }
    }
    return OTHER;
  }

  /**
   * The kind of an action line written by a version that journaled only its text ("lock down
   * demo-cp-1 (sv_1)").
   */
  static ActionKind ofLegacyText(String action) {
    for (ActionKind k : values()) {
      if (k.legacyPrefix != null && action != null && action.startsWith(k.legacyPrefix)) {
        return k;
      }
    }
    return OTHER;
  }
}
