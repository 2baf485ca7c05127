package dev.ironkube.sim.scaleway;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Decides whether a server's user data would turn it into a Talos node: it must decode as base64 to
 * a script that fetches a metal raw image and reboots through sysrq. Anything else leaves the
 * machine on its installed OS, so a broken pivot shows up as a node whose Talos never answers.
 */
final class PivotDetector {
  private PivotDetector() {}

  static boolean isTalosPivot(String userData) {
    if (userData == null) {
      return false;
    }
    String script;
    try {
      script = new String(Base64.getDecoder().decode(userData), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return false;
    }
    return script.startsWith("#!")
        && script.matches("(?s).*https?://\\S+/metal-[a-z0-9]+\\.raw\\.(zst|xz).*")
        && script.contains("of=\"$BOOT_DISK\"")
        && script.contains("/proc/sysrq-trigger");
  }
}
