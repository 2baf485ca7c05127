package dev.ironkube.harness.bench;

import dev.ironkube.sim.launch.Simulation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Peak resident memory of a whole {@code provision --simulate --yes} in a child JVM, read from the
 * kernel's high-water mark (VmHWM in /proc/PID/status). VmHWM only grows, so sampling it every 50
 * ms until the process exits loses at most the last 50 ms. The child runs its own simulated
 * datacenter in the same JVM, so the figure is an upper bound for the tool alone; its machines get
 * addresses of a block of their own, away from other simulators on the machine.
 */
final class PeakRss {
  /**
   * @param peakKiB VmHWM at the last sample, in KiB; -1 when /proc is not available
   * @param exitCode the child's exit code
   * @param wallMillis the child's wall time, JVM start included
   * @param how the command used
   */
  record Result(long peakKiB, int exitCode, double wallMillis, String how) {}

  private PeakRss() {}

  static Result measure(ChildJvm jvm, double scale) throws IOException, InterruptedException {
    // The launcher rebuilds the jar when the sources changed; let that happen before measuring,
    // or Maven's memory would be sampled as the tool's.
    ProcessBuilder warmUp = jvm.builder("--version");
    warmUp.redirectOutput(ProcessBuilder.Redirect.DISCARD);
    warmUp.redirectError(ProcessBuilder.Redirect.DISCARD);
    warmUp.start().waitFor();
    Path home = Files.createTempDirectory("ironkube-bench-rss");
    try {
      ProcessBuilder pb = jvm.builder("provision", "--simulate", "--yes", "--name", "rss");
      pb.environment().put("IRONKUBE_HOME", home.toString());
      pb.environment().put("IRONKUBE_SIM_SCALE", Double.toString(scale));
      pb.environment()
          .put(Simulation.ADDRESS_BLOCK_ENV, Integer.toString(BenchRun.ownBlock() - 50));
      pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
      pb.redirectError(ProcessBuilder.Redirect.DISCARD);
      long start = System.nanoTime();
      Process p = pb.start();
      long peak = -1;
      while (!p.waitFor(50, TimeUnit.MILLISECONDS)) {
        peak = Math.max(peak, highWaterMark(p.toHandle()));
      }
      double wall = (System.nanoTime() - start) / 1e6;
      return new Result(peak, p.exitValue(), wall, jvm.how());
    } finally {
      TempTrees.delete(home);
    }
  }

  /**
   * The largest VmHWM among the process and its descendants: the launcher script execs java, but a
   * wrapper that forks would leave the JVM a child.
   */
  private static long highWaterMark(ProcessHandle root) {
    long best = vmHwm(root.pid());
    for (ProcessHandle h : root.descendants().toList()) {
      best = Math.max(best, vmHwm(h.pid()));
    }
    return best;
  }

  private static long vmHwm(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException | RuntimeException e) {
      // the process ended between two samples, or there is no /proc
    }
    return -1;
  }
}
