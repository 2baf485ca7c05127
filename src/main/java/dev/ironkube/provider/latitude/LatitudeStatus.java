package dev.ironkube.provider.latitude;

import dev.ironkube.provider.Server;
import java.util.Locale;

/**
 * Folds Latitude's server status strings into {@link Server.State}. The strings mirror MAAS node
 * states and grow over time, so anything unlisted is UNKNOWN rather than an error.
 */
final class LatitudeStatus {
  private LatitudeStatus() {}

  static Server.State state(String status) {
    if (status == null) {
      return Server.State.UNKNOWN;
    }
    return switch (status.toLowerCase(Locale.ROOT)) {
      case "on" -> Server.State.ACTIVE;
      // "off" and "unknown" show up mid-deploy; a server that stays there is caught by the
      // workflow's deadline, not here.
      case "starting_deploy", "deploying", "disk_erasing", "ready", "off", "unknown" ->
          Server.State.PROVISIONING;
      case "failed_deployment", "failed_disk_erasing" -> Server.State.FAILED;
      default -> Server.State.UNKNOWN;
    };
  }
}
