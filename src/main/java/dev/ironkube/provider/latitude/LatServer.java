package dev.ironkube.provider.latitude;

/**
 * Attributes of a server. {@code status} stays an open string: Latitude sends values its own spec
 * does not list ("starting_deploy", "ready", "failed_disk_erasing"). The 201 of a create holds only
 * some of these; the rest are null there.
 */
public record LatServer(
    String hostname,
    String label,
    String status,
    String primaryIpv4,
    String primaryIpv6,
    Boolean locked,
    Region region,
    Plan plan,
    Project project) {

  public String siteSlug() {
    return region == null || region.site() == null ? null : region.site().slug();
  }

  public String planSlug() {
    return plan == null ? null : plan.slug();
  }

  public record Region(String city, String country, Site site) {}

  public record Site(String id, String name, String slug, String facility) {}

  public record Plan(String id, String name, String slug, String billing) {}

  public record Project(String id, String name, String slug) {}
}
