package dev.ironkube.sim.scaleway;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides whether a server's user data would turn it into a Talos node: it must decode as base64 to
 * a script that fetches a metal raw image and reboots through sysrq. Anything else leaves the
 * machine on its installed OS, so a broken pivot shows up as a node whose Talos never answers.
 */
final class PivotDetector {
  private PivotDetector() {}

  private static final Pattern IMAGE =
      Pattern.compile("https?://\\S+/metal-[a-z0-9]+\\.raw\\.(zst|xz)");

  static boolean isTalosPivot(String userData) {
    String script = script(userData);
    return script != null
        && script.startsWith("#!")
        && script.matches("(?s).*https?://\\S+/metal-[a-z0-9]+\\.raw\\.(zst|xz).*")
        && script.contains("of=\"$BOOT_DISK\"")
        && script.contains("/proc/sysrq-trigger");
  }

  /**
   * The image the script writes over the disk, which decides the Talos version the machine boots
   * (the factory's URL carries it: /image/<schematic>/<version>/metal-amd64.raw.zst); empty when
   * the user data names none.
   */
  static String imageUrl(String userData) {
    String script = script(userData);
    if (script == null) {
      return "";
    }
    Matcher m = IMAGE.matcher(script);
    return m.find() ? m.group().replaceAll("['\"]+$", "") : "";
  }

  private static String script(String userData) {
    if (userData == null) {
      return null;
    }
    try {
      return new String(Base64.getDecoder().decode(userData), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
