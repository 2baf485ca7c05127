package dev.ironkube.provider.scaleway;

import java.util.List;

/**
 * An Elastic Metal offer in one zone, with the fields ironkube reads. Hourly and monthly billing
 * are separate offers with the same {@code name}; ironkube orders the hourly one.
 *
 * @param stock "available", "low" (a handful left) or "empty"
 * @param tags "cloud-init" marks offers whose install accepts user data, which the Talos pivot
 *     needs
 */
public record ScwOffer(
    String id,
    String name,
    String stock,
    ScwMoney pricePerHour,
    List<Cpu> cpus,
    List<Memory> memories,
    List<Disk> disks,
    List<String> tags,
    List<String> incompatibleOsIds,
    String subscriptionPeriod,
    Boolean enable,
    String zone) {

  public static final String CLOUD_INIT_TAG = "cloud-init";

  public boolean supportsCloudInit() {
    return tags != null && tags.contains(CLOUD_INIT_TAG);
  }

  public boolean orderable() {
    return !Boolean.FALSE.equals(enable) && stock != null && !"empty".equals(stock);
  }

  public record Cpu(String name, int coreCount, int threadCount, int frequency) {}

  /** {@code capacity} in bytes. */
  public record Memory(long capacity, String type) {}

  /** {@code capacity} in bytes; type such as "NVMe", "SSD", "SATA". */
  public record Disk(long capacity, String type) {}
}
