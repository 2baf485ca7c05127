package dev.ironkube.sim.talos;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ironkube.sim.Faults;
import dev.ironkube.sim.TimeModel;
import dev.ironkube.sim.kube.KubeApiFake;
import dev.ironkube.sim.kube.KubeCluster;
import dev.ironkube.talos.pki.TalosPem;
import java.time.Clock;
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
                setup.address(),
                setup.port(),
                TalosPem.certificate(setup.clusterCa()),
                TalosPem.privateKeyPkcs8(setup.clusterCaKey()),
                time,
                faults,
                Clock.systemUTC(),
                setup.nodeName());
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
                setup.nodeName()));
      }
    };
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
