package dev.ironkube.workflow.provision;

import dev.ironkube.provider.ResourceRef;
import dev.ironkube.settings.NodePools;

/** One node of the cluster as a provisioning run knows it. */
final class Member {
  final String hostname;
  final NodePools.Pool pool;
  volatile ResourceRef server;
  volatile String ipv4;

  Member(String hostname, NodePools.Pool pool) {
    this.hostname = hostname;
    this.pool = pool;
  }

  boolean controlPlane() {
    return pool.controlPlane();
  }

  TalosStage.Node node() {
    return new TalosStage.Node(hostname, ipv4, server.id(), controlPlane());
  }

  @Override
  public String toString() {
    return hostname;
  }
}
