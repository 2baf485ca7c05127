package dev.ironkube.platform;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ironkube.failure.ExitCodes;
import dev.ironkube.failure.OperationFailedException;
import dev.ironkube.http.FailureKind;
import dev.ironkube.time.HumanDuration;
import dev.ironkube.time.Poller;
import dev.ironkube.time.Poller.Poll;
import dev.ironkube.time.Sleeper;
import dev.ironkube.workflow.Progress;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Waits until every readiness target of a component is ready, against one deadline for the whole
 * component, polling through the injected sleeper (the run's cancellation, so Ctrl-C ends the
 * wait). On timeout the failure names the component, its namespace and why its pods are not ready.
 */
final class ComponentWait {
  private static final String HINT =
      "inspect the namespace with the kubeconfig ironkube wrote, fix the cause, then run again:"
          + " the platform install is idempotent";

  private final KubeApplier kube;
  private final KubernetesClient client;
  private final Clock clock;
  private final Sleeper sleeper;

  ComponentWait(KubeApplier kube, KubernetesClient client, Clock clock, Sleeper sleeper) {
    this.kube = kube;
    this.client = client;
    this.clock = clock;
    this.sleeper = sleeper;
  }

  void untilReady(Component c, Duration timeout, Duration poll, Progress.Step step) {
    Instant deadline = clock.instant().plus(timeout);
    Poller poller = new Poller(clock, sleeper);
    int done = 0;
    for (ReadyTarget target : c.readiness()) {
      double fraction = (double) done / c.readiness().size();
      ObjectNode[] live = {null};
      String[] detail = {""};
      poller
          .reportingTo((last, f) -> step.update(target + ": " + last, fraction))
          .until(
              c.title(),
              Duration.between(clock.instant(), deadline), // one deadline for all targets
              poll,
              () -> {
                Readiness.State state;
                try {
                  live[0] =
                      kube.read(
                          target.apiVersion(), target.kind(), target.namespace(), target.name());
                  state = Readiness.of(target.kind(), live[0]);
                } catch (KubernetesClientException e) {
                  if (FailureKind.of(e.getCode()) == FailureKind.UNAUTHORIZED) {
                    throw e;
                  }
                  state = Readiness.State.waiting("API answered " + e.getCode() + ", retrying");
                }
                detail[0] = state.detail();
                if (state.ready()) {
                  return Poll.done(true);
                }
                if (state.failed()) {
                  throw failure(c, target, state.detail(), live[0], "failed");
                }
                return Poll.notYet(state.detail());
              },
              last ->
                  failure(
                      c,
                      target,
                      detail[0],
                      live[0],
                      "was not ready within " + HumanDuration.format(timeout)));
      done++;
    }
  }

  private OperationFailedException failure(
      Component c, ReadyTarget target, String detail, ObjectNode live, String what) {
    String pods;
    try {
      pods = PodDiagnosis.explain(client, target, live);
    } catch (KubernetesClientException e) {
      pods = "its pods could not be listed (" + e.getMessage() + ")";
    }
    return new OperationFailedException(
        c.title()
            + " (namespace "
            + c.namespace()
            + ") "
            + what
            + ": "
            + target
            + " "
            + detail
            + "; "
            + pods,
        HINT,
        ExitCodes.PROVISION_FAILED,
        null);
  }
}
