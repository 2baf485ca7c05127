package dev.ironkube.access.teleport;

import dev.ironkube.failure.ExitCodes;
import dev.ironkube.failure.OperationFailedException;
import dev.ironkube.failure.ProviderException;
import dev.ironkube.time.HumanDuration;
import dev.ironkube.time.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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
    Instant deadline = clock.instant().plus(limit);
    String last = "not listed yet";
    Throwable lastFailure = null;
    for (int attempt = 1; ; attempt++) {
      try {
        if (directory.registeredKubeClusters().contains(clusterName)) {
          progress.accept("Teleport agent of " + clusterName + " registered");
          return attempt;
        }
        last = "not listed yet";
      } catch (ProviderException e) {
        if (!e.retryable()) {
          throw e;
        }
        last = e.getMessage();
        lastFailure = e;
      }
      if (!clock.instant().plus(interval).isBefore(deadline.plusMillis(1))) {
        throw notRegistered(clusterName, attempt, last, lastFailure);
      }
      progress.accept("waiting for the Teleport agent of " + clusterName + " to register: " + last);
      try {
        sleeper.sleep(interval);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new OperationFailedException(
            "interrupted while waiting for the Teleport agent of " + clusterName,
            "",
            ExitCodes.INTERRUPTED,
            e);
      }
    }
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
