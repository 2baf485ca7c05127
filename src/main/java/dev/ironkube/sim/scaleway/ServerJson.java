package dev.ironkube.sim.scaleway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A server in the recorded shape. The create answer has {@code ips: []}; reads list the IPv4 (the
 * machine's loopback address) and an IPv6; {@code domain} and the reverse names appear once the
 * install has completed.
 */
final class ServerJson {
  private ServerJson() {}

  static ObjectNode of(
      SimServer s,
      ServerTimeline.Step step,
      boolean withIps,
      String organizationId,
      String project) {
    boolean installed = "completed".equals(step.install());
    String domain = installed ? s.id + "." + s.zone + ".baremetal.scw.cloud" : "";
    ObjectNode node = ScwJson.object();
    node.put("boot_type", "normal");
    node.put("created_at", s.createdAt);
    node.put("description", s.description == null ? "" : s.description);
    node.put("domain", domain);
    node.put("id", s.id);
    // An order without an install reads "install": null throughout (recorded, see ServerTimeline).
    node.set(
        "install", step.install() == null ? ScwJson.MAPPER.nullNode() : install(s, step.install()));
    ArrayNode ips = node.putArray("ips");
    if (withIps) {
      ips.add(ip(s.ipv4Id, s.ipv4(), domain, "IPv4"));
      ips.add(
          ip(
              s.ipv6Id,
              "2001:db8:1201::" + Integer.toHexString(s.id.hashCode() & 0xffff),
              domain,
              "IPv6"));
    }
    node.put("name", s.name);
    node.put("offer_id", s.offer.offerId(s.zone));
    node.put("offer_name", s.offer.name());
    node.putArray("options");
    node.put("organization_id", organizationId);
    node.put("ping_status", installed ? "ping_status_up" : "ping_status_unknown");
    node.put("project_id", project);
    node.put("protected", false);
    node.putNull("rescue_server");
    node.put("status", step.status());
    node.set("tags", ScwJson.array(s.tags));
    node.put("updated_at", ScwJson.now());
    if (s.userData == null) {
      node.putNull("user_data");
    } else {
      node.put("user_data", s.userData);
    }
    node.put("zone", s.zone);
    return node;
  }

  static List<String> strings(JsonNode array) {
    List<String> values = new ArrayList<>();
    if (array != null && array.isArray()) {
      array.forEach(v -> values.add(v.asText()));
    }
    return values;
  }

  private static ObjectNode install(SimServer s, String status) {
    ObjectNode install = ScwJson.object();
    install.put("hostname", s.hostname == null ? "" : s.hostname);
    install.put("os_id", s.os.id());
    install.set("partitioning_schema", partitioning());
    install.put("service_url", "");
    install.put("service_user", "");
    install.set("ssh_key_ids", ScwJson.array(s.sshKeyIds));
    install.put("status", status);
    install.put("user", s.os.user());
    return install;
  }

  private static ObjectNode ip(String id, String address, String reverse, String version) {
    ObjectNode ip = ScwJson.object();
    ip.put("address", address);
    ip.put("id", id);
    ip.put("reverse", reverse);
    ip.put("reverse_status", reverse.isEmpty() ? "pending" : "active");
    ip.put("reverse_status_message", "");
    ip.put("version", version);
    return ip;
  }

  /** The default the real service fills in when none was sent: EFI, swap, boot, root. */
  private static ObjectNode partitioning() {
    ObjectNode schema = ScwJson.object();
    ObjectNode disk = schema.putArray("disks").addObject();
    disk.put("device", "/dev/nvme0n1");
    ArrayNode partitions = disk.putArray("partitions");
    partition(partitions, "uefi", 1, 536_870_912L);
    partition(partitions, "swap", 2, 4_294_967_296L);
    partition(partitions, "boot", 3, 536_870_912L);
    partition(partitions, "root", 4, 500_000_000_000L);
    ArrayNode filesystems = schema.putArray("filesystems");
    filesystems
        .addObject()
        .put("device", "/dev/nvme0n1p1")
        .put("format", "fat32")
        .put("mountpoint", "/boot/efi");
    filesystems
        .addObject()
        .put("device", "/dev/nvme0n1p3")
        .put("format", "ext4")
        .put("mountpoint", "/boot");
    filesystems
        .addObject()
        .put("device", "/dev/nvme0n1p4")
        .put("format", "ext4")
        .put("mountpoint", "/");
    schema.putArray("raids");
    schema.putObject("zfs").putArray("pools");
    return schema;
  }

  private static void partition(ArrayNode partitions, String label, int number, long size) {
    partitions
        .addObject()
        .put("label", label)
        .put("number", number)
        .put("size", size)
        .put("use_all_available_space", false);
  }
}
