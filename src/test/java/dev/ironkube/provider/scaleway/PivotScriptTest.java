package dev.ironkube.provider.scaleway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PivotScriptTest {
  static final String ZST =
      "https://factory.talos.dev/image/376567988ad370138ad8b2698212367b8edcb69b5fd68c80be1f2ec7d603b4ba/v1.11.5/metal-amd64.raw.zst";

  @Test
  void verifiesTheImageBeforeWritingTheBootDiskAndRebootingThroughSysrq() {
    String script = PivotScript.script(ZST, Optional.empty());

    assertThat(script).startsWith("#!/bin/bash\n").contains("set -euo pipefail");
    assertThat(script).contains("IMAGE_URL='" + ZST + "'").contains("EXPECTED_SHA256=''");
    int verify = script.indexOf("zstd -tq");
    int gpt = script.indexOf("EFI PART");
    int write = script.indexOf("of=\"$BOOT_DISK\"");
    int reboot = script.indexOf("echo b > /proc/sysrq-trigger");
    assertThat(script.indexOf("/dev/shm")).isPositive().isLessThan(verify);
    assertThat(verify).isPositive().isLessThan(gpt);
    assertThat(gpt).isLessThan(write);
    assertThat(write).isLessThan(reboot);
  }

  @Test
  void comparesAChecksumWhenOneIsKnown() {
    String sha = "a".repeat(64);

    assertThat(PivotScript.script(ZST, Optional.of(sha)))
        .contains("EXPECTED_SHA256='" + sha + "'")
        .contains("checksum mismatch");
  }

  @Test
  void userDataIsPaddedBase64OfTheScript() {
    String userData = PivotScript.userData(ZST, Optional.empty());

    assertThat(new String(Base64.getDecoder().decode(userData), StandardCharsets.UTF_8))
        .isEqualTo(PivotScript.script(ZST, Optional.empty()));
  }

  @Test
  void refusesImagesThePivotCannotUse() {
    assertThatThrownBy(() -> PivotScript.script(ZST.replace("metal-", "hcloud-"), Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PivotScript.script(ZST.replace(".raw.zst", ".iso"), Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PivotScript.script(ZST + "';reboot;'", Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PivotScript.script(ZST, Optional.of("abc")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void isValidBash(@TempDir Path dir) throws Exception {
    Path bash = Path.of("/bin/bash");
    if (!Files.isExecutable(bash)) {
      return;
    }
    Path script =
        Files.writeString(dir.resolve("pivot.sh"), PivotScript.script(ZST, Optional.empty()));
    Process check =
        new ProcessBuilder(bash.toString(), "-n", script.toString())
            .redirectErrorStream(true)
            .start();
    assertThat(check.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(check.exitValue()).as(new String(check.getInputStream().readAllBytes())).isZero();
  }
}
