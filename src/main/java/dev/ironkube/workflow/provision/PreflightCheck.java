package dev.ironkube.workflow.provision;

/**
 * One check that can refuse a run before anything is ordered. It only reads (or fetches and caches
 * what the run will need); it never creates, changes or deletes anything remote, because it runs
 * before the first mutating request, when a refusal still costs nothing.
 */
public interface PreflightCheck {
  /** What is checked, as the checklist shows it ("DNS name k8s.example.com"). */
  String title();

  /**
   * Runs the check and returns what it found, in a few words ("free", "ours, reused"). A problem is
   * thrown as an {@link dev.ironkube.failure.IronkubeException} whose message says what is wrong,
   * whose hint says how to fix it, and whose exit code is the one the README documents for it.
   */
  String run() throws Exception;

  /** A check from a title and a body. */
  static PreflightCheck of(String title, Body body) {
    return new PreflightCheck() {
      @Override
      public String title() {
        return title;
      }

      @Override
      public String run() throws Exception {
        return body.run();
      }
    };
  }

  /** The body of a check. */
  @FunctionalInterface
  interface Body {
    String run() throws Exception;
  }
}
