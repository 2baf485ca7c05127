package dev.ironkube.harness.chaos;

import dev.ironkube.sim.RequestLog;
import dev.ironkube.sim.launch.SimulatedDatacenter;
import dev.ironkube.store.ClusterFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * The truncated-journal kind: after a run ends, its journal's last line is cut at a random byte (a
 * crash or a full disk in the middle of a write), or random bytes are appended instead (half a line
 * of garbage, or a whole line of it); then the steps an operator takes next run on that journal:
 * status, a re-run of provision, and at last the destroy every chaos run ends with.
 *
 * <p>The promises: status reports the damage and does not crash; a provisioned cluster is never
 * deleted by anything but destroy (its servers stay through status and the re-run); the re-run
 * orders nothing twice; the destroy still removes everything the cluster owns, from the cluster's
 * markers at the provider where the journal fails (checked by the final destroy's own invariants).
 */
final class JournalCut {
  private JournalCut() {}

  /** How the journal was damaged, for the violation messages. */
  enum Damage {
    /** The last line cut at a random byte, its newline gone. */
    CUT_LAST_LINE,
    /** Random bytes appended without a newline: a torn last line. */
    GARBAGE_TAIL,
    /** A whole line of random bytes appended: a complete line that is no entry. */
    GARBAGE_LINE
  }

  /** Damages the journal at {@code file} one of the three ways, drawn from {@code r}. */
  static Damage damage(Path file, Random r) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    int end = bytes.length;
    if (end > 0 && bytes[end - 1] == '\n') {
      end--;
    }
    int lastStart = end;
    while (lastStart > 0 && bytes[lastStart - 1] != '\n') {
      lastStart--;
    }
    int roll = r.nextInt(4);
    if (roll < 2 && end - lastStart > 1) {
      // At least one byte of the line stays, and never all of it: a line cut, not removed.
      int keep = lastStart + 1 + r.nextInt(end - lastStart - 1);
      Files.write(file, Arrays.copyOf(bytes, keep));
      return Damage.CUT_LAST_LINE;
    }
    byte[] garbage = new byte[1 + r.nextInt(80)];
    r.nextBytes(garbage);
    for (int i = 0; i < garbage.length; i++) {
      if (garbage[i] == '\n') {
        garbage[i] = '#';
      }
    }
    boolean line = roll == 3;
    byte[] out = Arrays.copyOf(bytes, bytes.length + garbage.length + (line ? 1 : 0));
    System.arraycopy(garbage, 0, out, bytes.length, garbage.length);
    if (line) {
      out[out.length - 1] = '\n';
    }
    Files.write(file, out);
    return line ? Damage.GARBAGE_LINE : Damage.GARBAGE_TAIL;
  }

  /**
   * Damages the journal of a run that ended as {@code outcome}, then runs status and (drawn) a
   * re-run of provision on it, holding each to its promises. Leaves the journal damaged again
   * (drawn) for the final destroy.
   *
   * @return the invocations' outputs, for the secrets check
   */
  static List<String> afterRun(
      SimulatedDatacenter sim,
      ChaosRun.Cli cli,
      Path clusterDir,
      Scenario scenario,
      String outcome,
      List<String> provision,
      Random r,
      List<String> violations)
      throws IOException {
    List<String> outputs = new ArrayList<>();
    Path journal = clusterDir.resolve(ClusterFiles.JOURNAL);
    if (!Files.isRegularFile(journal)) {
      violations.add("a run that ended " + outcome + " left no journal to damage");
      return outputs;
    }
    Damage damage = damage(journal, r);
    boolean built = outcome.equals("provisioned");
    int nodes = scenario.topology().nodes();
    Leftovers before = Leftovers.in(sim, scenario.profile());

    ChaosRun.Invocation status = cli.run(List.of("status", RunWorld.CLUSTER));
    outputs.add(status.out());
    outputs.add(status.err());
    if (status.exitCode() != 0) {
      violations.add(
          "status on a journal with "
              + damage
              + " exited "
              + status.exitCode()
              + ": "
              + status.lastLine());
    }
    if (!status.err().contains("the journal of cluster " + RunWorld.CLUSTER)) {
      violations.add("status did not report the journal's " + damage);
    }
    if (status.err().contains("\tat ") || status.out().contains("\tat ")) {
      violations.add("status printed a stack trace on a journal with " + damage);
    }
    if (!Leftovers.in(sim, scenario.profile()).equals(before)) {
      violations.add("status on a damaged journal changed the world");
    }

    if (r.nextBoolean()) {
      int mark = sim.requests().entries().size();
      ChaosRun.Invocation rerun = cli.run(provision);
      outputs.add(rerun.out());
      outputs.add(rerun.err());
      List<RequestLog.Entry> orders =
          sim.requests().entries().subList(mark, sim.requests().entries().size()).stream()
              .filter(e -> e.method().equals("POST") && e.path().endsWith("/servers"))
              .toList();
      Leftovers after = Leftovers.in(sim, scenario.profile());
      String what = "the re-run of provision on a journal with " + damage;
      if (rerun.err().contains("\tat ")) {
        violations.add(what + " printed a stack trace");
      }
      if (damage == Damage.GARBAGE_LINE && rerun.exitCode() != 2) {
        // A complete line that is no entry may hide a server: nothing is built on the journal.
        violations.add(what + " must refuse (exit 2), exited " + rerun.exitCode());
      }
      if (built && after.servers() != nodes) {
        violations.add(
            what
                + " left "
                + after.servers()
                + " servers of a provisioned cluster (want "
                + nodes
                + ": only destroy deletes it)");
      }
      if (built && !orders.isEmpty()) {
        violations.add(what + " ordered a server for a provisioned cluster: " + orders.get(0));
      }
      if (after.servers() > nodes) {
        violations.add(what + " left " + after.servers() + " servers of " + nodes + " node(s)");
      }
      if (rerun.exitCode() == 0 && after.servers() != nodes) {
        violations.add(what + " succeeded with " + after.servers() + " servers (want " + nodes);
      }
      if (r.nextBoolean()) {
        damage(journal, r);
      }
    }
    return outputs;
  }
}
