package dev.ironkube.access.teleport;

import java.util.Set;

/** Where registered Kubernetes clusters are listed; {@link TeleportClient} in product use. */
@FunctionalInterface
public interface KubeClusterDirectory {
  Set<String> registeredKubeClusters();
}
