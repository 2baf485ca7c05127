package dev.ironkube.sim.latitude;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;

/**
 * The images Latitude installs, as in the recorded {@code GET /plans/operating_systems}. iPXE is
 * the one ironkube uses: no RAID, rescue, SSH keys or user data, and not on every plan.
 */
record OperatingSystem(
    String id,
    String name,
    String distro,
    String slug,
    String version,
    String user,
    String series,
    boolean full) {
  static final String IPXE = "ipxe";

  static final List<OperatingSystem> ALL =
      List.of(
          new OperatingSystem(
              "os_Z1Gjbano0L2wl",
              "Custom image (iPXE)",
              "iPXE",
              IPXE,
              "(iPXE)",
              "ubuntu",
              "ipxe",
              false),
          new OperatingSystem(
              "os_D6B9VaLRN7vrk",
              "Debian 11",
              "debian",
              "debian_11",
              "11",
              "debian",
              "bullseye",
              true),
          new OperatingSystem(
              "os_JLqG158d5BOgv",
              "Debian 12",
              "debian",
              "debian_12",
              "12",
              "debian",
              "bookworm",
              true),
          new OperatingSystem(
              "os_PogXka9d5JdBA",
              "Rocky Linux 8",
              "rocky",
              "rockylinux_8",
              "8",
              "cloud-user",
              "green obsidian",
              true),
          new OperatingSystem(
              "os_qewOM5GbNp8ER",
              "Ubuntu 24.04",
              "ubuntu",
              "ubuntu_24_04_x64_lts",
              "24.04",
              "ubuntu",
              "noble",
              true),
          new OperatingSystem(
              "os_bXDO7NYP0Pgw8",
              "Ubuntu 22.04",
              "ubuntu",
              "ubuntu_22_04_x64_lts",
              "22.04",
              "ubuntu",
              "jammy",
              true),
          new OperatingSystem(
              "os_87vRENkgNdPyk",
              "Ubuntu 20.04",
              "ubuntu",
              "ubuntu_20_04_x64_lts",
              "20.04",
              "ubuntu",
              "focal",
              true));

  static Optional<OperatingSystem> bySlug(String slug) {
    return ALL.stream().filter(os -> os.slug.equals(slug)).findFirst();
  }

  boolean ipxe() {
    return IPXE.equals(slug);
  }

  boolean provisionableOn(Plan plan) {
    return !ipxe() || plan.ipxe();
  }

  ObjectNode toJson() {
    ObjectNode attributes = JsonApi.object();
    attributes.put("name", name);
    attributes.put("distro", distro);
    attributes.put("slug", slug);
    attributes.put("version", version);
    attributes.put("user", user);
    attributes.set("features", features(true));
    ArrayNode plans = attributes.putArray("provisionable_on");
    PlanCatalogue.ALL.stream().filter(this::provisionableOn).forEach(p -> plans.add(p.name()));
    return JsonApi.resource(id, "operating_system", attributes);
  }

  /** The {@code operating_system} block inside a server. */
  ObjectNode serverBlock() {
    ObjectNode block = JsonApi.object();
    block.put("name", name);
    block.put("slug", slug);
    block.put("version", version);
    block.set("features", features(true));
    ObjectNode distroNode = block.putObject("distro");
    distroNode.put("name", distro.toLowerCase());
    distroNode.put("slug", distro.toLowerCase());
    distroNode.put("series", series);
    return block;
  }

  private ObjectNode features(boolean withRescue) {
    ObjectNode features = JsonApi.object();
    features.put("raid", full);
    if (withRescue) {
      features.put("rescue", full);
    }
    features.put("ssh_keys", full);
    features.put("user_data", full);
    return features;
  }
}
