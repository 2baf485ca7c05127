package dev.ironkube.provider.scaleway;

import dev.ironkube.provider.Server;
import java.util.Locale;

/**
 * Folds a server's status and its install status into {@link Server.State}. The server is ACTIVE
 * only when the install has completed: Scaleway reports {@code ready} as soon as the hardware is
 * delivered, while the install is still {@code to_install} and then {@code installing} for minutes.
 */
final class ScalewayStatus {
  private ScalewayStatus() {}

  static Server.State state(String status, String installStatus) {
    if (status == null) {
      return Server.State.UNKNOWN;
    }
    String install = installStatus == null ? null : installStatus.toLowerCase(Locale.ROOT);
    return switch (status.toLowerCase(Locale.ROOT)) {
      // locked is a billing or abuse lock; out_of_stock an order that cannot be filled.
      case "error", "locked", "out_of_stock" -> Server.State.FAILED;
      case "deleting" -> Server.State.DELETING;
      case "ready" -> ready(install);
      case "ordered", "delivering", "starting", "stopping", "resetting", "migrating" ->
          "error".equals(install) ? Server.State.FAILED : Server.State.PROVISIONING;
      default -> "error".equals(install) ? Server.State.FAILED : Server.State.UNKNOWN;
    };
  }

  /**
   * A server ordered without an install is delivered and done as far as Scaleway goes; ironkube
   * always sends one, so this case only shows up for foreign servers.
   */
  private static Server.State ready(String install) {
    if (install == null) {
      return Server.State.ACTIVE;
    }
    return switch (install) {
      case "completed" -> Server.State.ACTIVE;
      case "error" -> Server.State.FAILED;
      case "to_install", "installing" -> Server.State.PROVISIONING;
      default -> Server.State.UNKNOWN;
    };
  }
}
