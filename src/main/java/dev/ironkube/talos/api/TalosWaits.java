package dev.ironkube.talos.api;

import dev.ironkube.failure.OperationFailedException;
import dev.ironkube.failure.ProviderException;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/** The polling loops behind {@link TalosClient}'s waits and its bootstrap retry. */
final class TalosWaits {
  private final TalosClient client;
  private final Polling polling;

  TalosWaits(TalosClient client, Polling polling) {
    this.client = client;
    this.polling = polling;
  }

  /**
   * Repeats {@code probe} until it answers. Transient failures and refused handshakes (the node
   * still on its previous certificate, or mid-reboot) are retried; other failures end the wait.
   */
  <T> T until(String what, Duration timeout, String hint, Supplier<T> probe) {
    Instant deadline = polling.deadlineAfter(timeout);
    String last = "no attempt made";
    String lastProgress = "";
    while (true) {
      client.channel().skipReconnectBackoff();
      try {
        return probe.get();
      } catch (ProviderException e) {
        boolean handshake = TalosCallFailures.handshakeRefused(e);
        if (!e.retryable() && !handshake) {
          throw e;
        }
        last = e.getMessage();
      }
      if (polling.expired(deadline)) {
        throw new OperationFailedException(
            client.target() + " did not answer " + what + " within " + timeout + "; last: " + last,
            hint);
      }
      String line = "waiting for " + what + " on " + client.target() + ": " + last;
      if (!line.equals(lastProgress)) {
        polling.progress().accept(line); // once per change, not once per probe
        lastProgress = line;
      }
      polling.pause();
    }
  }

  TalosClient.BootstrapResult bootstrap(Duration timeout, Supplier<?> call) {
    Instant deadline = polling.deadlineAfter(timeout);
    while (true) {
      client.channel().skipReconnectBackoff();
      Status status;
      try {
        call.get();
        return TalosClient.BootstrapResult.BOOTSTRAPPED;
      } catch (StatusRuntimeException e) {
        status = e.getStatus();
        if (status.getCode() == Status.Code.ALREADY_EXISTS) {
          return TalosClient.BootstrapResult.ALREADY_BOOTSTRAPPED;
        }
        // A refused handshake will not heal by itself: awaitSecure already saw the node answer.
        boolean notYet =
            !TalosCallFailures.handshakeRefused(e)
                && (status.getCode() == Status.Code.FAILED_PRECONDITION
                    || TalosCallFailures.retryable(status.getCode()));
        if (!notYet) {
          throw TalosCallFailures.translate(client.target(), "Bootstrap", e);
        }
      }
      String last = status.getCode() + ": " + status.getDescription();
      if (polling.expired(deadline)) {
        throw new OperationFailedException(
            "bootstrap of "
                + client.target()
                + " did not succeed within "
                + timeout
                + "; last: "
                + last,
            "check the node's time sync (NTP) and that etcd is waiting for bootstrap");
      }
      polling.progress().accept("bootstrap not possible yet on " + client.target() + ": " + last);
      polling.pause();
    }
  }

  List<ServiceStatus> healthy(Set<String> wanted, Duration timeout) {
    Instant deadline = polling.deadlineAfter(timeout);
    Map<String, String> lastSeen = new LinkedHashMap<>();
    for (String id : new TreeSet<>(wanted)) {
      lastSeen.put(id, "not listed by the node");
    }
    String lastError = "";
    String lastProgress = "";
    while (true) {
      client.channel().skipReconnectBackoff();
      try {
        List<ServiceStatus> services = client.serviceList();
        lastError = "";
        for (ServiceStatus s : services) {
          lastSeen.computeIfPresent(s.id(), (id, old) -> s.describe());
        }
        Set<String> pending = new TreeSet<>(wanted);
        services.stream()
            .filter(ServiceStatus::runningAndHealthy)
            .forEach(s -> pending.remove(s.id()));
        if (pending.isEmpty()) {
          return services;
        }
        String line = "waiting for " + String.join(", ", pending) + " to be healthy";
        if (!line.equals(lastProgress)) {
          polling.progress().accept(line);
          lastProgress = line;
        }
      } catch (ProviderException e) {
        if (!e.retryable()) {
          throw e;
        }
        lastError = e.getMessage();
      }
      if (polling.expired(deadline)) {
        throw notHealthy(timeout, lastSeen, lastError);
      }
      polling.pause();
    }
  }

  private OperationFailedException notHealthy(
      Duration timeout, Map<String, String> lastSeen, String lastError) {
    if (!lastError.isEmpty()) {
      return new OperationFailedException(
          client.target()
              + " stopped answering while waiting for services within "
              + timeout
              + "; last: "
              + lastError,
          "check that the node is up");
    }
    for (var e : lastSeen.entrySet()) {
      if (!e.getValue().startsWith("Running, healthy")) {
        return new OperationFailedException(
            "service '"
                + e.getKey()
                + "' on "
                + client.target()
                + " did not become healthy within "
                + timeout
                + "; last state: "
                + e.getValue(),
            "inspect it with: talosctl -n <node> service " + e.getKey() + " / logs " + e.getKey());
      }
    }
    return new OperationFailedException(
        "services on " + client.target() + " did not become healthy within " + timeout, "");
  }
}
