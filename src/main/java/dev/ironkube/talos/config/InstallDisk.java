package dev.ironkube.talos.config;

/**
 * A disk as the node reports it through the Talos Disks API.
 *
 * @param path the device path, ideally a stable /dev/disk/by-id link
 * @param sizeBytes capacity in bytes
 * @param type the Talos DiskType name: NVME, SSD, HDD, SD, CD or UNKNOWN
 * @param model the model string, for messages
 */
public record InstallDisk(String path, long sizeBytes, String type, String model) {}
