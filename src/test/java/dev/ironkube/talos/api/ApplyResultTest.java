package dev.ironkube.talos.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Reading a dry run's diff out of modeDetails, whose shape machined fixes: "Dry run summary:\n%s
 * (skipped in dry-run).\n%s" with "Config diff:\n\n" and the diff or "No changes."
 * (siderolabs/talos v1.13.9 internal/app/machined/internal/server/v1alpha1/v1alpha1_server.go,
 * ApplyConfiguration and generateDiff).
 */
class ApplyResultTest {
  private static ApplyResult details(String text) {
    return new ApplyResult(
        ApplyResult.Outcome.APPLIED, List.of(), text, Optional.of(ApplyMode.NO_REBOOT));
  }

  @Test
  void aDryRunsDiffIsTheTextAfterItsHeader() {
    String diff = "--- a\n+++ b\n@@ -1,1 +1,1 @@\n-x\n+y\n";
    assertThat(
            details(
                    "Dry run summary:\nApplied configuration without a reboot (skipped in"
                        + " dry-run).\nConfig diff:\n\n"
                        + diff)
                .configDiff())
        .contains(diff);
  }

  @Test
  void noChangesIsAnEmptyDiff() {
    assertThat(
            details(
                    "Dry run summary:\nApplied configuration without a reboot (skipped in"
                        + " dry-run).\nConfig diff:\n\nNo changes.")
                .configDiff())
        .contains("");
  }

  @Test
  void aRealApplyHasNoDiff() {
    assertThat(details("Applied configuration without a reboot").configDiff()).isEmpty();
    assertThat(new ApplyResult(ApplyResult.Outcome.REBOOTING, List.of(), "").configDiff().isEmpty())
        .isTrue();
  }
}
