package dev.ironkube.sim.talos;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The diff text machined puts in a dry run and in CanApplyImmediate's refusal. Cases from
 * siderolabs/talos v1.13.9 pkg/machinery/textdiff/textdiff_test.go (TestDiff: identical, completely
 * different, inserted line), the format of github.com/neticdk/go-stdlib v1.0.1 diff/format.go
 * (UnifiedFormatter, calculateHunkHeader) that 1.12+ use; 1.11's gotextdiff output (v1.11.6
 * pkg/machinery/config/configdiff/configdiff.go, outputDiff) writes a count only above 1.
 */
class ConfigDiffTest {
  private static final TalosMinor V13 = new TalosMinor(13);
  private static final TalosMinor V11 = new TalosMinor(11);

  @Test
  void identicalTextsHaveNoDiff() {
    assertThat(ConfigDiff.unified("line 1\nline 2\nline 3\n", "line 1\nline 2\nline 3\n", V13))
        .isEmpty();
    assertThat(ConfigDiff.unified("", "", V13)).isEmpty();
  }

  @Test
  void completelyDifferentIsOneHunkOfDeletionsThenInsertions() {
    assertThat(ConfigDiff.unified("line 1\nline 2\nline 3\n", "line A\nline B\nline C\n", V13))
        .isEqualTo(
            "--- a\n+++ b\n@@ -1,3 +1,3 @@\n-line 1\n-line 2\n-line 3\n+line A\n+line B\n+line C\n");
  }

  @Test
  void anInsertedLineKeepsItsContext() {
    assertThat(ConfigDiff.unified("line 1\nline 3\n", "line 1\nline 2\nline 3\n", V13))
        .isEqualTo("--- a\n+++ b\n@@ -1,2 +1,3 @@\n line 1\n+line 2\n line 3\n");
  }

  @Test
  void countsOfOneAreWrittenFrom112AndLeftOutIn111() {
    assertThat(ConfigDiff.unified("x\n", "y\n", V13))
        .isEqualTo("--- a\n+++ b\n@@ -1,1 +1,1 @@\n-x\n+y\n");
    assertThat(ConfigDiff.unified("x\n", "y\n", V11))
        .isEqualTo("--- a\n+++ b\n@@ -1 +1 @@\n-x\n+y\n");
  }

  @Test
  void anEmptySideStartsOneLineBefore() {
    // calculateHunkHeader: a zero-length side at start 1 is shown as 0 ("@@ -0,0 +1,2 @@").
    assertThat(ConfigDiff.unified("", "a\nb\n", V13))
        .isEqualTo("--- a\n+++ b\n@@ -0,0 +1,2 @@\n+a\n+b\n");
  }

  @Test
  void changesFarApartMakeTwoHunksAndCloseOnesOne() {
    StringBuilder a = new StringBuilder();
    for (int i = 1; i <= 20; i++) {
      a.append("l").append(i).append('\n');
    }
    String far = a.toString().replace("l2\n", "L2\n").replace("l12\n", "L12\n");
    assertThat(ConfigDiff.unified(a.toString(), far, V13))
        .isEqualTo(
            "--- a\n+++ b\n"
                + "@@ -1,5 +1,5 @@\n l1\n-l2\n+L2\n l3\n l4\n l5\n"
                + "@@ -9,7 +9,7 @@\n l9\n l10\n l11\n-l12\n+L12\n l13\n l14\n l15\n");
    String close = a.toString().replace("l2\n", "L2\n").replace("l8\n", "L8\n");
    assertThat(ConfigDiff.unified(a.toString(), close, V13))
        .startsWith("--- a\n+++ b\n@@ -1,11 +1,11 @@\n l1\n-l2\n+L2\n");
  }
}
