package dev.ironkube.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ironkube.failure.ExitCodes;
import dev.ironkube.failure.UserInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterLockTest {
  @TempDir Path dir;
  private final List<String> notices = new ArrayList<>();

  private ClusterLock take(String command) {
    return ClusterLock.acquire(
        dir.resolve("twin/run.lock"), "twin", command, Clock.systemUTC(), notices::add);
  }

  @Test
  void aSecondRunIsRefusedNamingTheHolder() {
    try (ClusterLock held = take("provision --name twin")) {
      assertThatThrownBy(() -> take("destroy twin"))
          .isInstanceOfSatisfying(
              UserInputException.class,
              e -> {
                assertThat(e.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
                assertThat(e.getMessage())
                    .contains("cluster twin is busy")
                    .contains("pid " + ProcessHandle.current().pid())
                    .contains("'provision --name twin'")
                    .contains("since 20")
                    .contains("changed nothing");
              });
      assertThat(ClusterLock.holder(dir.resolve("twin/run.lock")))
          .hasValueSatisfying(h -> assertThat(h.command()).isEqualTo("provision --name twin"));
    }
    assertThat(notices).isEmpty();
  }

  @Test
  void aReleasedLockIsTakenWithoutNoticeAndIsPrivate() throws Exception {
    take("provision --name twin").close();
    Path file = dir.resolve("twin/run.lock");
    assertThat(Files.size(file)).as("details cleared on release").isZero();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    try (ClusterLock again = take("scale --pool workers --count 2 --name twin")) {
      assertThat(notices).isEmpty();
    }
  }

  @Test
  void aStaleLockOfADeadProcessIsTakenOverWithANotice() throws Exception {
    Process gone = new ProcessBuilder("true").start();
    gone.waitFor();
    Path file = dir.resolve("twin/run.lock");
    Files.createDirectories(file.getParent());
    // What a run killed with -9 leaves: its details, and no OS lock (it died with the process).
    Files.writeString(
        file,
        "pid="
            + gone.pid()
            + "\nhost="
            + ClusterLock.hostname()
            + "\ncommand=provision --name twin\nsince=2026-12-04T21:00:00Z\n");
    try (ClusterLock taken = take("provision --name twin")) {
      assertThat(notices).hasSize(1);
      assertThat(notices.get(0))
          .contains("took over the lock of cluster twin")
          .contains("pid " + gone.pid())
          .contains("'provision --name twin'")
          .contains("2026-12-04T21:00:00Z")
          .contains("that process is gone");
      assertThat(ClusterLock.holder(file))
          .hasValueSatisfying(h -> assertThat(h.pid()).isEqualTo(ProcessHandle.current().pid()));
    }
  }
}
