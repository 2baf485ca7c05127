package dev.ironkube.talos.api;

/**
 * One disk as the node reports it through {@code storage.StorageService/Disks}.
 *
 * @param path device path, already prefixed with /dev
 * @param sizeBytes capacity
 * @param model model string
 * @param type Talos's classification: NVME, SSD, HDD, SD, CD or UNKNOWN
 */
public record DiskInfo(String path, long sizeBytes, String model, String type) {}
