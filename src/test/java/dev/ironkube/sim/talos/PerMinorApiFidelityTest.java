package dev.ironkube.sim.talos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import com.google.protobuf.Empty;
import dev.ironkube.sim.Faults;
import dev.ironkube.sim.TimeModel;
import dev.ironkube.talos.api.RawTalosStubs;
import dev.ironkube.talos.api.proto.machine.ApplyConfigurationRequest;
import dev.ironkube.talos.api.proto.machine.ApplyConfigurationRequest.Mode;
import dev.ironkube.talos.api.proto.machine.ApplyConfigurationResponse;
import dev.ironkube.talos.api.proto.machine.BootstrapRequest;
import dev.ironkube.talos.api.proto.machine.EtcdMemberListRequest;
import dev.ironkube.talos.api.proto.machine.ResetRequest;
import dev.ironkube.talos.testing.SimNodeFixture;
import dev.ironkube.talos.testing.TestPki;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each Talos minor's answers to the calls ironkube makes, one row per (release, call), the
 * expectation taken from the upstream server code of that release (github.com/siderolabs/talos):
 *
 * <ul>
 *   <li>L (legacy maintenance, 1.11/1.12): v1.11.6 and v1.12.11 internal/app/maintenance/server.go.
 *       Version and Reset call assertAdminRole → Unimplemented "API is not implemented in
 *       maintenance mode"; methods it does not define fall to grpc-go's
 *       UnimplementedMachineServiceServer ("method X not implemented"); ApplyConfiguration takes
 *       TRY/REBOOT/AUTO only and wraps validation errors in "configuration validation failed: ".
 *   <li>A (apid maintenance, 1.13/1.14): v1.13.9 internal/app/apid/service.go gives every caller
 *       the reader role; internal/app/machined/pkg/system/services/machined.go admits Version and
 *       ServiceList for it and denies Bootstrap/Kubeconfig/Reset (authz.ErrNotAuthorized =
 *       PermissionDenied "not authorized", pkg/grpc/middleware/authz/authorizer.go);
 *       v1alpha1_server.go ApplyConfiguration turns REBOOT and AUTO into NO_REBOOT in maintenance.
 * </ul>
 */
class PerMinorApiFidelityTest {
  private static final Duration WAIT = Duration.ofSeconds(15);

  /**
   * Decodes, but fails Validate (machine type): not a parse error, which 1.11/1.12 answer as
   * Unknown.
   */
  private static final String INVALID = "version: v1alpha1\nmachine:\n  type: bogus\n";

  private static final String[] RELEASES = {"v1.11.6", "v1.12.11", "v1.13.9", "v1.14.6"};

  private record Row(
      String call,
      Function<RawTalosStubs, Object> rpc,
      Status.Code legacy,
      String legacyText,
      Status.Code apid,
      String apidText) {}

  private static final Row[] MAINTENANCE = {
    new Row(
        "Version",
        s -> s.machine().version(Empty.getDefaultInstance()),
        Status.Code.UNIMPLEMENTED,
        "API is not implemented in maintenance mode",
        Status.Code.OK,
        ""),
    new Row(
        "ServiceList",
        s -> s.machine().serviceList(Empty.getDefaultInstance()),
        Status.Code.UNIMPLEMENTED,
        "method ServiceList not implemented",
        Status.Code.OK,
        ""),
    new Row(
        "Bootstrap",
        s -> s.machine().bootstrap(BootstrapRequest.getDefaultInstance()),
        Status.Code.UNIMPLEMENTED,
        "method Bootstrap not implemented",
        Status.Code.PERMISSION_DENIED,
        "not authorized"),
    new Row(
        "Kubeconfig",
        s -> s.machine().kubeconfig(Empty.getDefaultInstance()).hasNext(),
        Status.Code.UNIMPLEMENTED,
        "method Kubeconfig not implemented",
        Status.Code.PERMISSION_DENIED,
        "not authorized"),
    new Row(
        "EtcdMemberList",
        s -> s.machine().etcdMemberList(EtcdMemberListRequest.getDefaultInstance()),
        Status.Code.UNIMPLEMENTED,
        "method EtcdMemberList not implemented",
        Status.Code.UNIMPLEMENTED,
        "machine type is not set, cannot use member list API"),
    new Row(
        "Reset",
        s -> s.machine().reset(ResetRequest.getDefaultInstance()),
        Status.Code.UNIMPLEMENTED,
        "API is not implemented in maintenance mode",
        Status.Code.PERMISSION_DENIED,
        "not authorized"),
    new Row(
        "ApplyConfiguration NO_REBOOT (config failing validation)",
        s -> s.machine().applyConfiguration(apply(INVALID, Mode.NO_REBOOT)),
        Status.Code.UNIMPLEMENTED,
        "apply configuration --mode='no-reboot' is not supported in maintenance mode",
        Status.Code.INVALID_ARGUMENT,
        ""),
    new Row(
        "ApplyConfiguration STAGED (config failing validation)",
        s -> s.machine().applyConfiguration(apply(INVALID, Mode.STAGED)),
        Status.Code.UNIMPLEMENTED,
        "apply configuration --mode='staged' is not supported in maintenance mode",
        Status.Code.INVALID_ARGUMENT,
        ""),
    new Row(
        "ApplyConfiguration AUTO (config failing validation)",
        s -> s.machine().applyConfiguration(apply(INVALID, Mode.AUTO)),
        Status.Code.INVALID_ARGUMENT,
        "configuration validation failed: ",
        Status.Code.INVALID_ARGUMENT,
        ""),
  };

  static Stream<Arguments> maintenanceRows() {
    Stream.Builder<Arguments> out = Stream.builder();
    for (String release : RELEASES) {
      for (Row row : MAINTENANCE) {
        out.add(Arguments.of(release, row.call(), row));
      }
    }
    return out.build();
  }

  @ParameterizedTest(name = "{0} maintenance {1}")
  @MethodSource("maintenanceRows")
  void maintenanceAnswersAsTheReleaseDoes(String release, String call, Row row) {
    boolean apid = DocumentKinds.minor(release) >= 13;
    Status.Code code = apid ? row.apid() : row.legacy();
    String text = apid ? row.apidText() : row.legacyText();
    try (SimNodeFixture sim = new SimNodeFixture(TimeModel.instant(), Faults.none(), release);
        RawTalosStubs raw = RawTalosStubs.maintenance(sim.ip, sim.node.port(), sim.polling())) {
      if (code == Status.Code.OK) {
        assertThat(row.rpc().apply(raw)).isNotNull();
        return;
      }
      assertThatThrownBy(() -> row.rpc().apply(raw))
          .isInstanceOfSatisfying(
              StatusRuntimeException.class,
              e -> {
                assertThat(e.getStatus().getCode()).isEqualTo(code);
                if (!text.isEmpty()) {
                  assertThat(e.getStatus().getDescription()).startsWith(text);
                }
                if (apid && code == Status.Code.INVALID_ARGUMENT) {
                  // machined passes err.Error() without the legacy server's prefix.
                  assertThat(e.getStatus().getDescription())
                      .doesNotStartWith("configuration validation failed");
                }
              });
    }
  }

  static Stream<Arguments> applyModes() {
    Stream.Builder<Arguments> out = Stream.builder();
    for (String release : RELEASES) {
      for (Mode mode : new Mode[] {Mode.AUTO, Mode.REBOOT, Mode.TRY}) {
        out.add(Arguments.of(release, mode));
      }
    }
    return out.build();
  }

  /**
   * An accepted maintenance apply. 1.11/1.12 answer with warnings only (mode left 0, no details);
   * 1.13+ report NO_REBOOT "Applied configuration without a reboot" for AUTO and REBOOT, TRY with
   * its revert notice (constants.ConfigTryTimeout = 1m). In every release the node installs and
   * reboots into mTLS afterwards.
   */
  @ParameterizedTest(name = "{0} maintenance apply {1}")
  @MethodSource("applyModes")
  void maintenanceApplyReportsTheReleasesMode(String release, Mode mode) {
    try (SimNodeFixture sim = new SimNodeFixture(TimeModel.instant(), Faults.none(), release);
        RawTalosStubs raw = RawTalosStubs.maintenance(sim.ip, sim.node.port(), sim.polling())) {
      ApplyConfigurationResponse reply =
          raw.machine().applyConfiguration(apply(sim.config().yaml(), mode));
      var message = reply.getMessages(0);
      if (DocumentKinds.minor(release) < 13) {
        assertThat(message.getMode()).isEqualTo(Mode.forNumber(0));
        assertThat(message.getModeDetails()).isEmpty();
      } else if (mode == Mode.TRY) {
        assertThat(message.getMode()).isEqualTo(Mode.TRY);
        assertThat(message.getModeDetails())
            .isEqualTo(
                "Applied configuration without a reboot\nThe config is applied in 'try' mode and"
                    + " will be automatically reverted back in 1m0s");
      } else {
        assertThat(message.getMode()).isEqualTo(Mode.NO_REBOOT);
        assertThat(message.getModeDetails()).isEqualTo("Applied configuration without a reboot");
      }
      assertThat(sim.adminClient().awaitSecure(WAIT).tag()).isEqualTo(release);
    }
  }

  /** 1.13+ STAGED in maintenance only persists: the node stays in maintenance mode. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("apidReleases")
  void stagedInMaintenanceLeavesTheNodeInMaintenance(String release) {
    try (SimNodeFixture sim = new SimNodeFixture(TimeModel.instant(), Faults.none(), release);
        RawTalosStubs raw = RawTalosStubs.maintenance(sim.ip, sim.node.port(), sim.polling())) {
      var message =
          raw.machine().applyConfiguration(apply(sim.config().yaml(), Mode.STAGED)).getMessages(0);
      assertThat(message.getMode()).isEqualTo(Mode.STAGED);
      assertThat(message.getModeDetails())
          .isEqualTo("Staged configuration to be applied after the next reboot");
      assertThat(sim.node.mode()).isEqualTo(TalosNodeFake.Mode.MAINTENANCE);
    }
  }

  /**
   * Documents without a v1alpha1 one are not complete for boot. 1.13+ maintenance takes them and
   * keeps waiting (v1.13.9 internal/app/machined/pkg/controllers/config/acquire.go,
   * stateMaintenance); a configured node refuses them (v1alpha1_server.go, ApplyConfiguration).
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("apidReleases")
  void anIncompleteConfigKeepsA113NodeInMaintenance(String release) {
    String hostnameOnly = "apiVersion: v1alpha1\nkind: HostnameConfig\nhostname: cp-1\n";
    try (SimNodeFixture sim = new SimNodeFixture(TimeModel.instant(), Faults.none(), release);
        RawTalosStubs raw = RawTalosStubs.maintenance(sim.ip, sim.node.port(), sim.polling())) {
      var message = raw.machine().applyConfiguration(apply(hostnameOnly, Mode.AUTO)).getMessages(0);
      assertThat(message.getMode()).isEqualTo(Mode.NO_REBOOT);
      assertThat(sim.node.mode()).isEqualTo(TalosNodeFake.Mode.MAINTENANCE);

      raw.machine().applyConfiguration(apply(sim.config().yaml(), Mode.AUTO));
      sim.adminClient().awaitSecure(WAIT);
      try (RawTalosStubs secure =
          RawTalosStubs.mutual(sim.ip, sim.node.port(), TestPki.admin(sim.osCa), sim.polling())) {
        assertThatThrownBy(
                () -> secure.machine().applyConfiguration(apply(hostnameOnly, Mode.AUTO)))
            .isInstanceOfSatisfying(
                StatusRuntimeException.class,
                e -> {
                  assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
                  assertThat(e.getStatus().getDescription())
                      .startsWith("the applied machine configuration doesn't contain v1alpha1");
                });
      }
    }
  }

  static Stream<String> apidReleases() {
    return Stream.of("v1.13.9", "v1.14.6");
  }

  static Stream<String> releases() {
    return Stream.of(RELEASES);
  }

  /**
   * REBOOT on a configured node: 1.14 refuses it (v1.14.0-rc.1 v1alpha1_server.go); 1.11–1.13
   * persist the config, answer "Applied configuration with a reboot" and reboot.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("releases")
  void rebootModeOnAConfiguredNode(String release) {
    try (SimNodeFixture sim = new SimNodeFixture(TimeModel.instant(), Faults.none(), release)) {
      sim.maintenanceClient().applyConfiguration(sim.config().yaml());
      sim.adminClient().awaitSecure(WAIT);
      try (RawTalosStubs raw =
          RawTalosStubs.mutual(sim.ip, sim.node.port(), TestPki.admin(sim.osCa), sim.polling())) {
        var request = apply(sim.config().yaml(), Mode.REBOOT);
        if (DocumentKinds.minor(release) >= 14) {
          assertThatThrownBy(() -> raw.machine().applyConfiguration(request))
              .isInstanceOfSatisfying(
                  StatusRuntimeException.class,
                  e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNIMPLEMENTED);
                    assertThat(e.getStatus().getDescription())
                        .isEqualTo(
                            "the REBOOT mode is not supported, please use AUTO or NO_REBOOT modes"
                                + " instead");
                  });
        } else {
          var message = raw.machine().applyConfiguration(request).getMessages(0);
          assertThat(message.getMode()).isEqualTo(Mode.REBOOT);
          assertThat(message.getModeDetails()).isEqualTo("Applied configuration with a reboot");
        }
      }
      // After the reboot (if any), AUTO applies in place (1.14: always NO_REBOOT).
      sim.adminClient().awaitSecure(WAIT);
      try (RawTalosStubs raw =
          RawTalosStubs.mutual(sim.ip, sim.node.port(), TestPki.admin(sim.osCa), sim.polling())) {
        var auto = raw.machine().applyConfiguration(apply(sim.config().yaml(), Mode.AUTO));
        assertThat(auto.getMessages(0).getMode()).isEqualTo(Mode.NO_REBOOT);
      }
    }
  }

  /**
   * Bootstrap waits (5 s upstream) for time sync and then refuses with FailedPrecondition "time is
   * not in sync yet" (v1alpha1_server.go, Bootstrap, every supported tag).
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("releases")
  void bootstrapBeforeTimeSyncIsRefused(String release) {
    TimeModel time =
        TimeModel.instant()
            .override("talos.timesync", Duration.ofHours(1))
            .override("talos.timesync.wait", Duration.ofMillis(50));
    try (SimNodeFixture sim = new SimNodeFixture(time, Faults.none(), release)) {
      sim.maintenanceClient().applyConfiguration(sim.config().yaml());
      sim.adminClient().awaitSecure(WAIT);
      try (RawTalosStubs raw =
          RawTalosStubs.mutual(sim.ip, sim.node.port(), TestPki.admin(sim.osCa), sim.polling())) {
        assertThatThrownBy(() -> raw.machine().bootstrap(BootstrapRequest.getDefaultInstance()))
            .isInstanceOfSatisfying(
                StatusRuntimeException.class,
                e -> {
                  assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
                  assertThat(e.getStatus().getDescription()).isEqualTo("time is not in sync yet");
                });
      }
    }
  }

  /**
   * A config without machine.install: 1.14 accepts it and skips the install and its reboot
   * (v1.14.0-rc.1 v1alpha1_sequencer.go, Install); 1.13 and older refuse it in validation.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("releases")
  void aConfigWithoutInstall(String release) {
    TimeModel time = TimeModel.instant().override("talos.reboot", Duration.ofHours(1));
    try (SimNodeFixture sim = new SimNodeFixture(time, Faults.none(), release);
        RawTalosStubs raw = RawTalosStubs.maintenance(sim.ip, sim.node.port(), sim.polling())) {
      String withoutInstall =
          new String(sim.config().yaml(), StandardCharsets.UTF_8)
              .replaceFirst("  install:\n    disk: [^\n]*\n", "");
      var request = apply(withoutInstall, Mode.AUTO);
      if (DocumentKinds.minor(release) >= 14) {
        raw.machine().applyConfiguration(request);
        // No reboot (talos.reboot is an hour here): apid comes back with the config at once.
        assertThat(sim.adminClient().awaitSecure(WAIT).tag()).isEqualTo(release);
      } else {
        assertThatThrownBy(() -> raw.machine().applyConfiguration(request))
            .isInstanceOfSatisfying(
                StatusRuntimeException.class,
                e -> {
                  assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
                  assertThat(e.getStatus().getDescription()).contains("machine.install.disk");
                });
      }
    }
  }

  /** Bootstrap on a worker, from the release's own check (see {@link TalosMinor}). */
  @ParameterizedTest(name = "{0}")
  @MethodSource("releases")
  void workerBootstrapRefusal(String release) {
    Status status = TalosMinor.of(release).workerBootstrapRefusal();
    if (DocumentKinds.minor(release) >= 13) {
      // machinehelper.CheckControlplane (v1.13.9 internal/app/internal/machinehelper).
      assertThat(status.getCode()).isEqualTo(Status.Code.UNIMPLEMENTED);
      assertThat(status.getDescription())
          .isEqualTo("bootstrap is only available on control plane nodes");
    } else {
      assertThat(status.getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
      assertThat(status.getDescription())
          .isEqualTo("bootstrap can only be performed on a control plane node");
    }
  }

  private static ApplyConfigurationRequest apply(byte[] config, Mode mode) {
    return ApplyConfigurationRequest.newBuilder()
        .setData(ByteString.copyFrom(config))
        .setMode(mode)
        .build();
  }

  private static ApplyConfigurationRequest apply(String config, Mode mode) {
    return apply(config.getBytes(StandardCharsets.UTF_8), mode);
  }
}
