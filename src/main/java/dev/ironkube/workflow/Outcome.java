package dev.ironkube.workflow;

import java.util.Optional;

/**
 * How a run ended, as the journal records it in an outcome line's name. Writers and readers share
 * this one list, so a reader never matches text another package happened to write. The wire names
 * are what journals have always held; an unknown name (a newer version's) is read as text by {@link
 * Journal#lastOutcome()} and matches none of these.
 */
public enum Outcome {
  /** Every node is in and the run finished; the cluster is this journal's. */
  PROVISIONED("provisioned"),
  /** The access path could not be verified: the nodes run, reachable and not locked down. */
  LEFT_RUNNING("left-running"),
  /** A re-run or scale of a working cluster failed; what earlier runs built is kept. */
  RERUN_FAILED("rerun-failed"),
  /** A first run failed with keep-on-failure: what it created is kept. */
  FAILED_KEPT("failed-kept"),
  /** A first run failed and everything it created was deleted. */
  FAILED_CLEANED("failed-cleaned"),
  /** A first run failed and some of what it created could not be deleted. */
  FAILED_LEFTOVERS("failed-leftovers"),
  /** `ironkube destroy` deleted everything the journal owned. */
  DESTROYED("destroyed"),
  /** `ironkube destroy` could not delete everything. */
  DESTROY_INCOMPLETE("destroy-incomplete");

  private final String wire;

  Outcome(String wire) {
    this.wire = wire;
  }

  /** The name written in the journal line. */
  public String wire() {
    return wire;
  }

  /** The outcome a journal line names, if this version knows it. */
  public static Optional<Outcome> fromWire(String name) {
    for (Outcome o : values()) {
      if (o.wire.equals(name)) {
        return Optional.of(o);
      }
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return wire;
  }
}
