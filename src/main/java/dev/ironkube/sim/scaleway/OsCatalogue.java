package dev.ironkube.sim.scaleway;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;

/**
 * The operating systems the fake installs, with the ids Scaleway uses in every zone (from the
 * recorded fr-par-2 list) and the same cloud-init support.
 */
final class OsCatalogue {
  record Os(
      String id,
      String name,
      String version,
      String logo,
      boolean cloudInit,
      boolean sshRequired,
      String user) {}

  static final List<Os> ALL =
      List.of(
          new Os(
              "7d1914e1-f4ab-47fc-bd8c-b3a23143e87a",
              "Ubuntu",
              "24.04 LTS (Noble Numbat)",
              "ubuntu.png",
              true,
              true,
              "ubuntu"),
          new Os(
              "96e5f0f2-d216-4de2-8a15-68730d877885",
              "Ubuntu",
              "22.04 LTS (Jammy Jellyfish)",
              "ubuntu.png",
              true,
              true,
              "ubuntu"),
          new Os(
              "03b7f4ba-a6a1-4305-984e-b54fafbf1681",
              "Ubuntu",
              "20.04 LTS (Focal Fossa)",
              "ubuntu.png",
              false,
              true,
              "ubuntu"),
          new Os(
              "83640d93-a0b8-45ad-9c9f-30cae48380a4",
              "Debian",
              "12 (Bookworm)",
              "debian.png",
              true,
              true,
              "debian"),
          new Os(
              "bf705b90-1548-4368-98ca-d17dbd8dd860",
              "Windows",
              "2022 64BITS standard",
              "windows.png",
              false,
              false,
              "Administrator"));

  /** Windows needs a license option the fake does not sell; no offer takes it. */
  static final List<String> INCOMPATIBLE = List.of("bf705b90-1548-4368-98ca-d17dbd8dd860");

  private OsCatalogue() {}

  static Optional<Os> byId(String id) {
    return ALL.stream().filter(os -> os.id().equals(id)).findFirst();
  }

  static ObjectNode json(Os os, String zone) {
    ObjectNode node = ScwJson.object();
    node.put("allowed", true);
    node.put("cloud_init_supported", os.cloudInit());
    if (os.cloudInit()) {
      node.put("cloud_init_version", "22.1");
    }
    node.put("custom_partitioning_supported", os.cloudInit());
    node.put("enabled", true);
    node.put("id", os.id());
    node.put("license_required", false);
    node.put("logo_url", "https://baremetal-logos-fr.s3.fr-par.scw.cloud/" + os.logo());
    node.put("name", os.name());
    node.set("password", field(null, false));
    node.set("service_password", field(null, false));
    node.set("service_user", field(null, false));
    node.set("ssh", field(null, os.sshRequired()));
    node.set("user", field(os.user(), false));
    node.put("version", os.version());
    node.put("zone", zone);
    return node;
  }

  private static ObjectNode field(String defaultValue, boolean required) {
    ObjectNode node = ScwJson.object();
    node.put("default_value", defaultValue);
    node.put("editable", false);
    node.put("required", required);
    return node;
  }
}
