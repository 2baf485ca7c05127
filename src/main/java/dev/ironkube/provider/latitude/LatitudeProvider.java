package dev.ironkube.provider.latitude;

import dev.ironkube.failure.RemoteServiceException;
import dev.ironkube.failure.UserInputException;
import dev.ironkube.provider.Account;
import dev.ironkube.provider.BareMetalProvider;
import dev.ironkube.provider.ClusterIdentity;
import dev.ironkube.provider.NetworkGuard;
import dev.ironkube.provider.PlanOffer;
import dev.ironkube.provider.Region;
import dev.ironkube.provider.Requirement;
import dev.ironkube.provider.ResourceRef;
import dev.ironkube.provider.Server;
import dev.ironkube.provider.ServerOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Latitude.sh behind the provider SPI. A cluster's servers live in a project named after the
 * cluster, which is how they are found again without a journal; servers boot Talos straight from
 * the Image Factory's iPXE script, with no operating system installed first.
 */
public final class LatitudeProvider implements BareMetalProvider {
  public static final String PROJECT = ResourceRef.PROJECT;
  public static final String SSH_KEY = "ssh_key";
  static final String PUBLIC_KEY = "public_key";
  static final String DESCRIPTION = "description";

  /**
   * Latitude's own rule, which Terraform enforces before calling: a rejected order wastes a write.
   */
  private static final Pattern VALID_HOSTNAME =
      Pattern.compile("(?=.{1,32}$)[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?");

  private final LatitudeClient client;
  private final Supplier<String> publicKey;
  private final LatitudeFirewall firewall;

  /**
   * @param publicKey the operator's SSH public key, asked for only when a key must be created
   *     (Latitude's out-of-band console needs one)
   */
  public LatitudeProvider(LatitudeClient client, Supplier<String> publicKey) {
    this.client = Objects.requireNonNull(client);
    this.publicKey = Objects.requireNonNull(publicKey);
    this.firewall = new LatitudeFirewall(client);
  }

  @Override
  public String name() {
    return "latitude";
  }

  @Override
  public Account authenticate() {
    LatResource<LatProfile> profile = client.profile();
    LatProfile p = profile.attributes();
    String name =
        p == null
            ? profile.id()
            : String.join(" ", nonNull(p.firstName()), nonNull(p.lastName())).strip();
    String email = p == null || p.email() == null ? "" : " <" + p.email() + ">";
    return new Account(profile.id(), (name.isEmpty() ? profile.id() : name) + email);
  }

  @Override
  public List<Region> regions() {
    return client.regions().stream()
        .filter(r -> r.attributes() != null)
        .map(
            r ->
                new Region(
                    r.attributes().slug(),
                    r.attributes().name(),
                    r.attributes().country() == null ? "" : r.attributes().country().name()))
        .toList();
  }

  /**
   * Every plan at every site. The plans and the operating systems (which plans boot iPXE) are two
   * independent reads, so the plans are asked for on a second thread meanwhile: a listing waits one
   * round trip to Latitude instead of two.
   */
  @Override
  public List<PlanOffer> offers() {
    FutureTask<List<LatResource<LatPlan>>> plans = new FutureTask<>(client::plans);
    Thread.ofPlatform().daemon().name("latitude-plans").start(plans);
    try {
      Optional<Set<String>> ipxePlans =
          client.operatingSystems().stream()
              .map(LatResource::attributes)
              .filter(os -> os != null && "ipxe".equals(os.slug()))
              .findFirst()
              .map(os -> Set.copyOf(os.plans()));
      List<PlanOffer> offers = new ArrayList<>();
      for (LatResource<LatPlan> plan : joined(plans)) {
        offers.addAll(PlanOffers.of(plan, ipxePlans));
      }
      return offers;
    } finally {
      plans.cancel(true);
    }
  }

  /** The read's result, or its failure as the read threw it. */
  private static <T> T joined(FutureTask<T> read) {
    try {
      return read.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RemoteServiceException.Transient(
          LatitudeErrorDecoder.SERVICE, "interrupted while reading Latitude.sh's plans", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException failure) {
        throw failure;
      }
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  @Override
  public List<Requirement> requirements(ClusterIdentity cluster) {
    String marker = cluster.markerName();
    return List.of(
        new Requirement(
            PROJECT,
            marker,
            Map.of(
                DESCRIPTION,
                "Created by ironkube for the Talos cluster "
                    + cluster.clusterName()
                    + "; ironkube destroy removes it.")),
        new Requirement(SSH_KEY, marker, Map.of()));
  }

  @Override
  public Optional<ResourceRef> find(Requirement requirement) {
    return switch (requirement.kind()) {
      case PROJECT ->
          client.findProject(requirement.name()).map(p -> ref(PROJECT, p.id(), requirement.name()));
      case SSH_KEY ->
          client.findSshKey(requirement.name()).map(k -> ref(SSH_KEY, k.id(), requirement.name()));
      default -> throw unknownKind(requirement.kind());
    };
  }

  @Override
  public ResourceRef create(Requirement requirement) {
    return switch (requirement.kind()) {
      case PROJECT -> {
        String description =
            requirement.attributes().getOrDefault(DESCRIPTION, "Created by ironkube");
        yield ref(
            PROJECT,
            client.createProject(requirement.name(), description).id(),
            requirement.name());
      }
      case SSH_KEY -> {
        String key =
            requirement.attributes().containsKey(PUBLIC_KEY)
                ? requirement.attributes().get(PUBLIC_KEY)
                : publicKey.get();
        yield ref(
            SSH_KEY, client.createSshKey(requirement.name(), key, null).id(), requirement.name());
      }
      default -> throw unknownKind(requirement.kind());
    };
  }

  @Override
  public Server order(ServerOrder order, List<ResourceRef> prepared) {
    String project =
        prepared.stream()
            .filter(r -> PROJECT.equals(r.kind()))
            .map(ResourceRef::id)
            .findFirst()
            .orElseThrow(
                () -> new IllegalStateException("order needs the cluster's project first"));
    if (!VALID_HOSTNAME.matcher(order.hostname()).matches()) {
      throw new UserInputException(
          "Latitude.sh cannot name a server " + order.hostname(),
          "use at most 32 letters, digits, dots and dashes, starting and ending with a letter or"
              + " digit (a shorter cluster name helps)");
    }
    String site = order.site().toUpperCase(Locale.ROOT);
    LatNewServer request =
        new LatNewServer(
            project, order.plan(), site, "ipxe", order.boot().pxeUrl(), order.hostname(), "hourly");
    Server created = toServer(client.createServer(request));
    // The create answer carries no region; the order knows the site.
    return created.site() == null
        ? new Server(
            created.id(),
            created.hostname(),
            created.status(),
            created.state(),
            created.ipv4(),
            site,
            created.plan() == null ? order.plan() : created.plan())
        : created;
  }

  @Override
  public Optional<Server> server(String id) {
    return client.server(id).map(LatitudeProvider::toServer);
  }

  @Override
  public Optional<NetworkGuard> networkGuard() {
    return Optional.of(firewall);
  }

  @Override
  public List<ResourceRef> discover(ClusterIdentity cluster) {
    String marker = cluster.markerName();
    Optional<LatResource<LatProject>> project = client.findProject(marker);
    Map<String, ResourceRef> servers = new LinkedHashMap<>();
    project.ifPresent(
        p -> client.servers(p.id(), null).forEach(s -> servers.put(s.id(), serverRef(s))));
    for (LatResource<LatServer> s : client.servers(null, null)) {
      if (hasPrefix(s, cluster.hostnamePrefix()) && !inOtherIronkubeProject(s, marker)) {
        servers.putIfAbsent(s.id(), serverRef(s));
      }
    }
    List<ResourceRef> found = new ArrayList<>(servers.values());
    // Firewalls before the project that holds them; deleting a server ends its assignments.
    client
        .findFirewalls(marker)
        .forEach(f -> found.add(ref(NetworkGuard.FIREWALL, f.id(), marker)));
    client.findSshKey(marker).ifPresent(k -> found.add(ref(SSH_KEY, k.id(), marker)));
    project.ifPresent(p -> found.add(ref(PROJECT, p.id(), marker)));
    return found;
  }

  @Override
  public void delete(ResourceRef resource) {
    switch (resource.kind()) {
      case ResourceRef.SERVER -> client.deleteServer(resource.id());
      case SSH_KEY -> client.deleteSshKey(resource.id());
      case PROJECT -> client.deleteProject(resource.id());
      case NetworkGuard.FIREWALL -> client.deleteFirewall(resource.id());
      case NetworkGuard.ASSIGNMENT -> firewall.unassign(resource);
      default -> throw unknownKind(resource.kind());
    }
  }

  static Server toServer(LatResource<LatServer> resource) {
    LatServer s = resource.attributes();
    if (s == null) {
      return new Server(resource.id(), null, null, Server.State.UNKNOWN, null, null, null);
    }
    return new Server(
        resource.id(),
        s.hostname(),
        s.status(),
        LatitudeStatus.state(s.status()),
        s.primaryIpv4(),
        s.siteSlug(),
        s.planSlug());
  }

  private static boolean hasPrefix(LatResource<LatServer> s, String prefix) {
    return s.attributes() != null
        && s.attributes().hostname() != null
        && s.attributes().hostname().startsWith(prefix);
  }

  /**
   * Cluster "demo"'s prefix also matches cluster "demo-2"'s nodes; a server that sits in another
   * ironkube project belongs to that cluster and must not be destroyed with this one.
   */
  private static boolean inOtherIronkubeProject(LatResource<LatServer> s, String marker) {
    LatServer.Project project = s.attributes().project();
    return project != null
        && project.name() != null
        && project.name().startsWith("ironkube-")
        && !project.name().equals(marker);
  }

  private static ResourceRef serverRef(LatResource<LatServer> s) {
    return new ResourceRef(
        ResourceRef.SERVER, s.id(), s.attributes() == null ? null : s.attributes().hostname());
  }

  private static ResourceRef ref(String kind, String id, String name) {
    return new ResourceRef(kind, id, name);
  }

  private static IllegalArgumentException unknownKind(String kind) {
    return new IllegalArgumentException("Latitude.sh has no resource kind " + kind);
  }

  private static String nonNull(String s) {
    return s == null ? "" : s;
  }
}
