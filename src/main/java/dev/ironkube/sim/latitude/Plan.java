package dev.ironkube.sim.latitude;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * One plan of the simulated catalogue with what {@code GET /plans} and a server body show of it.
 *
 * @param usdHour the United States hourly list price; other countries scale it
 * @param ipxe whether the iPXE image is provisionable on it (the cheapest plan is not, as 5dlabs
 *     found on the real service)
 */
record Plan(
    String id,
    String slug,
    List<String> features,
    Cpu cpu,
    int memoryGb,
    Drive drive,
    String nic,
    String gpu,
    double usdHour,
    boolean ipxe,
    List<CountryStock> stock) {

  record Cpu(String type, double clock, int cores, String model) {}

  record Drive(int count, String size, String type) {}

  /** The plan name uses dots where the slug has dashes ("c2.small.x86"). */
  String name() {
    return slug.replace('-', '.');
  }

  boolean inStockAt(String site) {
    return stock.stream().anyMatch(c -> c.inStock().contains(site));
  }

  boolean availableAt(String site) {
    return stock.stream().anyMatch(c -> c.available().contains(site));
  }

  double hourlyAt(String site) {
    return stock.stream()
        .filter(c -> c.available().contains(site))
        .findFirst()
        .map(c -> round2(usdHour * c.priceFactor()))
        .orElse(usdHour);
  }

  ObjectNode toJson() {
    ObjectNode attributes = JsonApi.object();
    attributes.put("slug", slug);
    attributes.put("name", name());
    ArrayNode featureArray = attributes.putArray("features");
    features.forEach(featureArray::add);
    ObjectNode specs = attributes.putObject("specs");
    ObjectNode cpuNode = specs.putObject("cpu");
    cpuNode.put("type", cpu.type);
    cpuNode.put("clock", cpu.clock);
    cpuNode.put("cores", cpu.cores);
    cpuNode.put("count", 1);
    specs.putObject("memory").put("total", memoryGb);
    ObjectNode driveNode = specs.putArray("drives").addObject();
    driveNode.put("count", drive.count);
    driveNode.put("size", drive.size);
    driveNode.put("type", drive.type);
    ObjectNode nicNode = specs.putArray("nics").addObject();
    nicNode.put("count", 1);
    nicNode.put("type", nic);
    ObjectNode gpuNode = specs.putObject("gpu");
    if (gpu != null) {
      gpuNode.put("count", 1);
      gpuNode.put("type", gpu);
    }
    ArrayNode regions = attributes.putArray("regions");
    for (CountryStock country : stock) {
      regions.add(region(country));
    }
    return JsonApi.resource(id, "plans", attributes);
  }

  private ObjectNode region(CountryStock country) {
    ObjectNode region = JsonApi.object();
    region.put("name", country.country());
    ArrayNode instant = region.putArray("deploys_instantly");
    if (!country.inStock().isEmpty()) {
      instant.add("ubuntu_24_04_x64_lts");
    }
    ObjectNode locations = region.putObject("locations");
    country.available().forEach(locations.putArray("available")::add);
    country.inStock().forEach(locations.putArray("in_stock")::add);
    region.put("stock_level", country.stockLevel());
    double hour = round2(usdHour * country.priceFactor());
    long month = Math.round(hour * 695);
    long year = Math.round(month * 8.82);
    ObjectNode pricing = region.putObject("pricing");
    ObjectNode usd = pricing.putObject("USD");
    usd.put("hour", hour);
    usd.put("month", (double) month);
    usd.put("year", (double) year);
    ObjectNode brl = pricing.putObject("BRL");
    brl.put("hour", round2(hour * 4.99));
    brl.put("month", (double) Math.round(month * 4.99));
    brl.put("year", (double) Math.round(year * 4.99));
    return region;
  }

  /** The {@code plan} block inside a server. */
  ObjectNode serverPlan(String billing) {
    ObjectNode plan = JsonApi.object();
    plan.put("id", id);
    plan.put("name", name());
    plan.put("slug", slug);
    plan.put("billing", billing);
    return plan;
  }

  /** The {@code specs} block inside a server: display strings, unlike the plan's own specs. */
  ObjectNode serverSpecs(boolean withGpu) {
    ObjectNode specs = JsonApi.object();
    specs.put("cpu", cpu.model + " (" + cpu.cores + " cores)");
    specs.put("disk", (drive.count > 1 ? drive.count + " X " : "") + drive.size + " " + drive.type);
    specs.put("ram", memoryGb + " GB");
    specs.put("nic", nic.replace(" Gbps", " Gbit/s"));
    if (withGpu) {
      if (gpu == null) {
        specs.putNull("gpu");
      } else {
        specs.put("gpu", gpu);
      }
    }
    return specs;
  }

  private static double round2(double value) {
    return Math.round(value * 100) / 100.0;
  }
}
