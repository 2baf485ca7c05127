package dev.ironkube.provider.latitude;

import static dev.ironkube.http.JsonTree.decimal;
import static dev.ironkube.http.JsonTree.integer;
import static dev.ironkube.http.JsonTree.list;
import static dev.ironkube.http.JsonTree.object;
import static dev.ironkube.http.JsonTree.real;
import static dev.ironkube.http.JsonTree.string;
import static dev.ironkube.http.JsonTree.strings;

import dev.ironkube.http.JsonTree;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * {@code GET /plans}, {@code /plans/operating_systems} and {@code /regions} answers mapped member
 * by member from a {@link JsonTree}, to the same records databind fills for the other calls and
 * with its lenience: unknown members ignored, missing ones null, snake_case names ({@code
 * stock_level}, {@code in_stock}), numbers and text coerced into each other. `ironkube plans` and
 * `regions` wait on nothing else, so they skip databind's set-up and its reflection over the
 * records.
 */
final class LatitudeJson {
  private LatitudeJson() {}

  static LatPage<LatResource<LatPlan>> plans(Object root) {
    return page(root, LatitudeJson::plan);
  }

  static LatPage<LatResource<LatRegion>> regions(Object root) {
    return page(root, LatitudeJson::region);
  }

  static LatPage<LatResource<LatOperatingSystem>> operatingSystems(Object root) {
    return page(
        root,
        a ->
            new LatOperatingSystem(
                string(a, "name"), string(a, "slug"), strings(a, "provisionable_on")));
  }

  private static <A> LatPage<LatResource<A>> page(
      Object root, Function<Map<String, Object>, A> attributes) {
    List<Object> data = list(object(root, "the answer").get("data"), "data");
    if (data == null) {
      return new LatPage<>(null);
    }
    List<LatResource<A>> items = new ArrayList<>(data.size());
    for (Object item : data) {
      Map<String, Object> r = object(item, "a data item");
      if (r == null) {
        items.add(null);
        continue;
      }
      Map<String, Object> a = object(r.get("attributes"), "attributes");
      items.add(
          new LatResource<>(
              string(r, "id"), string(r, "type"), a == null ? null : attributes.apply(a)));
    }
    return new LatPage<>(items);
  }

  private static LatRegion region(Map<String, Object> a) {
    Map<String, Object> c = object(a.get("country"), "country");
    return new LatRegion(
        string(a, "name"),
        string(a, "slug"),
        string(a, "facility"),
        c == null ? null : new LatRegion.Country(string(c, "name"), string(c, "slug")));
  }

  private static LatPlan plan(Map<String, Object> a) {
    return new LatPlan(
        string(a, "slug"),
        string(a, "name"),
        strings(a, "features"),
        specs(object(a.get("specs"), "specs")),
        each(a.get("regions"), "regions", LatitudeJson::countryOffer));
  }

  private static LatPlan.Specs specs(Map<String, Object> s) {
    if (s == null) {
      return null;
    }
    Map<String, Object> cpu = object(s.get("cpu"), "cpu");
    Map<String, Object> memory = object(s.get("memory"), "memory");
    return new LatPlan.Specs(
        cpu == null
            ? null
            : new LatPlan.Cpu(
                string(cpu, "type"),
                real(cpu, "clock"),
                integer(cpu, "cores"),
                integer(cpu, "count")),
        memory == null ? null : new LatPlan.Memory(integer(memory, "total")),
        each(
            s.get("drives"),
            "drives",
            d -> new LatPlan.Drive(integer(d, "count"), string(d, "size"), string(d, "type"))));
  }

  private static LatPlan.CountryOffer countryOffer(Map<String, Object> o) {
    Map<String, Object> l = object(o.get("locations"), "locations");
    Map<String, Object> pricing = object(o.get("pricing"), "pricing");
    Map<String, LatPlan.Price> prices = null;
    if (pricing != null) {
      prices = new LinkedHashMap<>();
      for (Map.Entry<String, Object> e : pricing.entrySet()) {
        Map<String, Object> p = object(e.getValue(), "a price");
        prices.put(
            e.getKey(),
            p == null
                ? null
                : new LatPlan.Price(decimal(p, "hour"), decimal(p, "month"), decimal(p, "year")));
      }
    }
    return new LatPlan.CountryOffer(
        string(o, "name"),
        l == null ? null : new LatPlan.Locations(strings(l, "available"), strings(l, "in_stock")),
        string(o, "stock_level"),
        prices);
  }

  /** A member holding a list of objects, each mapped; null stays null, as do null items. */
  private static <T> List<T> each(
      Object value, String what, Function<Map<String, Object>, T> mapping) {
    List<Object> l = list(value, what);
    if (l == null) {
      return null;
    }
    List<T> out = new ArrayList<>(l.size());
    for (Object item : l) {
      Map<String, Object> o = object(item, what + " item");
      out.add(o == null ? null : mapping.apply(o));
    }
    return out;
  }
}
