package dev.ironkube.workflow;

/**
 * One titled step of a workflow.
 *
 * @param id stable name journaled when the phase completes ("order")
 * @param title what the user reads ("Provisioning server")
 * @param action the work; throws to fail the run
 * @param repeatable whether a resumed run runs it again even when the journal says it completed
 *     (reads and checks are; one-shot mutations are not)
 */
public record Phase(String id, String title, Action action, boolean repeatable) {

  /** A phase's work. */
  @FunctionalInterface
  public interface Action {
    void run() throws Exception;
  }

  public static Phase once(String id, String title, Action action) {
    return new Phase(id, title, action, false);
  }

  public static Phase always(String id, String title, Action action) {
    return new Phase(id, title, action, true);
  }
}
