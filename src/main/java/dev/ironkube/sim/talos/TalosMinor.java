package dev.ironkube.sim.talos;

import dev.ironkube.talos.api.proto.machine.ApplyConfigurationRequest;
import io.grpc.Status;
import java.util.Locale;

/**
 * What differs between Talos minor releases in the API calls ironkube makes, each answer taken from
 * the upstream server code of that release (github.com/siderolabs/talos, tags v1.11.6, v1.12.11,
 * v1.13.9, v1.14.0-rc.1; 1.14.0 itself is newer than the snapshot at hand). The node consults this
 * for the version it boots, so one fake behaves as 1.11 or as 1.14 would.
 */
final class TalosMinor {
  private final int minor;

  TalosMinor(int minor) {
    this.minor = minor;
  }

  static TalosMinor of(String talosVersion) {
    return new TalosMinor(DocumentKinds.minor(talosVersion));
  }

  int minor() {
    return minor;
  }

  /**
   * Up to 1.12 a separate maintenance server answers before a config exists
   * (internal/app/maintenance/server.go, deleted by b7d70cf62 "feat: unify maintenance and regular
   * APIs"); from 1.13 apid serves maintenance too, proxying to machined with every caller given the
   * reader role (internal/app/apid/service.go: authz.ReadOnlyWithAdminOnSiderolink).
   */
  boolean apidServesMaintenance() {
    return minor >= 13;
  }

  /**
   * The legacy maintenance server's mode check (v1.12.11 internal/app/maintenance/server.go,
   * ApplyConfiguration): TRY, REBOOT and AUTO pass; any other mode is Unimplemented with its name
   * lower-cased and '_' turned into '-'. apid's maintenance (1.13+) takes every mode. Null when the
   * mode is accepted.
   */
  Status maintenanceModeRefusal(ApplyConfigurationRequest.Mode mode) {
    if (apidServesMaintenance()) {
      return null;
    }
    return switch (mode) {
      case TRY, REBOOT, AUTO -> null;
      default ->
          Status.UNIMPLEMENTED.withDescription(
              "apply configuration --mode='"
                  + mode.name().toLowerCase(Locale.ROOT).replace('_', '-')
                  + "' is not supported in maintenance mode");
    };
  }

  /**
   * How a config that fails validation is refused. The legacy maintenance server wraps the error
   * ("configuration validation failed: %s"); machined (configured nodes, and maintenance from 1.13)
   * passes err.Error() as it is (v1alpha1_server.go, ApplyConfiguration).
   */
  Status invalidConfig(String problems, boolean maintenance) {
    String prefix =
        maintenance && !apidServesMaintenance() ? "configuration validation failed: " : "";
    return Status.INVALID_ARGUMENT.withDescription(prefix + problems);
  }

  /**
   * REBOOT on a configured node: 1.14 refuses it (v1.14.0-rc.1 v1alpha1_server.go: "the REBOOT mode
   * is not supported, please use AUTO or NO_REBOOT modes instead"); earlier releases reboot.
   */
  Status configuredRebootModeRefusal() {
    return minor >= 14
        ? Status.UNIMPLEMENTED.withDescription(
            "the REBOOT mode is not supported, please use AUTO or NO_REBOOT modes instead")
        : null;
  }

  /**
   * Bootstrap on a worker. 1.11/1.12 check the config's machine type (FailedPrecondition); 1.13+
   * call machinehelper.CheckControlplane (internal/app/internal/machinehelper/machinehelper.go),
   * which answers Unimplemented.
   */
  Status workerBootstrapRefusal() {
    return minor >= 13
        ? Status.UNIMPLEMENTED.withDescription("bootstrap is only available on control plane nodes")
        : Status.FAILED_PRECONDITION.withDescription(
            "bootstrap can only be performed on a control plane node");
  }

  /**
   * Kubeconfig on a worker: machinehelper.CheckControlplane(ctx, ..., "kubeconfig") in every
   * supported release (v1alpha1_server.go, Kubeconfig).
   */
  Status workerKubeconfigRefusal() {
    return Status.UNIMPLEMENTED.withDescription(
        "kubeconfig is only available on control plane nodes");
  }

  /**
   * Whether a config without machine.install skips the install (and so the reboot): 1.14's Install
   * sequence returns no phases then (v1.14.0-rc.1
   * internal/app/machined/pkg/runtime/v1alpha1/v1alpha1_sequencer.go, Install).
   */
  boolean skipsInstallWithoutInstallSection() {
    return minor >= 14;
  }
}
