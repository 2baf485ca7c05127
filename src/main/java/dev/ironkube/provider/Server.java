package dev.ironkube.provider;

/**
 * A server as the provider reports it. {@link #state()} is only a hint: readiness is proven by the
 * node's Talos API.
 *
 * @param status the provider's raw status string, kept for messages
 */
public record Server(
    String id, String hostname, String status, State state, String ipv4, String site, String plan) {

  /** The provider's status folded into what the pipeline acts on. */
  public enum State {
    /** Being deployed, installed, erased or otherwise on its way. */
    PROVISIONING,
    /** The provider considers it deployed (a hint, may be stale). */
    ACTIVE,
    /** The provider reports a failed deployment; waiting longer will not help. */
    FAILED,
    /** Being deleted. */
    DELETING,
    /** A status ironkube does not know; treated like PROVISIONING. */
    UNKNOWN
  }
}
