package dev.ironkube.talos.api;

import java.util.List;

/**
 * What came of {@code ApplyConfiguration}.
 *
 * @param outcome whether the node answered or dropped the connection as it rebooted
 * @param warnings the node's warnings about the config (empty when it dropped the connection)
 * @param modeDetails the node's description of what it will do; may be empty
 */
public record ApplyResult(Outcome outcome, List<String> warnings, String modeDetails) {

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
}
