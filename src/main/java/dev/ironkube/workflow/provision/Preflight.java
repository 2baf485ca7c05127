package dev.ironkube.workflow.provision;

import dev.ironkube.failure.ExitCodes;
import dev.ironkube.failure.IronkubeException;
import dev.ironkube.failure.OperationFailedException;
import dev.ironkube.workflow.Cancellation;
import dev.ironkube.workflow.Progress;
import java.util.ArrayList;
import java.util.List;

/**
 * The checks that can refuse a run, all run before the first mutating request: a refusal then costs
 * nothing, where the same refusal after the order costs an hour of every server and a cleanup.
 * Every check runs, so the user learns every problem at once, not one per attempt; a check whose
 * input failed (plans without credentials) is skipped and says why.
 */
public final class Preflight {
  /** What one check found. {@code exitCode} is 0 for a check that passed or was skipped. */
  public record Result(String check, String status, String detail, String fix, int exitCode) {
    public static final String OK = "ok";
    public static final String FAILED = "failed";
    public static final String SKIPPED = "skipped";

    /** One line of the checklist. */
    public String line() {
      String mark =
          switch (status) {
            case OK -> "[ok]  ";
            case FAILED -> "[FAIL]";
            default -> "[skip]";
          };
      return mark + " " + check + ": " + detail + (fix.isEmpty() ? "" : " (fix: " + fix + ")");
    }
  }

  private final Progress progress;
  private final Cancellation cancellation;
  private final List<Result> results = new ArrayList<>();
  private final List<IronkubeException> problems = new ArrayList<>();

  public Preflight(Progress progress, Cancellation cancellation) {
    this.progress = progress;
    this.cancellation = cancellation;
  }

  /** Runs one check; returns whether it passed. */
  public boolean run(PreflightCheck check) {
    cancellation.check();
    Progress.Step step = progress.step(check.title());
    try {
      String detail = check.run();
      results.add(new Result(check.title(), Result.OK, detail, "", 0));
      step.done(detail);
      return true;
    } catch (Cancellation.CancelledException e) {
      throw e;
    } catch (IronkubeException e) {
      failed(check.title(), e, step);
      return false;
    } catch (RuntimeException e) {
      // A client that failed without a typed failure (a parser, a socket): still a refusal with a
      // message, never "null".
      String what = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      failed(
          check.title(),
          new OperationFailedException(
              check.title() + " could not be checked: " + what,
              "run again with --verbose to see why",
              ExitCodes.REMOTE_FAILURE,
              e),
          step);
      return false;
    } catch (Exception e) {
      failed(
          check.title(),
          new OperationFailedException(
              check.title() + " could not be checked: " + e,
              "run again with --verbose to see why",
              ExitCodes.REMOTE_FAILURE,
              e),
          step);
      return false;
    }
  }

  /** Records a check that did not run because {@code reason}. */
  public void skip(String title, String reason) {
    results.add(new Result(title, Result.SKIPPED, reason, "", 0));
    progress.info(title + ": skipped, " + reason);
  }

  private void failed(String title, IronkubeException e, Progress.Step step) {
    problems.add(e);
    results.add(new Result(title, Result.FAILED, e.getMessage(), e.hint(), e.exitCode()));
    step.fail(e.getMessage());
  }

  public List<Result> results() {
    return List.copyOf(results);
  }

  /**
   * Refuses the run when any check failed. One problem is thrown as it was (its message, hint and
   * exit code); several become one failure that lists each with its fix, with the first problem's
   * exit code, because the checks run in the order a user fixes things (credentials first).
   */
  public void refuseOnProblems() {
    if (problems.isEmpty()) {
      return;
    }
    if (problems.size() == 1) {
      throw problems.get(0);
    }
    List<String> each = new ArrayList<>();
    List<String> fixes = new ArrayList<>();
    for (int i = 0; i < problems.size(); i++) {
      IronkubeException p = problems.get(i);
      each.add((i + 1) + ") " + p.getMessage());
      if (!p.hint().isEmpty()) {
        fixes.add((i + 1) + ") " + p.hint());
      }
    }
    throw new OperationFailedException(
        problems.size()
            + " problems found before ordering anything, nothing was ordered: "
            + String.join("; ", each),
        String.join("; ", fixes),
        problems.get(0).exitCode(),
        problems.get(0));
  }
}
