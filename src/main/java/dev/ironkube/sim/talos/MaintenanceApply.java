package dev.ironkube.sim.talos;

import dev.ironkube.talos.api.proto.machine.ApplyConfiguration;
import dev.ironkube.talos.api.proto.machine.ApplyConfigurationRequest;
import dev.ironkube.talos.api.proto.machine.ApplyConfigurationRequest.Mode;
import dev.ironkube.talos.api.proto.machine.ApplyConfigurationResponse;

/**
 * The answer to an accepted ApplyConfiguration in maintenance mode, per release and mode, as
 * machined words it (v1.13.9 and v1.14.0-rc.1
 * internal/app/machined/internal/server/v1alpha1/v1alpha1_server.go, ApplyConfiguration) or, up to
 * 1.12 in maintenance, the legacy maintenance server (v1.12.11 internal/app/maintenance/server.go),
 * which sets warnings only and leaves the mode unset.
 *
 * @param mode the mode the node reports it applied with
 * @param details modeDetails
 * @param legacy whether the 1.11/1.12 maintenance server answers (no mode, no details)
 * @param staged whether the config is only persisted, to take effect at the next reboot
 */
record MaintenanceApply(Mode mode, String details, boolean legacy, boolean staged) {
  static final String WITHOUT_REBOOT = "Applied configuration without a reboot";
  static final String WITH_REBOOT = "Applied configuration with a reboot";
  static final String STAGED = "Staged configuration to be applied after the next reboot";

  /** constants.ConfigTryTimeout, printed by Go's time.Duration.String. */
  private static final String TRY_TIMEOUT = "1m0s";

  /** A node in maintenance mode: nothing to compare with, so no mode needs a reboot. */
  static MaintenanceApply of(TalosMinor minor, ApplyConfigurationRequest request) {
    if (!minor.apidServesMaintenance()) {
      return new MaintenanceApply(Mode.REBOOT, "", true, false);
    }
    // 1.13+: "if inMaintenance && in.Mode == REBOOT { in.Mode = NO_REBOOT }", and AUTO resolves to
    // NO_REBOOT because CanApplyImmediate is not consulted in maintenance.
    return resolved(request.getMode());
  }

  private static MaintenanceApply resolved(Mode requested) {
    return switch (requested) {
      case STAGED -> new MaintenanceApply(Mode.STAGED, STAGED, false, true);
      case TRY ->
          new MaintenanceApply(
              Mode.TRY,
              WITHOUT_REBOOT
                  + "\nThe config is applied in 'try' mode and will be automatically reverted back in "
                  + TRY_TIMEOUT,
              false,
              false);
      default -> new MaintenanceApply(Mode.NO_REBOOT, WITHOUT_REBOOT, false, false);
    };
  }

  ApplyConfigurationResponse reply() {
    ApplyConfiguration.Builder message = ApplyConfiguration.newBuilder();
    if (!legacy) {
      message.setMode(mode).setModeDetails(details);
    }
    return ApplyConfigurationResponse.newBuilder().addMessages(message).build();
  }

  /**
   * The dry-run answer. machined appends the unified diff of no config and the new one (in
   * maintenance ConfigContainer() is nil, so configdiff.DiffConfigs encodes only the new side:
   * every line an insertion, {@link ConfigDiff}); the legacy maintenance server has a fixed text.
   */
  ApplyConfigurationResponse dryRun(byte[] config, TalosMinor minor) {
    String text =
        legacy
            ? "Dry run summary:\nNode is running in maintenance mode and does not have a config yet."
            : "Dry run summary:\n"
                + details.lines().findFirst().orElse("")
                + " (skipped in dry-run).\nConfig diff:\n\n"
                + newConfigDiff(config, minor);
    ApplyConfiguration.Builder message = ApplyConfiguration.newBuilder().setModeDetails(text);
    if (!legacy) {
      message.setMode(mode);
    }
    return ApplyConfigurationResponse.newBuilder().addMessages(message).build();
  }

  private static String newConfigDiff(byte[] config, TalosMinor minor) {
    String diff =
        ConfigDiff.unified("", ConfigDiff.encode(ImmediateChanges.documents(config)), minor);
    return diff.isEmpty() ? "No changes." : diff;
  }
}
