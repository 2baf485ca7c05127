package dev.ironkube.provider;

import java.util.List;
import java.util.Optional;

/**
 * A provider's network firewall in front of a server, used to keep the Talos maintenance API
 * (50000, unauthenticated until a config is applied) reachable only from the operator while the
 * node waits to be configured. Each mutating method is one call, so the workflow can journal it;
 * the resources it returns are deleted through {@link BareMetalProvider#delete} like any other.
 */
public interface NetworkGuard {
  /** The kind of a firewall resource. */
  String FIREWALL = "firewall";

  /**
   * The kind of a server's place behind a firewall. Its id is {@code <firewall id>/<assignment
   * id>}, since removing it needs both; its name is the server's id.
   */
  String ASSIGNMENT = "firewall_assignment";

  /** The TCP ports the guard closes to everyone but the operator. */
  List<Integer> guardedPorts();

  /** The cluster's firewall, found by its marker name (the oldest, should there be several). */
  Optional<ResourceRef> find(ClusterIdentity cluster);

  /**
   * Creates the cluster's firewall, named with its marker, letting {@code operatorCidrs} reach the
   * guarded ports and leaving every other port as open as without a firewall. One mutating call,
   * never repeated by the implementation.
   */
  ResourceRef create(ClusterIdentity cluster, List<String> operatorCidrs);

  /** Puts a server behind the firewall. One mutating call, never repeated. */
  ResourceRef assign(ResourceRef firewall, String serverId);

  /** The server's place behind the firewall, if it has one (after an answer was lost). */
  Optional<ResourceRef> findAssignment(ResourceRef firewall, String serverId);
}
