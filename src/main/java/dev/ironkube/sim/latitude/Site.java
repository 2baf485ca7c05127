package dev.ironkube.sim.latitude;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;

/**
 * A Latitude site ("region" in the API). The list is the 20 sites of the recorded first page of
 * {@code GET /regions}, in recorded order, followed by the three the recordings show elsewhere (SAO
 * in server bodies; DAL and LAX in plan stock), so that a client reading one page misses some, as
 * against the real API.
 */
record Site(String id, String name, String slug, String facility, String country) {

  static final List<Site> ALL =
      List.of(
          new Site("loc_OmJyo0vL5Dkw9", "Sydney 2", "SYD2", "Equinix SY5", "Australia"),
          new Site("loc_4g3PYaR30yozM", "Singapore", "SGP", "Equinix SG2", "Singapore"),
          new Site("loc_nzZOo0leNKQYb", "Tokyo 3", "TYO3", "Equinix TY10", "Japan"),
          new Site(
              "loc_28mop5gvNjxvn",
              "London 2",
              "LON2",
              "Telehouse Docklands South",
              "United Kingdom"),
          new Site("loc_JLqG158d5BOgv", "Miami 2", "MIA2", "Colohouse - Miami", "United States"),
          new Site("loc_D6B9VaLRN7vrk", "Santiago 3", "SAN3", "Ascenty  Chile 2", "Chile"),
          new Site("loc_PogXka9d5JdBA", "Frankfurt", "FRA", "Leaseweb Germany GmbH", "Germany"),
          new Site("loc_Ylnow0Ow09x1q", "Mexico City 2", "MEX2", "Ascenty MEX1", "Mexico"),
          new Site("loc_l3xMV0xKamQp7", "Bogota", "BGT", "Odata", "Colombia"),
          new Site("loc_zdexA0q8alQVv", "Ashburn", "ASH", "DEFT IAD", "United States"),
          new Site("loc_wmgWeN6O5Yd7k", "Chicago", "CHI", "Deft CH1", "United States"),
          new Site("loc_rx3egaQx546Q8", "Buenos Aires", "BUE", "SYT", "Argentina"),
          new Site("loc_ZnPRbajK0koM1", "São Paulo 2", "SAO2", "Scala SP2", "Brazil"),
          new Site("loc_ndYjv5rwaqp7l", "London", "LON", "LDEX1", "United Kingdom"),
          new Site("loc_mYx2za1KNVrLO", "Tokyo", "TYO", "Equinix TY8", "Japan"),
          new Site("loc_dM3Beabm5LnbE", "Tokyo 2", "TYO2", "Equinix TY6", "Japan"),
          new Site("loc_kjv6m5JD0LPeE", "Santiago", "SAN", "GTD", "Chile"),
          new Site("loc_Dy9815Xx5vEkd", "Sydney", "SYD", "Global Switch SYD", "Australia"),
          new Site("loc_Vy3ZXaDW5p2ml", "New York", "NYC", "NYI NY2", "United States"),
          new Site("loc_vYGwn0Vqa63JD", "Miami", "MIA", "Equinix MI1", "United States"),
          new Site("loc_87vRENkgNdPyk", "São Paulo", "SAO", "Latitude.sh SP1", "Brazil"),
          new Site("loc_Q9wE3rT5yU7iO", "Dallas", "DAL", "Digital Realty DFW", "United States"),
          new Site(
              "loc_A1sD3fG5hJ7kL", "Los Angeles", "LAX", "Digital Realty LAX", "United States"));

  static Optional<Site> bySlug(String slug) {
    return ALL.stream().filter(s -> s.slug.equalsIgnoreCase(slug)).findFirst();
  }

  static Optional<Site> byId(String id) {
    return ALL.stream().filter(s -> s.id.equals(id)).findFirst();
  }

  ObjectNode toJson() {
    ObjectNode attributes = JsonApi.object();
    attributes.put("name", name);
    attributes.put("slug", slug);
    attributes.put("facility", facility);
    ObjectNode countryNode = attributes.putObject("country");
    countryNode.put("name", country);
    countryNode.put("slug", country.toLowerCase().replace(' ', '-'));
    attributes.put("type", "Core");
    return JsonApi.resource(id, "regions", attributes);
  }

  /** The {@code region} block inside a server. */
  ObjectNode serverRegion() {
    ObjectNode region = JsonApi.object();
    region.put("city", name.replaceAll(" \\d+$", ""));
    region.put("country", country);
    ObjectNode site = region.putObject("site");
    site.put("id", id);
    site.put("name", name);
    site.put("slug", slug);
    site.put("facility", facility);
    return region;
  }
}
