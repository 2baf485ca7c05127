package dev.ironkube.talos.upgrade;

import dev.ironkube.failure.IronkubeException;
import dev.ironkube.failure.OperationFailedException;
import dev.ironkube.platform.KubeConnection;
import dev.ironkube.platform.NodeDrain;
import dev.ironkube.talos.api.Polling;
import dev.ironkube.talos.api.ServiceStatus;
import dev.ironkube.talos.api.TalosClient;
import dev.ironkube.talos.api.TalosIdentity;
import dev.ironkube.workflow.Cancellation;
import dev.ironkube.workflow.upgrade.ClusterMember;
import dev.ironkube.workflow.upgrade.RollingCluster;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * {@link RollingCluster} over the Talos machine API (mTLS with the cluster's admin talosconfig, one
 * client per node kept for the run) and the Kubernetes API (the admin kubeconfig, dialled at each
 * control plane in turn, since the one it names may be the one rebooting).
 */
public final class ApiRollingCluster implements RollingCluster {
  private final TalosIdentity identity;
  private final int talosPort;
  private final String kubeconfig;
  private final List<String> controlPlaneAddresses;
  private final Polling polling;
  private final Clock clock;
  private final Cancellation cancellation;
  private final Consumer<String> progress;
  private final Map<String, TalosClient> talos = new LinkedHashMap<>();
  private final Map<String, KubeConnection> kube = new LinkedHashMap<>();

  /**
   * @param talosPort 50000 for real nodes; a test may pass another
   * @param controlPlaneAddresses where the Kubernetes API is dialled, in order of preference
   */
  public ApiRollingCluster(
      TalosIdentity identity,
      int talosPort,
      String kubeconfig,
      List<String> controlPlaneAddresses,
      Clock clock,
      Cancellation cancellation,
      Consumer<String> progress) {
    this.identity = identity;
    this.talosPort = talosPort;
    this.kubeconfig = kubeconfig;
    this.controlPlaneAddresses = List.copyOf(controlPlaneAddresses);
    this.clock = clock;
    this.cancellation = cancellation;
    this.progress = progress;
    this.polling =
        Polling.defaults()
            .withClock(clock)
            .withSleeper(cancellation)
            .withCallTimeout(Duration.ofSeconds(5));
  }

  /**
   * The node's client, kept for the run. Every call is a probe of a node that may have just come
   * back from a reboot, so the channel's reconnect backoff is skipped first: without that, a node
   * back after a reboot stayed unseen for the backoff's growing pauses (seconds here, up to two
   * minutes after a real 90-second reboot).
   */
  private synchronized TalosClient talos(ClusterMember node) {
    TalosClient client =
        talos.computeIfAbsent(
            node.address(), a -> TalosClient.secure(a, talosPort, identity, polling));
    client.skipReconnectBackoff();
    return client;
  }

  @Override
  public Optional<String> talosVersion(ClusterMember node) {
    try {
      return Optional.of(talos(node).version().tag());
    } catch (IronkubeException e) {
      return Optional.empty();
    }
  }

  @Override
  public Map<String, Boolean> services(ClusterMember node) {
    try {
      Map<String, Boolean> out = new LinkedHashMap<>();
      for (ServiceStatus s : talos(node).serviceList()) {
        out.put(s.id(), s.runningAndHealthy());
      }
      return out;
    } catch (IronkubeException e) {
      return Map.of();
    }
  }

  @Override
  public List<String> etcdMembers(ClusterMember controlPlane) {
    try {
      List<String> out = new ArrayList<>();
      talos(controlPlane).etcdMembers().forEach(m -> out.add(m.hostname()));
      return out;
    } catch (IronkubeException e) {
      return List.of();
    }
  }

  @Override
  public Optional<KubeNode> kubeNode(String hostname) {
    for (String cp : controlPlaneAddresses) {
      try {
        Node n = kube(cp).client().nodes().withName(hostname).get();
        if (n == null) {
          return Optional.empty();
        }
        boolean ready =
            n.getStatus() != null
                && n.getStatus().getConditions().stream()
                    .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
        boolean cordoned =
            n.getSpec() != null && Boolean.TRUE.equals(n.getSpec().getUnschedulable());
        var info = n.getStatus() == null ? null : n.getStatus().getNodeInfo();
        return Optional.of(
            new KubeNode(
                ready,
                cordoned,
                info == null ? "" : String.valueOf(info.getKubeletVersion()),
                info == null ? "" : String.valueOf(info.getOsImage())));
      } catch (KubernetesClientException e) {
        // this control plane's API does not answer (rebooting, say): ask the next one
      }
    }
    return Optional.empty();
  }

  @Override
  public void cordonAndDrain(ClusterMember node, Duration timeout, Duration probeInterval) {
    withKube(
        "drain " + node.hostname(),
        k -> {
          try {
            new NodeDrain(
                    k.client(), clock, cancellation, progress, NodeDrain.pollFor(probeInterval))
                .cordonAndEvict(node.hostname(), timeout);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Cancellation.CancelledException("interrupted");
          }
        });
  }

  @Override
  public void uncordon(ClusterMember node) {
    withKube(
        "uncordon " + node.hostname(),
        k -> new NodeDrain(k.client(), clock, cancellation, progress).uncordon(node.hostname()));
  }

  @Override
  public String upgrade(ClusterMember node, String image) {
    return talos(node).upgrade(image);
  }

  @Override
  public byte[] runningConfig(ClusterMember node) {
    return talos(node).machineConfig();
  }

  @Override
  public void applyWithoutReboot(ClusterMember node, byte[] config) {
    talos(node).applyConfigurationNoReboot(config);
  }

  @Override
  public boolean needsReboot(ClusterMember node, byte[] config) {
    return talos(node).needsReboot(config);
  }

  @Override
  public void stageConfig(ClusterMember node, byte[] config) {
    talos(node).applyConfigurationStaged(config);
  }

  /**
   * AUTO mode: before 1.14 machined reboots for a change CanApplyImmediate refuses (REBOOT mode is
   * refused outright by 1.14, which needs no reboot for any change). The node drops the connection
   * as it goes down; the rollout then waits for it back.
   */
  @Override
  public void applyWithReboot(ClusterMember node, byte[] config) {
    talos(node).applyConfiguration(config);
  }

  /** Runs {@code call} against the first control plane whose API answers. */
  private void withKube(String what, Consumer<KubeConnection> call) {
    KubernetesClientException last = null;
    for (String cp : controlPlaneAddresses) {
      try {
        call.accept(kube(cp));
        return;
      } catch (KubernetesClientException e) {
        last = e;
      }
    }
    throw new OperationFailedException(
        what
            + " failed: no control plane's Kubernetes API answered"
            + (last == null ? "" : " (" + last.getMessage() + ")"),
        "check the control planes; nothing else was changed");
  }

  private synchronized KubeConnection kube(String address) {
    return kube.computeIfAbsent(address, a -> KubeConnection.fromKubeconfig(kubeconfig, a));
  }

  @Override
  public synchronized void close() {
    talos.values().forEach(TalosClient::close);
    kube.values().forEach(KubeConnection::close);
    talos.clear();
    kube.clear();
  }
}
