package dev.ironkube.sim.talos;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ironkube.sim.Faults;
import dev.ironkube.sim.TimeModel;
import dev.ironkube.sim.kube.KubeApiFake;
import dev.ironkube.sim.kube.KubeCluster;
import dev.ironkube.talos.pki.TalosPem;
import java.security.cert.CertificateParsingException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The simulated node's full Kubernetes API (objects, workloads turning ready, Argo CD
 * Applications), in place of the minimal one that only answers /version and the node list.
 */
final class FullKubernetesApi implements KubernetesApi {
  private final KubeApiFake api;

  private FullKubernetesApi(KubeApiFake api) {
    this.api = api;
  }

  static KubernetesApi.Factory factory(
      TimeModel time, Faults faults, Consumer<ObjectNode> onCreated) {
    return new KubernetesApi.Factory() {
      @Override
      public KubernetesApi start(KubernetesApiSetup setup) {
        KubeApiFake api =
            new KubeApiFake(
                new KubeCluster(time, faults, Clock.systemUTC())
                    .seed(setup.nodeName(), setup.address()),
                setup.address(),
                setup.port(),
                TalosPem.certificate(setup.clusterCa()),
                TalosPem.privateKeyPkcs8(setup.clusterCaKey()),
                setup.nodeName(),
                dnsNames(setup));
        api.onObjectCreated(onCreated);
        return new FullKubernetesApi(api);
      }

      @Override
      public KubernetesApi serve(KubernetesApiSetup setup, KubeCluster shared) {
        return new FullKubernetesApi(
            new KubeApiFake(
                shared,
                setup.address(),
                setup.port(),
                TalosPem.certificate(setup.clusterCa()),
                TalosPem.privateKeyPkcs8(setup.clusterCaKey()),
                setup.nodeName(),
                dnsNames(setup)));
      }
    };
  }

  /** The DNS names the node's kube-apiserver certificate carries (its endpoint's, say). */
  private static List<String> dnsNames(KubernetesApiSetup setup) {
    try {
      var sans = setup.serverCertificate().getSubjectAlternativeNames();
      if (sans == null) {
        return List.of();
      }
      return sans.stream()
          .filter(san -> ((Integer) san.get(0)) == 2)
          .map(san -> (String) san.get(1))
          .toList();
    } catch (CertificateParsingException e) {
      return List.of();
    }
  }

  @Override
  public Optional<KubeCluster> state() {
    return Optional.of(api.cluster());
  }

  @Override
  public int port() {
    return api.url().getPort();
  }

  @Override
  public void close() {
    api.close();
  }
}
