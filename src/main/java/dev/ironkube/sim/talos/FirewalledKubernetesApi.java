package dev.ironkube.sim.talos;

import dev.ironkube.sim.kube.KubeCluster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.function.Function;

/**
 * Any {@link KubernetesApi} published on 6443 through the node's firewall: the API itself listens
 * on an ephemeral port of the node's address, and {@link FirewalledPort} owns the published one.
 */
final class FirewalledKubernetesApi implements KubernetesApi {
  private final KubernetesApi inner;
  private final FirewalledPort front;

  private FirewalledKubernetesApi(KubernetesApi inner, FirewalledPort front) {
    this.inner = inner;
    this.front = front;
  }

  static KubernetesApi start(
      Function<KubernetesApiSetup, KubernetesApi> factory,
      KubernetesApiSetup published,
      NodeIngress ingress) {
    KubernetesApiSetup hidden =
        new KubernetesApiSetup(
            published.address(),
            0,
            published.nodeName(),
            published.kubernetesVersion(),
            published.serverCertificate(),
            published.serverKey(),
            published.clusterCa(),
            published.clusterCaKey());
    KubernetesApi inner = factory.apply(hidden);
    try {
      FirewalledPort front =
          new FirewalledPort(
              published.address(),
              published.port(),
              NodeIngress.KUBERNETES_API,
              new InetSocketAddress(published.address(), inner.port()),
              ingress);
      return new FirewalledKubernetesApi(inner, front);
    } catch (IOException e) {
      inner.close();
      throw new UncheckedIOException("cannot publish the Kubernetes API on " + published, e);
    }
  }

  @Override
  public int port() {
    return front.port();
  }

  @Override
  public Optional<KubeCluster> state() {
    return inner.state();
  }

  @Override
  public void close() {
    front.close();
    inner.close();
  }
}
