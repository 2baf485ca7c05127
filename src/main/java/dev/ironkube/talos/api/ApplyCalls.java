package dev.ironkube.talos.api;

import com.google.protobuf.ByteString;
import dev.ironkube.failure.RemoteServiceException;
import dev.ironkube.talos.api.proto.machine.ApplyConfigurationRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** ApplyConfiguration in a chosen mode, with its answers turned into {@link ApplyResult}. */
final class ApplyCalls {
  /**
   * How CanApplyImmediate's refusal begins (siderolabs/talos v1.11.6 to v1.13.9
   * internal/app/machined/pkg/runtime/v1alpha1/v1alpha1_runtime.go). machined answers it with
   * InvalidArgument, the code an invalid config gets too, so only this text tells them apart.
   */
  static final String NEEDS_REBOOT = "this config change can't be applied in immediate mode";

  private ApplyCalls() {}

  static ApplyResult apply(
      TalosChannel channel, Polling polling, byte[] config, ApplyMode mode, boolean dryRun) {
    var request =
        ApplyConfigurationRequest.newBuilder()
            .setData(ByteString.copyFrom(config))
            .setMode(ApplyConfigurationRequest.Mode.valueOf(mode.name()))
            .setDryRun(dryRun)
            .build();
    try {
      var reply = channel.machine(polling).applyConfiguration(request);
      List<String> warnings = new ArrayList<>();
      String details = "";
      Optional<ApplyMode> applied = Optional.empty();
      for (var m : reply.getMessagesList()) {
        warnings.addAll(m.getWarningsList());
        details = m.getModeDetails();
        applied = Optional.of(ApplyMode.valueOf(m.getMode().name()));
      }
      return new ApplyResult(ApplyResult.Outcome.APPLIED, List.copyOf(warnings), details, applied);
    } catch (StatusRuntimeException e) {
      Status status = e.getStatus();
      boolean mayReboot = !dryRun && (mode == ApplyMode.REBOOT || mode == ApplyMode.AUTO);
      if (mayReboot && TalosCallFailures.connectionDropped(status.getCode())) {
        return new ApplyResult(ApplyResult.Outcome.REBOOTING, List.of(), "");
      }
      String description = status.getDescription() == null ? "" : status.getDescription();
      if (status.getCode() == Status.Code.INVALID_ARGUMENT
          && description.startsWith(NEEDS_REBOOT)) {
        int diffAt = description.indexOf("\ndiff:\n");
        throw new RemoteServiceException.RebootRequired(
            "Talos API at " + channel.target(),
            "ApplyConfiguration in "
                + mode
                + " mode was refused: the node can take this config change only with a reboot",
            diffAt < 0 ? "" : description.substring(diffAt + "\ndiff:\n".length()));
      }
      throw TalosCallFailures.translate(channel.target(), "ApplyConfiguration", e);
    }
  }
}
