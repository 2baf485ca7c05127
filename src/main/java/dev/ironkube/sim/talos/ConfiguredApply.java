package dev.ironkube.sim.talos;

import dev.ironkube.talos.api.proto.machine.ApplyConfiguration;
import dev.ironkube.talos.api.proto.machine.ApplyConfigurationRequest;
import dev.ironkube.talos.api.proto.machine.ApplyConfigurationRequest.Mode;
import dev.ironkube.talos.api.proto.machine.ApplyConfigurationResponse;
import io.grpc.Status;
import java.time.Duration;
import java.util.Optional;

/**
 * ApplyConfiguration on a configured node, per release, as machined decides it (siderolabs/talos
 * internal/app/machined/internal/server/v1alpha1/v1alpha1_server.go, ApplyConfiguration, at
 * v1.11.6, v1.12.11, v1.13.9 and v1.14.0-rc.1):
 *
 * <ul>
 *   <li>up to 1.13, NO_REBOOT and TRY ask {@link ImmediateChanges} and refuse a change that needs a
 *       reboot with InvalidArgument and its error text; AUTO turns into REBOOT for such a change
 *       (modeDetails "Applied configuration with a reboot: " and the same text) and into NO_REBOOT
 *       otherwise; REBOOT persists the config and reboots; STAGED persists it for the next boot;
 *   <li>1.14 refuses REBOOT (Unimplemented, see {@link TalosMinor#configuredRebootModeRefusal}),
 *       resolves AUTO to NO_REBOOT, and applies NO_REBOOT and TRY without asking whether a reboot
 *       is needed;
 *   <li>TRY sets the running config only (not the persisted one) and reverts to the config running
 *       before it after try_mode_timeout (default constants.ConfigTryTimeout, 1m), unless an apply
 *       in another mode comes first: every non-TRY apply cancels the pending revert, before its
 *       config is even parsed;
 *   <li>a dry run answers "Dry run summary:\n{details} (skipped in dry-run).\nConfig diff:\n\n" and
 *       the {@link ConfigDiff} of the running config and the new one, or "No changes.".
 * </ul>
 *
 * @param mode the mode the node reports (AUTO resolved)
 * @param details modeDetails of the real apply (without TRY's revert notice)
 * @param dryRunDetails the first line of a dry run's summary
 */
record ConfiguredApply(Mode mode, String details, String dryRunDetails) {
  static final String WITHOUT_REBOOT = "Applied configuration without a reboot";
  static final String WITH_REBOOT = "Applied configuration with a reboot";
  static final String STAGED = "Staged configuration to be applied after the next reboot";

  /** A refusal with the status machined answers. */
  static final class Refused extends Exception {
    private final transient Status status;

    Refused(Status status) {
      super(status.getDescription(), null, false, false);
      this.status = status;
    }

    Status status() {
      return status;
    }
  }

  /** How the node takes {@code next} (validated) while it runs {@code running}. */
  static ConfiguredApply resolve(
      TalosMinor minor, Mode requested, AppliedConfig running, AppliedConfig next) throws Refused {
    boolean asks = minor.minor() <= 13;
    Optional<String> needsReboot =
        asks && (requested == Mode.NO_REBOOT || requested == Mode.TRY || requested == Mode.AUTO)
            ? ImmediateChanges.refusal(running.raw(), next.raw(), minor)
            : Optional.empty();
    return switch (requested) {
      case NO_REBOOT, TRY -> {
        if (needsReboot.isPresent()) {
          throw new Refused(Status.INVALID_ARGUMENT.withDescription(needsReboot.get()));
        }
        yield new ConfiguredApply(requested, WITHOUT_REBOOT, WITHOUT_REBOOT);
      }
      case AUTO ->
          needsReboot
              .map(why -> new ConfiguredApply(Mode.REBOOT, WITH_REBOOT + ": " + why, WITH_REBOOT))
              .orElseGet(() -> new ConfiguredApply(Mode.NO_REBOOT, WITHOUT_REBOOT, WITHOUT_REBOOT));
      case STAGED -> new ConfiguredApply(Mode.STAGED, STAGED, STAGED);
      case REBOOT -> new ConfiguredApply(Mode.REBOOT, WITH_REBOOT, WITH_REBOOT);
      default ->
          throw new Refused(
              Status.INVALID_ARGUMENT.withDescription(
                  "incorrect mode '" + requested + "' specified for the apply config call"));
    };
  }

  /** The revert delay of a TRY apply: the request's, else constants.ConfigTryTimeout. */
  static Duration tryTimeout(ApplyConfigurationRequest request) {
    if (!request.hasTryModeTimeout()) {
      return Duration.ofMinutes(1);
    }
    return Duration.ofSeconds(
        request.getTryModeTimeout().getSeconds(), request.getTryModeTimeout().getNanos());
  }

  ApplyConfigurationResponse reply(Duration tryTimeout) {
    String text = details;
    if (mode == Mode.TRY) {
      text +=
          "\nThe config is applied in 'try' mode and will be automatically reverted back in "
              + goDuration(tryTimeout);
    }
    return ApplyConfigurationResponse.newBuilder()
        .addMessages(ApplyConfiguration.newBuilder().setMode(mode).setModeDetails(text))
        .build();
  }

  ApplyConfigurationResponse dryRun(AppliedConfig running, AppliedConfig next, TalosMinor minor) {
    String diff =
        ConfigDiff.unified(
            ConfigDiff.encode(ImmediateChanges.documents(running.raw())),
            ConfigDiff.encode(ImmediateChanges.documents(next.raw())),
            minor);
    String text =
        "Dry run summary:\n"
            + dryRunDetails
            + " (skipped in dry-run).\nConfig diff:\n\n"
            + (diff.isEmpty() ? "No changes." : diff);
    return ApplyConfigurationResponse.newBuilder()
        .addMessages(ApplyConfiguration.newBuilder().setMode(mode).setModeDetails(text))
        .build();
  }

  /** Go's time.Duration.String for the durations a try timeout takes: "1m0s", "30s", "1.5s". */
  static String goDuration(Duration d) {
    long nanos = d.toNanos();
    if (nanos == 0) {
      return "0s";
    }
    if (nanos < 1_000_000_000L) {
      if (nanos < 1_000) {
        return nanos + "ns";
      }
      return nanos < 1_000_000 ? fraction(nanos, 1_000) + "µs" : fraction(nanos, 1_000_000) + "ms";
    }
    long hours = nanos / 3_600_000_000_000L;
    long minutes = nanos / 60_000_000_000L % 60;
    String seconds = fraction(nanos % 60_000_000_000L, 1_000_000_000L) + "s";
    if (hours > 0) {
      return hours + "h" + minutes + "m" + seconds;
    }
    return minutes > 0 ? minutes + "m" + seconds : seconds;
  }

  private static String fraction(long value, long unit) {
    long whole = value / unit;
    long rest = value % unit;
    if (rest == 0) {
      return Long.toString(whole);
    }
    String digits = String.format("%0" + Long.toString(unit).length() + "d", rest).substring(1);
    return whole + "." + digits.replaceAll("0+$", "");
  }
}
