package dev.ironkube.access.teleport;

import dev.ironkube.failure.ExitCodes;
import dev.ironkube.failure.OperationFailedException;
import dev.ironkube.failure.RemoteServiceException;
import dev.ironkube.time.HumanDuration;
import dev.ironkube.time.Poller;
import dev.ironkube.time.Poller.Poll;
import dev.ironkube.time.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Waits until teleport-kube-agent has joined: a kube_server named after the cluster is listed by
 * the Auth API. Polls every 15 s for up to 10 min by default (the reference's plan), riding out
 * transient API failures. Timing out is the "Teleport verification failed" outcome: the caller
 * leaves the node running and unlocked, so the failure says exactly that and carries exit code
 * {@link ExitCodes#LEFT_RUNNING}.
 */
public final class AgentRegistration {
  public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(15);
  public static final Duration DEFAULT_LIMIT = Duration.ofMinutes(10);

  private final KubeClusterDirectory directory;
  private final Duration interval;
  private final Duration limit;
  private final Clock clock;
  private final Sleeper sleeper;
  private final Consumer<String> progress;

  public AgentRegistration(KubeClusterDirectory directory) {
    this(directory, DEFAULT_INTERVAL, DEFAULT_LIMIT, Clock.systemUTC(), Sleeper.SYSTEM, line -> {});
  }

  public AgentRegistration(
      KubeClusterDirectory directory,
      Duration interval,
      Duration limit,
      Clock clock,
      Sleeper sleeper,
      Consumer<String> progress) {
    this.directory = Objects.requireNonNull(directory, "directory");
    this.interval = interval;
    this.limit = limit;
    this.clock = clock;
    this.sleeper = sleeper;
    this.progress = progress;
  }

  /** Returns how many listings it took; throws when the limit passes without the cluster. */
  public int await(String clusterName) {
    int[] attempts = {0};
    RemoteServiceException[] lastFailure = {null};
    new Poller(clock, sleeper)
        .reportingTo(
            (last, fraction) ->
                progress.accept(
                    "waiting for the Teleport agent of " + clusterName + " to register: " + last))
        .until(
            "the Teleport agent of " + clusterName,
            limit,
            interval,
            () -> {
              attempts[0]++;
              try {
                return directory.registeredKubeClusters().contains(clusterName)
                    ? Poll.done(true)
                    : Poll.notYet("not listed yet");
              } catch (RemoteServiceException e) {
                lastFailure[0] = e; // ridden out when retryable; named if the wait times out
                throw e;
              }
            },
            last -> notRegistered(clusterName, attempts[0], last, lastFailure[0]));
    progress.accept("Teleport agent of " + clusterName + " registered");
    return attempts[0];
  }

  private OperationFailedException notRegistered(
      String clusterName, int attempts, String last, Throwable cause) {
    return new OperationFailedException(
        "the Teleport agent of cluster '"
            + clusterName
            + "' did not register within "
            + HumanDuration.format(limit)
            + " ("
            + attempts
            + " listings; last: "
            + last
            + "); the node is left running with its firewall NOT locked down",
        "check the teleport-agent pods (kubectl -n teleport-agent logs sts/teleport-kube-agent):"
            + " a token without the Kube role, an expired token or no outbound access to the"
            + " proxy are the usual causes; then destroy the cluster or lock it down by hand",
        ExitCodes.LEFT_RUNNING,
        cause);
  }
}
