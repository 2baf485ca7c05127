package dev.ironkube.sim.scaleway;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The offers the fake sells, modelled on the recorded fr-par-2 list (names, specs, prices, tags),
 * spread over zones with every stock level: some offers are {@code empty} somewhere, some lack the
 * {@code cloud-init} tag, and nl-ams-2 sells nothing. Offer ids differ per zone, as Scaleway's do.
 */
final class OfferCatalogue {
  static final List<String> ZONES =
      List.of("fr-par-1", "fr-par-2", "nl-ams-1", "nl-ams-2", "pl-waw-2", "pl-waw-3");

  record Spec(
      String name,
      String cpu,
      int cores,
      int threads,
      int mhz,
      long memoryGb,
      int diskCount,
      long diskBytes,
      String diskType,
      long units,
      long nanos,
      boolean cloudInit,
      Map<String, String> stockByZone) {

    String offerId(String zone) {
      return uuid("offer:" + zone + ":" + name);
    }
  }

  static final List<Spec> SPECS =
      List.of(
          new Spec(
              "EM-A116X-SSD",
              "Intel Xeon E3 1220 v5",
              4,
              4,
              3000,
              32,
              2,
              500_000_000_000L,
              "SSD",
              0,
              77_000_000,
              false,
              Map.of("fr-par-1", "available", "fr-par-2", "available", "nl-ams-1", "low")),
          new Spec(
              "EM-A610R-NVME",
              "AMD Ryzen PRO 3600",
              6,
              12,
              3600,
              32,
              2,
              1_024_209_543_168L,
              "NVMe",
              0,
              110_000_000,
              true,
              Map.of(
                  "fr-par-1",
                  "available",
                  "fr-par-2",
                  "available",
                  "nl-ams-1",
                  "low",
                  "pl-waw-2",
                  "empty")),
          new Spec(
              "EM-B220E-NVME",
              "Intel Xeon E-2136",
              6,
              12,
              3300,
              64,
              2,
              1_000_204_886_016L,
              "NVMe",
              0,
              333_000_000,
              true,
              Map.of("fr-par-2", "available", "nl-ams-1", "empty", "pl-waw-3", "available")),
          new Spec(
              "EM-L110X-SATA",
              "Intel Xeon E3 1230 v6",
              4,
              8,
              3500,
              32,
              4,
              12_000_138_625_024L,
              "SATA",
              0,
              366_000_000,
              false,
              Map.of("fr-par-2", "available")),
          new Spec(
              "EM-I215E-NVME",
              "AMD EPYC 4464P",
              12,
              24,
              3700,
              128,
              2,
              1_920_383_410_176L,
              "NVMe",
              0,
              904_000_000,
              true,
              Map.of("fr-par-2", "available", "nl-ams-1", "available", "pl-waw-3", "low")),
          new Spec(
              "EM-B320E-NVME",
              "Intel Xeon E-2288G",
              8,
              16,
              3700,
              64,
              2,
              1_920_383_410_176L,
              "NVMe",
              0,
              417_000_000,
              true,
              Map.of("fr-par-1", "empty", "fr-par-2", "empty")));

  private OfferCatalogue() {}

  static List<Spec> inZone(String zone) {
    return SPECS.stream().filter(s -> s.stockByZone().containsKey(zone)).toList();
  }

  static Optional<Spec> byId(String zone, String id) {
    return inZone(zone).stream().filter(s -> s.offerId(zone).equals(id)).findFirst();
  }

  static String uuid(String seed) {
    return UUID.nameUUIDFromBytes(seed.getBytes(StandardCharsets.UTF_8)).toString();
  }

  static ObjectNode json(Spec s, String zone) {
    ObjectNode node = ScwJson.object();
    node.put("bandwidth", 1_000_000_000L);
    node.put("commercial_range", s.name().substring(3, 4).toLowerCase(Locale.ROOT));
    ObjectNode cpu = node.putArray("cpus").addObject();
    cpu.put("benchmark", "");
    cpu.put("core_count", s.cores());
    cpu.put("frequency", s.mhz());
    cpu.put("name", s.cpu());
    cpu.put("thread_count", s.threads());
    ArrayNode disks = node.putArray("disks");
    for (int i = 0; i < s.diskCount(); i++) {
      disks.addObject().put("capacity", s.diskBytes()).put("type", s.diskType());
    }
    node.put("enable", true);
    node.set("fee", ScwJson.money(0, 0));
    node.putArray("gpus");
    node.put("id", s.offerId(zone));
    node.set("incompatible_os_ids", ScwJson.array(OsCatalogue.INCOMPATIBLE));
    node.put("max_bandwidth", 1_000_000_000L);
    ObjectNode memory = node.putArray("memories").addObject();
    memory.put("capacity", s.memoryGb() * 1_000_000_000L);
    memory.put("frequency", 3200);
    memory.put("is_ecc", true);
    memory.put("type", "DDR4");
    node.put("monthly_offer_id", uuid("monthly:" + zone + ":" + s.name()));
    node.put("name", s.name());
    node.put("operation_path", "");
    node.putArray("options");
    node.putArray("persistent_memories");
    node.set("price_per_hour", ScwJson.money(s.units(), s.nanos()));
    node.putNull("price_per_month");
    node.put("private_bandwidth", 1_000_000_000L);
    node.put("quota_name", s.name().replace('-', '_'));
    node.putArray("raid_controllers");
    node.put("shared_bandwidth", true);
    node.put("stock", s.stockByZone().get(zone));
    node.put("subscription_period", "hourly");
    node.set(
        "tags",
        ScwJson.array(s.cloudInit() ? List.of("install-system-v2", "cloud-init") : List.of()));
    node.put("zone", zone);
    return node;
  }
}
