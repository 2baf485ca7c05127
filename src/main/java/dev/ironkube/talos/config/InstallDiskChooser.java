package dev.ironkube.talos.config;

import dev.ironkube.failure.OperationFailedException;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Picks the system disk from the disks the node itself reports, never from a guessed name: device
 * names vary between boots and a wrong guess installs Talos onto a data disk.
 *
 * <p>Order: NVMe, then SATA/SAS SSD, then HDD, then unknown, then SD/MMC; within a class the
 * smallest disk that is at least the minimum, so bigger disks stay free for data. CD-ROMs and RAM,
 * loop and zram devices are never chosen.
 */
public final class InstallDiskChooser {
  /** Talos needs room for its partitions and the container images of EPHEMERAL. */
  public static final long DEFAULT_MINIMUM_BYTES = 20_000_000_000L;

  private final long minimumBytes;

  public InstallDiskChooser(long minimumBytes) {
    this.minimumBytes = minimumBytes;
  }

  public InstallDiskChooser() {
    this(DEFAULT_MINIMUM_BYTES);
  }

  public InstallDisk choose(List<InstallDisk> disks) {
    return disks.stream()
        .filter(this::eligible)
        .min(
            Comparator.comparingInt((InstallDisk d) -> rank(d.type()))
                .thenComparingLong(InstallDisk::sizeBytes)
                .thenComparing(InstallDisk::path))
        .orElseThrow(() -> noDisk(disks));
  }

  private boolean eligible(InstallDisk disk) {
    String path = disk.path() == null ? "" : disk.path();
    return rank(disk.type()) < Integer.MAX_VALUE
        && disk.sizeBytes() >= minimumBytes
        && path.startsWith("/dev/")
        && !path.matches("/dev/(loop|zram|ram|sr)\\d*.*");
  }

  private static int rank(String type) {
    return switch (type == null ? "UNKNOWN" : type.toUpperCase(Locale.ROOT)) {
      case "NVME" -> 0;
      case "SSD" -> 1;
      case "HDD" -> 2;
      case "SD" -> 4;
      case "CD" -> Integer.MAX_VALUE;
      default -> 3;
    };
  }

  private OperationFailedException noDisk(List<InstallDisk> disks) {
    String seen =
        disks.isEmpty()
            ? "none"
            : disks.stream()
                .map(
                    d ->
                        d.path() + " (" + d.type() + ", " + d.sizeBytes() / 1_000_000_000L + " GB)")
                .collect(Collectors.joining(", "));
    return new OperationFailedException(
        "no disk of at least "
            + minimumBytes / 1_000_000_000L
            + " GB can hold Talos; the node reports: "
            + seen,
        "choose a server plan with a larger system disk");
  }
}
