package dev.ironkube.provider;

import java.util.List;
import java.util.Optional;

/**
 * What the pipeline needs from a bare-metal provider, in domain terms. Implementations are narrow
 * adapters over one provider's client. Every method that changes something remotely is a single
 * call, so the workflow can journal intent before and the result after it. Failures are {@link
 * dev.ironkube.failure.RemoteServiceException}s; a 404 on delete is success.
 */
public interface BareMetalProvider {

  /** The provider's name as used on the command line ("latitude", "scaleway"). */
  String name();

  /** Validates the credentials with a cheap read call and says who they belong to. */
  Account authenticate();

  /** Every site/zone, all pages. */
  List<Region> regions();

  /** Every plan with its per-site stock and hourly price. */
  List<PlanOffer> offers();

  /**
   * The supporting resources an order needs before the server itself (a project, an SSH key), in
   * the order they must be ensured. Each is found by its marker name or created.
   */
  List<Requirement> requirements(ClusterIdentity cluster);

  /** Finds an existing supporting resource by the requirement's marker name. */
  Optional<ResourceRef> find(Requirement requirement);

  /** Creates a supporting resource. One mutating call. */
  ResourceRef create(Requirement requirement);

  /**
   * Orders one server that boots Talos (directly where the provider allows it). One mutating call;
   * never retried blindly by the implementation. {@code prepared} holds what {@link #requirements}
   * produced, by requirement kind.
   */
  Server order(ServerOrder order, List<ResourceRef> prepared);

  /** Reads one server; empty when the provider says it does not exist. */
  Optional<Server> server(String id);

  /**
   * Everything the provider holds that carries this cluster's markers (servers first, then
   * supporting resources), for destroy when the journal is lost and to detect a create whose
   * response was lost.
   */
  List<ResourceRef> discover(ClusterIdentity cluster);

  /**
   * The provider's network firewall, where it offers one that ironkube can put in front of a server
   * during bootstrap; empty otherwise.
   */
  default Optional<NetworkGuard> networkGuard() {
    return Optional.empty();
  }

  /** Deletes one resource. Already gone is success. One mutating call. */
  void delete(ResourceRef resource);
}
