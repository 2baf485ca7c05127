package dev.ironkube.workflow.provision;

import dev.ironkube.workflow.Wait;

/**
 * Proves that a node booted Talos: the pipeline asks it through the node's own API, because the
 * provider's status is only a hint. Implemented by the Talos stage.
 */
@FunctionalInterface
public interface NodeBoot {
  /** One probe of the node at {@code address}: done when its Talos API answers. */
  Wait.Poll<String> probe(String address);
}
