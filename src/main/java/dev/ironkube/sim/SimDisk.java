package dev.ironkube.sim;

import java.util.List;

/**
 * A disk of a simulated server, as its Talos node reports it through the Disks API.
 *
 * @param path the device path ("/dev/nvme0n1")
 * @param sizeBytes capacity
 * @param model the model string
 * @param type "NVME", "SSD" or "HDD"
 */
public record SimDisk(String path, long sizeBytes, String model, String type) {

  /** The disks of a typical small bare-metal plan: one NVMe system disk and a smaller SSD. */
  public static List<SimDisk> typical() {
    return List.of(
        new SimDisk("/dev/sda", 240L * 1000 * 1000 * 1000, "SAMSUNG MZ7LH240", "SSD"),
        new SimDisk("/dev/nvme0n1", 512L * 1000 * 1000 * 1000, "SAMSUNG MZVL2512", "NVME"));
  }
}
