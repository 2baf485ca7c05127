package dev.ironkube.provider.scaleway;

import dev.ironkube.failure.RemoteServiceException;
import dev.ironkube.failure.UserInputException;
import dev.ironkube.http.JsonHttpBuilder;
import dev.ironkube.provider.Account;
import dev.ironkube.provider.BareMetalProvider;
import dev.ironkube.provider.ClusterIdentity;
import dev.ironkube.provider.PlanOffer;
import dev.ironkube.provider.Region;
import dev.ironkube.provider.Requirement;
import dev.ironkube.provider.ResourceRef;
import dev.ironkube.provider.Server;
import dev.ironkube.provider.ServerOrder;
import dev.ironkube.settings.Secret;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * Scaleway Elastic Metal behind the provider SPI. Scaleway cannot network-boot a custom image, so a
 * server is ordered with a cloud-init capable Linux install whose user data overwrites the disk
 * with Talos ({@link PivotScript}). A cluster's servers carry the tags {@value #TAG} and {@code
 * ironkube-cluster=<name>}, which is how they are found again without a journal. Server ids are
 * {@code <zone>/<uuid>}, because every server call needs its zone.
 */
public final class ScalewayProvider implements BareMetalProvider {
  public static final String SSH_KEY = "ssh_key";
  public static final String TAG = "ironkube";
  static final String PUBLIC_KEY = "public_key";
  private static final String SERVICE = ScalewayErrorDecoder.SERVICE;

  private final ScalewayClient client;
  private final String defaultZone;
  private final Supplier<String> publicKey;

  /**
   * @param defaultZone SCW_DEFAULT_ZONE, for server ids given without a zone
   * @param publicKey the operator's SSH public key, asked for only when a key must be created
   *     (Scaleway refuses a Linux install without one, even though Talos replaces it)
   */
  public ScalewayProvider(ScalewayClient client, String defaultZone, Supplier<String> publicKey) {
    this.client = Objects.requireNonNull(client);
    this.defaultZone = defaultZone == null || defaultZone.isBlank() ? "fr-par-2" : defaultZone;
    this.publicKey = Objects.requireNonNull(publicKey);
  }

  /**
   * Builds client and transport from the SCW_* settings.
   *
   * @param accessKey SCW_ACCESS_KEY, may be null; not sent, since Scaleway authenticates by the
   *     secret key alone, and not shown either
   * @param secretKey SCW_SECRET_KEY, sent as X-Auth-Token
   * @param apiUrl SCW_API_URL, or null for {@link ScalewayClient#DEFAULT_BASE_URI}
   * @param transport adds a sleeper, clock, listeners... to the transport before it is built
   */
  public static ScalewayProvider create(
      String accessKey,
      Secret secretKey,
      String projectId,
      String defaultZone,
      URI apiUrl,
      UnaryOperator<JsonHttpBuilder> transport,
      Supplier<String> publicKey) {
    URI base = apiUrl == null ? ScalewayClient.DEFAULT_BASE_URI : apiUrl;
    ScalewayClient client =
        new ScalewayClient(
            transport.apply(ScalewayClient.transport(base, secretKey)).build(), projectId);
    return new ScalewayProvider(client, defaultZone, publicKey);
  }

  @Override
  public String name() {
    return "scaleway";
  }

  /** Scaleway has no "who am I" for API keys that is cheaper than reading one SSH key. */
  @Override
  public Account authenticate() {
    client.probeCredentials();
    return new Account(client.projectId(), "Scaleway project " + client.projectId());
  }

  @Override
  public List<Region> regions() {
    return ScalewayZones.ALL;
  }

  @Override
  public List<PlanOffer> offers() {
    List<PlanOffer> offers = new ArrayList<>();
    for (Region zone : ScalewayZones.ALL) {
      for (ScwOffer offer : client.offers(zone.slug())) {
        offers.add(ScalewayOffers.of(offer, zone.slug()));
      }
    }
    return offers;
  }

  @Override
  public List<Requirement> requirements(ClusterIdentity cluster) {
    return List.of(new Requirement(SSH_KEY, cluster.markerName(), Map.of()));
  }

  @Override
  public Optional<ResourceRef> find(Requirement requirement) {
    requireSshKey(requirement.kind());
    return client
        .findSshKey(requirement.name())
        .map(k -> new ResourceRef(SSH_KEY, k.id(), requirement.name()));
  }

  @Override
  public ResourceRef create(Requirement requirement) {
    requireSshKey(requirement.kind());
    String key =
        requirement.attributes().containsKey(PUBLIC_KEY)
            ? requirement.attributes().get(PUBLIC_KEY)
            : publicKey.get();
    return new ResourceRef(
        SSH_KEY, client.createSshKey(requirement.name(), key).id(), requirement.name());
  }

  /**
   * Reads the zone's offers and OSes, then orders with one create that installs the chosen OS and
   * hands it the pivot. Refuses offers without cloud-init or stock before anything is ordered.
   */
  @Override
  public Server order(ServerOrder order, List<ResourceRef> prepared) {
    String zone = order.site();
    if (ScalewayZones.bySlug(zone).isEmpty()) {
      throw new UserInputException(
          "Scaleway has no Elastic Metal zone " + zone,
          "use one of " + ScalewayZones.ALL.stream().map(Region::slug).toList());
    }
    List<String> keys =
        prepared.stream().filter(r -> SSH_KEY.equals(r.kind())).map(ResourceRef::id).toList();
    if (keys.isEmpty()) {
      throw new IllegalStateException("order needs the cluster's SSH key first");
    }
    ScwOffer offer = offer(zone, order.plan());
    ScwOs os =
        PivotOs.choose(client.operatingSystems(zone, offer.id()), offer)
            .orElseThrow(
                () ->
                    new RemoteServiceException.Rejected(
                        SERVICE,
                        "Scaleway offers no cloud-init capable OS for "
                            + offer.name()
                            + " in "
                            + zone,
                        "choose another offer"));
    ScwNewServer body =
        new ScwNewServer(
            offer.id(),
            client.projectId(),
            order.hostname(),
            "Talos node of the ironkube cluster " + order.cluster().clusterName(),
            tags(order.cluster()),
            new ScwNewServer.Install(os.id(), order.hostname(), keys),
            PivotScript.userData(order.boot().rawImageUrl(), Optional.empty()));
    return toServer(client.createServer(zone, body), zone);
  }

  @Override
  public Optional<Server> server(String id) {
    ServerId sid = ServerId.parse(id, defaultZone);
    return client.server(sid.zone(), sid.uuid()).map(s -> toServer(s, sid.zone()));
  }

  @Override
  public List<ResourceRef> discover(ClusterIdentity cluster) {
    List<ResourceRef> found = new ArrayList<>();
    List<String> tags = List.of(clusterTag(cluster));
    for (Region zone : ScalewayZones.ALL) {
      for (ScwServer s : client.servers(zone.slug(), tags)) {
        found.add(
            new ResourceRef(
                ResourceRef.SERVER, new ServerId(zone.slug(), s.id()).toString(), s.name()));
      }
    }
    client
        .findSshKey(cluster.markerName())
        .ifPresent(k -> found.add(new ResourceRef(SSH_KEY, k.id(), cluster.markerName())));
    return found;
  }

  @Override
  public void delete(ResourceRef resource) {
    switch (resource.kind()) {
      case ResourceRef.SERVER -> {
        ServerId sid = ServerId.parse(resource.id(), defaultZone);
        client.deleteServer(sid.zone(), sid.uuid());
      }
      case SSH_KEY -> client.deleteSshKey(resource.id());
      default -> throw unknownKind(resource.kind());
    }
  }

  static List<String> tags(ClusterIdentity cluster) {
    return List.of(TAG, clusterTag(cluster));
  }

  static String clusterTag(ClusterIdentity cluster) {
    return "ironkube-cluster=" + cluster.clusterName();
  }

  static Server toServer(ScwServer s, String zone) {
    String hostname =
        s.install() != null && s.install().hostname() != null && !s.install().hostname().isEmpty()
            ? s.install().hostname()
            : s.name();
    String status =
        s.installStatus() == null
            ? s.status()
            : s.status() + " (install " + s.installStatus() + ")";
    return new Server(
        new ServerId(s.zone() == null ? zone : s.zone(), s.id()).toString(),
        hostname,
        status,
        ScalewayStatus.state(s.status(), s.installStatus()),
        s.ipv4(),
        s.zone() == null ? zone : s.zone(),
        s.offerName());
  }

  /** The hourly offer by name (or id), checked for what the pivot needs. */
  private ScwOffer offer(String zone, String plan) {
    ScwOffer offer =
        client.offers(zone).stream()
            .filter(o -> plan.equals(o.name()) || plan.equals(o.id()))
            .findFirst()
            .orElseThrow(
                () ->
                    new UserInputException(
                        "Scaleway has no offer " + plan + " in " + zone,
                        "list offers with: ironkube offers --provider scaleway"));
    if (!offer.supportsCloudInit()) {
      throw new RemoteServiceException.Rejected(
          SERVICE,
          "offer " + offer.name() + " in " + zone + " does not support cloud-init",
          ScalewayErrorDecoder.CLOUD_INIT_HINT);
    }
    if (!offer.orderable()) {
      throw new RemoteServiceException.Rejected(
          SERVICE,
          "offer " + offer.name() + " is out of stock in " + zone,
          "choose another offer or zone");
    }
    return offer;
  }

  private static void requireSshKey(String kind) {
    if (!SSH_KEY.equals(kind)) {
      throw unknownKind(kind);
    }
  }

  private static IllegalArgumentException unknownKind(String kind) {
    return new IllegalArgumentException("Scaleway has no resource kind " + kind);
  }
}
