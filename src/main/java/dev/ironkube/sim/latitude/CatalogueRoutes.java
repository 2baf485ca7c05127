package dev.ironkube.sim.latitude;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** The read-only routes: the user profile, sites, plans and operating systems. */
final class CatalogueRoutes {

  Reply profile() {
    return Reply.of(200, JsonApi.single(Team.profile()));
  }

  Reply regions(LatitudeRequest request) {
    Page page = Page.of(request.query());
    if (page == null) {
      return JsonApi.invalid("page", "page parameters must be positive integers");
    }
    String slug = request.filter("slug");
    List<ObjectNode> all =
        Site.ALL.stream()
            .filter(s -> slug == null || s.slug().equalsIgnoreCase(slug))
            .map(Site::toJson)
            .toList();
    return Reply.of(200, JsonApi.list(page.slice(all)));
  }

  Reply region(LatitudeRequest request) {
    return Site.byId(request.pathId())
        .or(() -> Site.bySlug(request.pathId()))
        .map(s -> Reply.of(200, JsonApi.single(s.toJson())))
        .orElseGet(JsonApi::notFound);
  }

  /** {@code GET /plans} is not paginated; filters narrow plans, not their per-country blocks. */
  Reply plans(LatitudeRequest request) {
    String name = request.filter("name");
    String slug = request.filter("slug");
    String location = request.filter("location");
    String inStock = request.filter("in_stock");
    List<ObjectNode> plans =
        PlanCatalogue.ALL.stream()
            .filter(p -> name == null || p.name().equals(name))
            .filter(p -> slug == null || p.slug().equals(slug))
            .filter(p -> location == null || p.availableAt(location.toUpperCase()))
            .filter(
                p ->
                    inStock == null
                        || Boolean.parseBoolean(inStock)
                            == (location == null
                                ? p.stock().stream().anyMatch(c -> !c.inStock().isEmpty())
                                : p.inStockAt(location.toUpperCase())))
            .map(Plan::toJson)
            .toList();
    return Reply.of(200, JsonApi.list(plans));
  }

  Reply plan(LatitudeRequest request) {
    return PlanCatalogue.bySlug(request.pathId())
        .map(p -> Reply.of(200, JsonApi.single(p.toJson())))
        .orElseGet(JsonApi::notFound);
  }

  Reply operatingSystems(LatitudeRequest request) {
    Page page = Page.of(request.query());
    if (page == null) {
      return JsonApi.invalid("page", "page parameters must be positive integers");
    }
    List<ObjectNode> all = OperatingSystem.ALL.stream().map(OperatingSystem::toJson).toList();
    return Reply.of(200, JsonApi.list(page.slice(all)));
  }
}
