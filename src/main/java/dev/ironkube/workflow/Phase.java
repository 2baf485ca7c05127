package dev.ironkube.workflow;

/**
 * One titled step of a workflow. Every phase runs on every run, a resumed one included: each
 * reconciles with what the journal and the remote systems already hold (ordering adopts the servers
 * the journal owns, configuring skips the nodes whose config was applied, bootstrapping checks
 * etcd), and a phase finishing says nothing about every node (keep-on-failure sets failed nodes
 * aside and the phase still completes; a scale adds nodes to phases that completed before).
 *
 * @param id stable name journaled when the phase completes ("order"), a record for people
 * @param title what the user reads ("Provisioning server")
 * @param action the work; throws to fail the run
 */
public record Phase(String id, String title, Action action) {

  /** A phase's work. */
  @FunctionalInterface
  public interface Action {
    void run() throws Exception;
  }

  /** A phase that runs on every run, reconciling with what exists (every phase does). */
  public static Phase always(String id, String title, Action action) {
    return new Phase(id, title, action);
  }
}
