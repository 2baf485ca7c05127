package dev.ironkube.talos.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ironkube.failure.OperationFailedException;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class InstallDiskChooserTest {
  private static final long GB = 1_000_000_000L;

  private static InstallDisk disk(String path, long gb, String type) {
    return new InstallDisk(path, gb * GB, type, "model");
  }

  static Stream<Arguments> table() {
    return Stream.of(
        Arguments.of(
            "NVMe beats a smaller SATA SSD",
            List.of(disk("/dev/sda", 240, "SSD"), disk("/dev/nvme0n1", 512, "NVME")),
            "/dev/nvme0n1"),
        Arguments.of(
            "smallest NVMe of two",
            List.of(disk("/dev/nvme1n1", 3840, "NVME"), disk("/dev/nvme0n1", 960, "NVME")),
            "/dev/nvme0n1"),
        Arguments.of(
            "SSD beats HDD",
            List.of(disk("/dev/sda", 4000, "HDD"), disk("/dev/sdb", 480, "SSD")),
            "/dev/sdb"),
        Arguments.of(
            "too small NVMe is skipped",
            List.of(disk("/dev/nvme0n1", 8, "NVME"), disk("/dev/sda", 480, "SSD")),
            "/dev/sda"),
        Arguments.of(
            "CD-ROM and loop devices never chosen",
            List.of(
                disk("/dev/sr0", 100, "CD"),
                disk("/dev/loop0", 100, "SSD"),
                disk("/dev/sdb", 100, "HDD")),
            "/dev/sdb"),
        Arguments.of(
            "unknown type beats SD card",
            List.of(disk("/dev/mmcblk0", 64, "SD"), disk("/dev/vda", 50, "UNKNOWN")),
            "/dev/vda"),
        Arguments.of(
            "stable by-id paths are kept as given",
            List.of(disk("/dev/disk/by-id/nvme-SAMSUNG_1", 512, "nvme")),
            "/dev/disk/by-id/nvme-SAMSUNG_1"),
        Arguments.of(
            "same type and size: path order decides",
            List.of(disk("/dev/sdb", 480, "SSD"), disk("/dev/sda", 480, "SSD")),
            "/dev/sda"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("table")
  void choosesTheBestSystemDisk(String why, List<InstallDisk> disks, String expected) {
    assertThat(new InstallDiskChooser().choose(disks).path()).isEqualTo(expected);
  }

  @Test
  void failsListingTheDisksWhenNoneFits() {
    assertThatThrownBy(() -> new InstallDiskChooser().choose(List.of(disk("/dev/sda", 8, "SSD"))))
        .isInstanceOf(OperationFailedException.class)
        .hasMessageContaining("/dev/sda (SSD, 8 GB)");
    assertThatThrownBy(() -> new InstallDiskChooser().choose(List.of()))
        .hasMessageContaining("none");
  }

  @Test
  void minimumIsConfigurable() {
    List<InstallDisk> disks =
        List.of(disk("/dev/nvme0n1", 100, "NVME"), disk("/dev/sda", 1000, "HDD"));
    assertThat(new InstallDiskChooser(200 * GB).choose(disks).path()).isEqualTo("/dev/sda");
  }
}
