package dev.ironkube.sim.talos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import dev.ironkube.failure.RemoteServiceException;
import dev.ironkube.sim.Faults;
import dev.ironkube.sim.TimeModel;
import dev.ironkube.talos.api.ApplyMode;
import dev.ironkube.talos.api.ApplyResult;
import dev.ironkube.talos.api.RawTalosStubs;
import dev.ironkube.talos.api.TalosClient;
import dev.ironkube.talos.api.proto.machine.ApplyConfigurationRequest;
import dev.ironkube.talos.testing.SimNodeFixture;
import dev.ironkube.talos.testing.TestPki;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * ApplyConfiguration on a configured node, per release and mode, through the real gRPC client.
 * Expectations from siderolabs/talos internal/app/machined/internal/server/v1alpha1/
 * v1alpha1_server.go (ApplyConfiguration, generateDiff) at v1.11.6, v1.12.11, v1.13.9 and
 * v1.14.0-rc.1; CanApplyImmediate in internal/app/machined/pkg/runtime/v1alpha1/
 * v1alpha1_runtime.go (v1.11.6 to v1.13.9; gone from the apply path in 1.14); the diff format in
 * pkg/machinery/textdiff/textdiff.go and its test (v1.12.11+, go-stdlib myers unified) and
 * pkg/machinery/config/configdiff/configdiff.go (v1.11.6, gotextdiff).
 */
class ConfiguredApplyFidelityTest {
  private static final Duration WAIT = Duration.ofSeconds(15);
  private static final String NEEDS_REBOOT =
      "this config change can't be applied in immediate mode\ndiff:\n";

  static Stream<String> releases() {
    return Stream.of("v1.11.6", "v1.12.11", "v1.13.9", "v1.14.6");
  }

  private static boolean asksImmediate(String release) {
    return DocumentKinds.minor(release) <= 13;
  }

  /** machine.nodeLabels is on CanApplyImmediate's list: live in every release. */
  private static byte[] withLabels(SimNodeFixture sim) {
    return insertUnderMachine(sim, "  nodeLabels:\n    pool: web\n");
  }

  /** machine.env is not on the list: up to 1.13 it needs a reboot. */
  private static byte[] withEnv(SimNodeFixture sim) {
    return insertUnderMachine(sim, "  env:\n    http_proxy: http://proxy:3128\n");
  }

  private static byte[] insertUnderMachine(SimNodeFixture sim, String yaml) {
    String config = new String(sim.config().yaml(), StandardCharsets.UTF_8);
    return config.replace("  install:\n", yaml + "  install:\n").getBytes(StandardCharsets.UTF_8);
  }

  private static SimNodeFixture configured(String release) {
    return configured(release, TimeModel.instant());
  }

  private static SimNodeFixture configured(String release, TimeModel time) {
    SimNodeFixture sim = new SimNodeFixture(time, Faults.none(), release);
    sim.maintenanceClient().applyConfiguration(sim.config().yaml());
    sim.adminClient().awaitSecure(WAIT);
    return sim;
  }

  private static RawTalosStubs raw(SimNodeFixture sim) {
    return RawTalosStubs.mutual(sim.ip, sim.node.port(), TestPki.admin(sim.osCa), sim.polling());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("releases")
  void noRebootTakesALiveFieldAndTheNodeReportsTheNewConfig(String release) {
    try (SimNodeFixture sim = configured(release);
        TalosClient admin = sim.adminClient()) {
      byte[] labelled = withLabels(sim);
      ApplyResult result = admin.applyConfiguration(labelled, ApplyMode.NO_REBOOT, false);

      assertThat(result.mode()).contains(ApplyMode.NO_REBOOT);
      assertThat(result.modeDetails()).isEqualTo("Applied configuration without a reboot");
      assertThat(text(admin.machineConfig())).isEqualTo(text(labelled));
      assertThat(sim.node.mode()).isEqualTo(TalosNodeFake.Mode.CONFIGURED);
    }
  }

  /**
   * Up to 1.13 NO_REBOOT and TRY answer CanApplyImmediate's error as InvalidArgument, its diff
   * limited to the v1alpha1 fields that need the reboot; 1.14 applies without asking.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("releases")
  void noRebootOfAFieldThatNeedsARebootIsRefusedUpTo113(String release) {
    try (SimNodeFixture sim = configured(release);
        TalosClient admin = sim.adminClient();
        RawTalosStubs raw = raw(sim)) {
      byte[] original = admin.machineConfig();
      byte[] changed =
          new String(withEnv(sim), StandardCharsets.UTF_8)
              .replace("  install:\n", "  nodeLabels:\n    pool: web\n  install:\n")
              .getBytes(StandardCharsets.UTF_8);
      if (!asksImmediate(release)) {
        assertThat(admin.applyConfiguration(changed, ApplyMode.NO_REBOOT, false).mode())
            .contains(ApplyMode.NO_REBOOT);
        assertThat(text(admin.machineConfig())).isEqualTo(text(changed));
        return;
      }
      for (ApplyConfigurationRequest.Mode mode :
          new ApplyConfigurationRequest.Mode[] {
            ApplyConfigurationRequest.Mode.NO_REBOOT, ApplyConfigurationRequest.Mode.TRY
          }) {
        assertThatThrownBy(() -> raw.machine().applyConfiguration(request(changed, mode, false)))
            .isInstanceOfSatisfying(
                StatusRuntimeException.class,
                e -> {
                  assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
                  String text = e.getStatus().getDescription();
                  assertThat(text).startsWith(NEEDS_REBOOT + "--- a\n+++ b\n@@ -");
                  // Only what needs the reboot changes: the live nodeLabels are masked out.
                  assertThat(changedLines(text))
                      .containsExactly("+    env:", "+        http_proxy: http://proxy:3128");
                });
      }
      assertThatThrownBy(() -> admin.applyConfiguration(changed, ApplyMode.NO_REBOOT, false))
          .isInstanceOfSatisfying(
              RemoteServiceException.RebootRequired.class,
              e -> {
                assertThat(e.getMessage()).contains("only with a reboot").doesNotContain("proxy");
                assertThat(e.diff()).startsWith("--- a\n+++ b\n@@ -").contains("+    env:");
              });
      assertThat(text(admin.machineConfig())).isEqualTo(text(original));
    }
  }

  /**
   * AUTO: up to 1.13 a change that needs a reboot resolves to REBOOT, its details carrying the
   * reason ("Applied configuration with a reboot: " + CanApplyImmediate's error), and the node
   * reboots into the config; 1.14 resolves AUTO to NO_REBOOT always.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("releases")
  void autoResolvesPerRelease(String release) {
    // A reboot that takes a moment, so that the test sees the node go down for it.
    TimeModel time = TimeModel.instant().override("talos.reboot", Duration.ofMillis(150));
    try (SimNodeFixture sim = configured(release, time);
        TalosClient admin = sim.adminClient()) {
      byte[] labelled = withLabels(sim);
      ApplyResult live = admin.applyConfiguration(labelled, ApplyMode.AUTO, false);
      assertThat(live.mode()).contains(ApplyMode.NO_REBOOT);
      assertThat(live.modeDetails()).isEqualTo("Applied configuration without a reboot");

      byte[] changed = withEnv(sim);
      ApplyResult auto = admin.applyConfiguration(changed, ApplyMode.AUTO, false);
      if (asksImmediate(release)) {
        assertThat(auto.mode()).contains(ApplyMode.REBOOT);
        assertThat(auto.modeDetails())
            .startsWith("Applied configuration with a reboot: " + NEEDS_REBOOT + "--- a\n+++ b\n");
        awaitMode(sim, TalosNodeFake.Mode.REBOOTING);
        sim.adminClient().awaitSecure(WAIT);
      } else {
        assertThat(auto.mode()).contains(ApplyMode.NO_REBOOT);
        assertThat(auto.modeDetails()).isEqualTo("Applied configuration without a reboot");
      }
      try (TalosClient after = sim.adminClient()) {
        assertThat(text(after.machineConfig())).isEqualTo(text(changed));
      }
    }
  }

  /**
   * STAGED persists only: config/v1alpha1 keeps the running config, config/persistent shows the
   * staged one, and the next reboot runs it (SetPersistedConfig; machine_config.go PersistentID).
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("releases")
  void stagedRunsAtTheNextReboot(String release) {
    TimeModel time = TimeModel.instant().override("talos.reboot", Duration.ofMillis(150));
    try (SimNodeFixture sim = configured(release, time);
        TalosClient admin = sim.adminClient()) {
      byte[] original = admin.machineConfig();
      byte[] changed = withEnv(sim);
      ApplyResult staged = admin.applyConfiguration(changed, ApplyMode.STAGED, false);

      assertThat(staged.mode()).contains(ApplyMode.STAGED);
      assertThat(staged.modeDetails())
          .isEqualTo("Staged configuration to be applied after the next reboot");
      assertThat(text(admin.machineConfig())).isEqualTo(text(original));
      assertThat(sim.node.configs.persisted().map(c -> text(c.raw()))).contains(text(changed));

      admin.reboot();
      awaitMode(sim, TalosNodeFake.Mode.REBOOTING);
      try (TalosClient after = sim.adminClient()) {
        after.awaitSecure(WAIT);
        assertThat(text(after.machineConfig())).isEqualTo(text(changed));
      }
    }
  }

  /**
   * TRY runs the config and reverts after try_mode_timeout (default 1m, printed "1m0s"); an apply
   * in another mode before then cancels the revert (CancelConfigRollbackTimeout).
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("releases")
  void tryRevertsUnlessConfirmed(String release) throws InterruptedException {
    try (SimNodeFixture sim = configured(release);
        TalosClient admin = sim.adminClient();
        RawTalosStubs raw = raw(sim)) {
      byte[] original = admin.machineConfig();
      byte[] labelled = withLabels(sim);

      ApplyResult tried = admin.applyConfiguration(labelled, ApplyMode.TRY, false);
      assertThat(tried.mode()).contains(ApplyMode.TRY);
      assertThat(tried.modeDetails())
          .isEqualTo(
              "Applied configuration without a reboot\nThe config is applied in 'try' mode and"
                  + " will be automatically reverted back in 1m0s");
      assertThat(text(admin.machineConfig())).isEqualTo(text(labelled));
      // The persisted config stays the one from before.
      assertThat(text(sim.node.configs.atBoot().raw())).isEqualTo(text(original));

      // A TRY reverts to what ran before it: back to the original first (NO_REBOOT cancels).
      admin.applyConfiguration(original, ApplyMode.NO_REBOOT, false);
      var shortTry =
          request(labelled, ApplyConfigurationRequest.Mode.TRY, false).toBuilder()
              .setTryModeTimeout(com.google.protobuf.Duration.newBuilder().setNanos(50_000_000))
              .build();
      assertThat(raw.machine().applyConfiguration(shortTry).getMessages(0).getModeDetails())
          .endsWith("reverted back in 50ms"); // Go's time.Duration.String
      awaitConfig(admin, labelled, original);

      // Confirmed: NO_REBOOT of the same config before the timeout keeps it.
      raw.machine().applyConfiguration(shortTry);
      admin.applyConfiguration(labelled, ApplyMode.NO_REBOOT, false);
      // Three times the try timeout: a revert that was not cancelled would have run by now.
      Thread.sleep(150);
      assertThat(text(admin.machineConfig())).isEqualTo(text(labelled));
    }
  }

  /**
   * A dry run changes nothing and answers "Dry run summary:\n{details} (skipped in
   * dry-run).\nConfig diff:\n\n{diff}", the diff of the running config and the new one, or "No
   * changes.".
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("releases")
  void dryRunAnswersTheSummaryAndTheDiff(String release) {
    try (SimNodeFixture sim = configured(release);
        TalosClient admin = sim.adminClient()) {
      byte[] original = admin.machineConfig();
      ApplyResult same = admin.applyConfiguration(original, ApplyMode.NO_REBOOT, true);
      assertThat(same.modeDetails())
          .isEqualTo(
              "Dry run summary:\nApplied configuration without a reboot (skipped in dry-run).\n"
                  + "Config diff:\n\nNo changes.");
      assertThat(same.configDiff()).contains("");

      ApplyResult labelled = admin.applyConfiguration(withLabels(sim), ApplyMode.AUTO, true);
      assertThat(labelled.mode()).contains(ApplyMode.NO_REBOOT);
      // Three lines of context either side; both diff libraries write counts above 1 (the 1.11
      // and 1.12+ formats differ only for counts of 0 or 1: ConfigDiffTest).
      assertThat(labelled.configDiff().orElseThrow())
          .startsWith("--- a\n+++ b\n@@ -6,6 +6,8 @@\n     ca:\n")
          .contains("\n+    nodeLabels:\n+        pool: web\n     install:\n");
      assertThat(text(admin.machineConfig())).isEqualTo(text(original));

      if (asksImmediate(release)) {
        ApplyResult rebooting = admin.applyConfiguration(withEnv(sim), ApplyMode.AUTO, true);
        assertThat(rebooting.mode()).contains(ApplyMode.REBOOT);
        // The dry run's summary has no reason appended (modeErr joins only the real answer).
        assertThat(rebooting.modeDetails())
            .startsWith(
                "Dry run summary:\nApplied configuration with a reboot (skipped in dry-run).\n"
                    + "Config diff:\n\n--- a\n+++ b\n@@ -");
        assertThat(sim.node.mode()).isEqualTo(TalosNodeFake.Mode.CONFIGURED);
      }
    }
  }

  private static void awaitConfig(TalosClient admin, byte[] now, byte[] then)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (System.nanoTime() < deadline) {
      String running = text(admin.machineConfig());
      if (running.equals(text(then))) {
        return;
      }
      assertThat(running).isEqualTo(text(now));
      Thread.sleep(20);
    }
    assertThat(admin.machineConfig()).as("reverted after the try timeout").isEqualTo(then);
  }

  private static java.util.List<String> changedLines(String diff) {
    return diff.lines()
        .filter(l -> (l.startsWith("+") || l.startsWith("-")))
        .filter(l -> !l.startsWith("+++ ") && !l.startsWith("--- "))
        .toList();
  }

  private static void awaitMode(SimNodeFixture sim, TalosNodeFake.Mode mode) {
    long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
    while (sim.node.mode() != mode && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    assertThat(sim.node.mode()).isEqualTo(mode);
  }

  private static String text(byte[] config) {
    return new String(config, StandardCharsets.UTF_8);
  }

  private static ApplyConfigurationRequest request(
      byte[] config, ApplyConfigurationRequest.Mode mode, boolean dryRun) {
    return ApplyConfigurationRequest.newBuilder()
        .setData(ByteString.copyFrom(config))
        .setMode(mode)
        .setDryRun(dryRun)
        .build();
  }
}
