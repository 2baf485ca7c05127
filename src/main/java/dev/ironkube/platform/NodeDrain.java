package dev.ironkube.platform;

import dev.ironkube.failure.OperationFailedException;
import dev.ironkube.http.FailureKind;
import dev.ironkube.time.Poller;
import dev.ironkube.time.Poller.Poll;
import dev.ironkube.time.Sleeper;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * Takes a node out of the cluster the way `kubectl drain` does: cordon it (a strategic merge patch
 * setting spec.unschedulable), evict its pods through the Eviction API so disruption budgets are
 * honoured (DaemonSet pods and static mirror pods stay: their controllers would put them back),
 * wait until they are gone, then delete the Node object so it does not linger NotReady.
 */
public final class NodeDrain {
  /** Between two looks at the pods still leaving, with the default node probe interval. */
  public static final Duration DEFAULT_POLL = Duration.ofSeconds(2);

  private final KubernetesClient client;
  private final Clock clock;
  private final Sleeper sleeper;
  private final Consumer<String> progress;
  private final Duration poll;

  public NodeDrain(
      KubernetesClient client, Clock clock, Sleeper sleeper, Consumer<String> progress) {
    this(client, clock, sleeper, progress, DEFAULT_POLL);
  }

  /**
   * @param poll between two looks at the pods still leaving; {@link #pollFor} derives it from the
   *     run's node probe interval, so that a simulated run's scaled interval scales it too
   */
  public NodeDrain(
      KubernetesClient client,
      Clock clock,
      Sleeper sleeper,
      Consumer<String> progress,
      Duration poll) {
    this.client = client;
    this.clock = clock;
    this.sleeper = sleeper;
    this.progress = progress;
    this.poll = poll;
  }

  /**
   * The pods are looked at a quarter as often as the nodes are probed: {@link #DEFAULT_POLL} at the
   * default 500 ms probe interval (spec.waits.talosPollInterval), a few milliseconds in a simulated
   * run, whose time model scales that interval.
   */
  public static Duration pollFor(Duration nodeProbeInterval) {
    return nodeProbeInterval.multipliedBy(4);
  }

  /** Cordons, evicts and deletes {@code node}; returns how many pods were evicted. */
  public int drain(String node, Duration timeout) throws InterruptedException {
    if (client.nodes().withName(node).get() == null) {
      progress.accept(node + " is not registered; nothing to drain");
      return 0;
    }
    int evicted = cordonAndEvict(node, timeout);
    client.nodes().withName(node).delete();
    progress.accept(evicted + " pod(s) evicted; node " + node + " deleted");
    return evicted;
  }

  /** Makes {@code node} schedulable again (the strategic merge patch kubectl uncordon sends). */
  public void uncordon(String node) {
    client
        .nodes()
        .withName(node)
        .patch(PatchContext.of(PatchType.STRATEGIC_MERGE), "{\"spec\":{\"unschedulable\":null}}");
    progress.accept("uncordoned " + node);
  }

  /**
   * Cordons {@code node} and evicts its pods, keeping the Node (a node that comes back, after an
   * upgrade say); returns how many pods were evicted. A node not registered has nothing to drain.
   */
  public int cordonAndEvict(String node, Duration timeout) throws InterruptedException {
    if (client.nodes().withName(node).get() == null) {
      progress.accept(node + " is not registered; nothing to drain");
      return 0;
    }
    client
        .nodes()
        .withName(node)
        .patch(PatchContext.of(PatchType.STRATEGIC_MERGE), "{\"spec\":{\"unschedulable\":true}}");
    progress.accept("cordoned " + node);
    List<Pod> evictable = evictable(node);
    for (Pod pod : evictable) {
      String ns = pod.getMetadata().getNamespace();
      String name = pod.getMetadata().getName();
      try {
        client.pods().inNamespace(ns).withName(name).evict();
      } catch (KubernetesClientException e) {
        if (FailureKind.of(e.getCode()) != FailureKind.NOT_FOUND) { // not found: gone already
          throw new OperationFailedException(
              "evicting " + ns + "/" + name + " from " + node + " failed: " + e.getMessage(),
              "check the pod's PodDisruptionBudget; the node is cordoned and nothing was deleted");
        }
      }
    }
    int[] left = {evictable.size()};
    new Poller(clock, sleeper)
        .reportingTo((detail, fraction) -> progress.accept(detail))
        .until(
            "the pods to leave " + node,
            timeout,
            poll,
            () -> {
              left[0] = evictable(node).size();
              return left[0] == 0
                  ? Poll.done(true)
                  : Poll.notYet(left[0] + " pod(s) still leaving " + node);
            },
            last ->
                new OperationFailedException(
                    left[0] + " pod(s) still on " + node + " after " + timeout.toSeconds() + " s",
                    "the node is cordoned; see 'kubectl get pods -A --field-selector spec.nodeName="
                        + node
                        + "' and run the command again"));
    return evictable.size();
  }

  private List<Pod> evictable(String node) {
    return client
        .pods()
        .inAnyNamespace()
        .withField("spec.nodeName", node)
        .list()
        .getItems()
        .stream()
        .filter(p -> !ownedByDaemonSet(p) && !mirror(p))
        .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
        .toList();
  }

  private static boolean ownedByDaemonSet(Pod p) {
    return p.getMetadata().getOwnerReferences().stream()
        .anyMatch(o -> "DaemonSet".equals(o.getKind()));
  }

  private static boolean mirror(Pod p) {
    return p.getMetadata().getAnnotations() != null
        && p.getMetadata().getAnnotations().containsKey("kubernetes.io/config.mirror");
  }
}
