package dev.ironkube.workflow.upgrade;

import dev.ironkube.failure.UserInputException;
import dev.ironkube.settings.TalosReleases;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which Talos upgrades ironkube performs. Talos documents that config migration "is only tested
 * between adjacent minor releases", so the supported path goes through the latest patch of every
 * intermediate minor (docs.siderolabs.com/talos/v1.13/.../lifecycle-management/upgrading-talos,
 * "Supported upgrade paths"); a downgrade is no upgrade at all: the way back is Talos' A-B rollback
 * ({@code talosctl rollback}), and etcd's data cannot move to an older minor without its downgrade
 * procedure (EtcdDowngrade*, Talos 1.9+). Both need {@code --force}, which says the user knows.
 */
public final class TalosUpgradePath {
  private static final Pattern VERSION = Pattern.compile("v(\\d+)\\.(\\d+)\\.(\\d+)");

  private TalosUpgradePath() {}

  /** A Talos version split into numbers; refuses anything but vMAJOR.MINOR.PATCH. */
  public record Version(int major, int minor, int patch) implements Comparable<Version> {
    public static Version parse(String text) {
      Matcher m = text == null ? null : VERSION.matcher(text.trim());
      if (m == null || !m.matches()) {
        throw new UserInputException(
            "Talos version " + text + " is not of the form vX.Y.Z",
            "name a release, e.g. " + TalosReleases.current().newestPatch());
      }
      return new Version(
          Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
    }

    @Override
    public int compareTo(Version o) {
      int c = Integer.compare(major, o.major);
      c = c != 0 ? c : Integer.compare(minor, o.minor);
      return c != 0 ? c : Integer.compare(patch, o.patch);
    }

    @Override
    public String toString() {
      return "v" + major + "." + minor + "." + patch;
    }
  }

  /**
   * Refuses {@code from → to} unless it is the same or the next minor and not older; {@code force}
   * lets both through. A target minor ironkube cannot write configs for is refused regardless.
   */
  public static void check(String from, String to, boolean force) {
    Version f = Version.parse(from);
    Version t = Version.parse(to);
    if (TalosReleases.of(t.minor()).isEmpty() || t.major() != 1) {
      throw new UserInputException(
          "Talos " + t + " is not a release ironkube supports",
          "use one of " + String.join(", ", TalosReleases.minors()));
    }
    if (force) {
      return;
    }
    if (t.compareTo(f) < 0) {
      throw new UserInputException(
          "Talos "
              + t
              + " is older than "
              + f
              + " on the cluster: Talos upgrades only move forward (etcd's data and the machine"
              + " config do not migrate back)",
          "to undo an upgrade use Talos' rollback to the previous image (talosctl rollback); pass"
              + " --force to install an older release anyway");
    }
    if (t.minor() > f.minor() + 1) {
      String step = TalosReleases.of(f.minor() + 1).map(TalosReleases::newestPatch).orElse("");
      throw new UserInputException(
          "Talos "
              + f
              + " → "
              + t
              + " skips a minor release: Talos tests config migration only between adjacent"
              + " minors",
          "upgrade to "
              + (step.isEmpty() ? "the newest patch of 1." + (f.minor() + 1) : step)
              + " first, then to "
              + t
              + " (or pass --force)");
    }
  }
}
