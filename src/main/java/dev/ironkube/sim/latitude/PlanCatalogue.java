package dev.ironkube.sim.latitude;

import dev.ironkube.sim.latitude.Plan.Cpu;
import dev.ironkube.sim.latitude.Plan.Drive;
import java.util.List;
import java.util.Optional;

/**
 * The simulated plan catalogue. c2-small-x86 carries the recorded stock of the real plan (FRA, SYD
 * and BUE sold out); the others are plausible variations chosen so every selection path is
 * exercised: a plan with no stock anywhere (s3-large-x86), one that cannot boot iPXE (c1-tiny-x86),
 * one in stock at a single site (g3-h100-small).
 */
final class PlanCatalogue {
  private static final List<String> SSH = List.of("ssh", "user_data");
  private static final List<String> RAID = List.of("ssh", "raid", "user_data");

  static final List<Plan> ALL =
      List.of(
          new Plan(
              "plan_2X6KG5mA5yPBM",
              "c2-small-x86",
              SSH,
              new Cpu("E-2134G", 3.5, 4, "Xeon E-2278G CPU @ 3.40GHz"),
              32,
              new Drive(1, "500 GB", "SSD"),
              "1 Gbps",
              null,
              0.21,
              true,
              List.of(
                  CountryStock.of("Chile", "SAN3,SAN", "SAN3,SAN", "high"),
                  CountryStock.none("Germany", "FRA"),
                  CountryStock.none("Australia", "SYD2,SYD"),
                  CountryStock.of("Mexico", "MEX2", "MEX2", "high"),
                  CountryStock.of(
                      "United States",
                      "CHI,ASH,DAL,MIA2,LAX,NYC,MIA",
                      "CHI,DAL,MIA2,LAX,NYC",
                      "high"),
                  CountryStock.of("Colombia", "BGT", "BGT", "low"),
                  CountryStock.of("Japan", "TYO,TYO3,TYO2", "TYO,TYO3,TYO2", "high"),
                  CountryStock.of("United Kingdom", "LON,LON2", "LON2", "high"),
                  CountryStock.none("Argentina", "BUE"),
                  CountryStock.of("Brazil", "SAO2,SAO", "SAO2,SAO", "high"))),
          new Plan(
              "plan_pRMdWzQBoBxDm",
              "c2-medium-x86",
              RAID,
              new Cpu("E-2276G", 3.8, 6, "Xeon E-2276G CPU @ 3.80GHz"),
              64,
              new Drive(2, "960 GB", "NVME"),
              "10 Gbps",
              null,
              0.41,
              true,
              List.of(
                  CountryStock.of("United States", "ASH,DAL,NYC,CHI", "ASH,DAL,NYC", "medium"),
                  CountryStock.of("Brazil", "SAO", "SAO", "low"),
                  CountryStock.of("Germany", "FRA", "FRA", "medium"))),
          new Plan(
              "plan_VE1Wd3aXDXnZJ",
              "c3-small-x86",
              RAID,
              new Cpu("E-2388G", 3.2, 8, "Xeon E-2388G CPU @ 3.20GHz"),
              64,
              new Drive(2, "480 GB", "SSD"),
              "10 Gbps",
              null,
              0.38,
              true,
              List.of(
                  CountryStock.of("United States", "MIA2,DAL,LAX,ASH", "MIA2,DAL,LAX", "high"),
                  CountryStock.of("United Kingdom", "LON2", "LON2", "medium"),
                  CountryStock.of("Japan", "TYO3", "TYO3", "low"),
                  CountryStock.none("Singapore", "SGP"))),
          new Plan(
              "plan_K9nGdYv3aBqWe",
              "m4-metal-small",
              RAID,
              new Cpu("AMD EPYC 4464P", 3.7, 12, "AMD EPYC 4464P 12-Core Processor"),
              64,
              new Drive(2, "1.9 TB", "NVME"),
              "2 x 10 Gbps",
              null,
              0.56,
              true,
              List.of(
                  CountryStock.of("United States", "ASH,DAL", "ASH", "low"),
                  CountryStock.of("Germany", "FRA", "FRA", "high"),
                  CountryStock.of("Singapore", "SGP", "SGP", "medium"))),
          new Plan(
              "plan_w8Lq2ZrXyO5dP",
              "c1-tiny-x86",
              SSH,
              new Cpu("E3-1240 v3", 3.4, 4, "Xeon E3-1240 v3 @ 3.40GHz"),
              16,
              new Drive(1, "240 GB", "SSD"),
              "1 Gbps",
              null,
              0.10,
              false,
              List.of(CountryStock.of("United States", "ASH,CHI", "ASH,CHI", "high"))),
          new Plan(
              "plan_Gr47qleMDAg0m",
              "s3-large-x86",
              RAID,
              new Cpu("Silver 4314", 2.4, 16, "Xeon Silver 4314 CPU @ 2.40GHz"),
              256,
              new Drive(12, "16 TB", "HDD"),
              "2 x 10 Gbps",
              null,
              1.09,
              true,
              List.of(
                  CountryStock.none("United States", "ASH,DAL"),
                  CountryStock.none("Brazil", "SAO"))),
          new Plan(
              "plan_3vwMAjnwk3cPl",
              "g3-h100-small",
              RAID,
              new Cpu("AMD EPYC 9124", 3.0, 16, "AMD EPYC 9124 16-Core Processor"),
              128,
              new Drive(2, "3.8 TB", "NVME"),
              "2 x 25 Gbps",
              "NVIDIA H100 PCIe",
              2.25,
              true,
              List.of(CountryStock.of("United States", "DAL,ASH", "DAL", "low"))));

  private PlanCatalogue() {}

  static Optional<Plan> bySlug(String slug) {
    return ALL.stream().filter(p -> p.slug().equals(slug) || p.id().equals(slug)).findFirst();
  }

  static Optional<Plan> byId(String id) {
    return ALL.stream().filter(p -> p.id().equals(id)).findFirst();
  }
}
