package dev.ironkube.sim.scaleway;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** {@code GET .../offers} and {@code GET .../os} of a zone: read-only, the same every call. */
final class CatalogueRoutes {

  ScwReply offers(ScwRequest request) {
    String zone = request.param("zone");
    if (!OfferCatalogue.ZONES.contains(zone)) {
      return unknownZone();
    }
    ScwPage page = ScwPage.of(request, 50);
    if (page == null) {
      return ScwPage.invalid();
    }
    String period = request.query("subscription_period");
    String name = request.query("name");
    // The fake sells hourly offers only; a monthly filter therefore finds none.
    boolean monthly = "monthly".equals(period);
    List<ObjectNode> all =
        OfferCatalogue.inZone(zone).stream()
            .filter(s -> !monthly && (name == null || s.name().equals(name)))
            .map(s -> OfferCatalogue.json(s, zone))
            .toList();
    return ScwReply.ok(ScwJson.list("offers", page.slice(all), all.size()));
  }

  ScwReply operatingSystems(ScwRequest request) {
    String zone = request.param("zone");
    if (!OfferCatalogue.ZONES.contains(zone)) {
      return unknownZone();
    }
    ScwPage page = ScwPage.of(request, 50);
    if (page == null) {
      return ScwPage.invalid();
    }
    String offerId = request.query("offer_id");
    if (offerId != null && OfferCatalogue.byId(zone, offerId).isEmpty()) {
      return ScwJson.baremetalNotFound();
    }
    List<ObjectNode> all =
        OsCatalogue.ALL.stream()
            .filter(os -> offerId == null || !OsCatalogue.INCOMPATIBLE.contains(os.id()))
            .map(os -> OsCatalogue.json(os, zone))
            .toList();
    return ScwReply.ok(ScwJson.list("os", page.slice(all), all.size()));
  }

  static ScwReply unknownZone() {
    return ScwJson.invalid(
        "zone", "constraint", "zone must be one of " + String.join(", ", OfferCatalogue.ZONES));
  }
}
