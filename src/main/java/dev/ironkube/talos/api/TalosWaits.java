package dev.ironkube.talos.api;

import dev.ironkube.failure.OperationFailedException;
import dev.ironkube.failure.RemoteServiceException;
import dev.ironkube.time.HumanDuration;
import dev.ironkube.time.Poller;
import dev.ironkube.time.Poller.Poll;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
   * Repeats {@code probe} until it answers. Transient failures and handshakes that may heal (the
   * node still on its previous certificate, mid-reboot, a clock catching up) are retried, each
   * progress line naming what failed; a handshake that cannot heal by waiting ends the wait at
   * once, naming the problem and the fix (see {@link #finalFailure}); other failures end it too.
   */
  <T> T until(String what, Duration timeout, String hint, Supplier<T> probe) {
    String target = client.target();
    return polling
        .poller()
        .reportingTo( // once per change, not once per probe
            Poller.Listener.onChange(
                (last, fraction) ->
                    polling
                        .progress()
                        .accept("waiting for " + what + " on " + target + ": " + last)))
        .until(
            what + " on " + target,
            timeout,
            polling.interval(),
            () -> {
              client.channel().skipReconnectBackoff();
              try {
                return Poll.done(probe.get());
              } catch (RemoteServiceException e) {
                Optional<TlsFailure> tls = TlsFailure.of(e);
                if (tls.isEmpty()) {
                  throw e; // ridden out when retryable, the end of the wait otherwise
                }
                Optional<OperationFailedException> stop = finalFailure(tls.get());
                if (stop.isPresent()) {
                  throw stop.get();
                }
                return Poll.notYet("the node answers, but " + tls.get().describe());
              }
            },
            last ->
                new OperationFailedException(
                    target
                        + " did not answer "
                        + what
                        + " within "
                        + HumanDuration.format(timeout)
                        + "; last: "
                        + last,
                    hint));
  }

  /**
   * The handshake failures waiting cannot cure. On the maintenance channel: a certificate we cannot
   * parse (the node builds it once per boot). Over mTLS: a certificate from another CA or one that
   * does not name the address. A certificate the JDK cannot parse over mTLS is the node's
   * maintenance certificate (empty issuer) while it reboots into its config: that heals.
   */
  private Optional<OperationFailedException> finalFailure(TlsFailure f) {
    String node = client.target();
    return switch (f.kind()) {
      case CERTIFICATE_UNPARSABLE ->
          client.maintenanceChannel()
              ? Optional.of(
                  new OperationFailedException(
                      "the TLS handshake with "
                          + node
                          + " in maintenance mode failed: "
                          + f.describe()
                          + "; waiting will not change that",
                      "the maintenance channel must accept Talos's maintenance certificate (a"
                          + " self-signed root with an empty subject); if BouncyCastle was"
                          + " upgraded past 1.84, see TalosTls.maintenance"))
              : Optional.empty();
      case UNTRUSTED_ISSUER ->
          Optional.of(
              new OperationFailedException(
                  "the TLS handshake with "
                      + node
                      + " over mTLS failed: "
                      + f.describe()
                      + "; the node runs a config made from other secrets than this talosconfig",
                  "use the talosconfig (secrets bundle) this node was configured with, or reset"
                      + " the node to maintenance mode and apply the config again"));
      case NAME_OR_USAGE ->
          Optional.of(
              new OperationFailedException(
                  "the TLS handshake with " + node + " over mTLS failed: " + f.describe(),
                  "add the address to machine.certSANs in the machine config and apply it, or"
                      + " dial an address the certificate names"));
      case VALIDITY, REFUSED_BY_NODE, OTHER -> Optional.empty();
    };
  }

  TalosClient.BootstrapResult bootstrap(Duration timeout, Supplier<?> call) {
    String target = client.target();
    return polling
        .poller()
        .toleratingInARow(0) // only the answers below mean "not yet"; any other failure is final
        .reportingTo(
            (last, fraction) ->
                polling.progress().accept("bootstrap not possible yet on " + target + ": " + last))
        .until(
            "bootstrap of " + target,
            timeout,
            polling.interval(),
            () -> {
              client.channel().skipReconnectBackoff();
              try {
                call.get();
                return Poll.done(TalosClient.BootstrapResult.BOOTSTRAPPED);
              } catch (StatusRuntimeException e) {
                Status status = e.getStatus();
                if (status.getCode() == Status.Code.ALREADY_EXISTS) {
                  return Poll.done(TalosClient.BootstrapResult.ALREADY_BOOTSTRAPPED);
                }
                // A refused handshake will not heal by itself: awaitSecure already saw the node.
                boolean notYet =
                    !TalosCallFailures.handshakeRefused(e)
                        && (status.getCode() == Status.Code.FAILED_PRECONDITION
                            || TalosCallFailures.retryable(status.getCode()));
                if (!notYet) {
                  throw TalosCallFailures.translate(target, "Bootstrap", e);
                }
                return Poll.notYet(status.getCode() + ": " + status.getDescription());
              }
            },
            last ->
                new OperationFailedException(
                    "bootstrap of "
                        + target
                        + " did not succeed within "
                        + HumanDuration.format(timeout)
                        + "; last: "
                        + last,
                    "check the node's time sync (NTP) and that etcd is waiting for bootstrap"));
  }

  List<ServiceStatus> healthy(Set<String> wanted, Duration timeout) {
    Map<String, String> lastSeen = new LinkedHashMap<>();
    for (String id : new TreeSet<>(wanted)) {
      lastSeen.put(id, "not listed by the node");
    }
    String[] lastError = {""};
    Poller.Listener changes =
        Poller.Listener.onChange((line, fraction) -> polling.progress().accept(line));
    return polling
        .poller()
        .describingFailures(e -> "") // remembered for the timeout below, not narrated
        .reportingTo(
            (line, fraction) -> {
              if (!line.isEmpty()) {
                changes.waiting(line, fraction);
              }
            })
        .until(
            "services on " + client.target(),
            timeout,
            polling.interval(),
            () -> {
              client.channel().skipReconnectBackoff();
              List<ServiceStatus> services;
              try {
                services = client.serviceList();
              } catch (RemoteServiceException e) {
                lastError[0] = e.getMessage();
                throw e;
              }
              lastError[0] = "";
              for (ServiceStatus s : services) {
                lastSeen.computeIfPresent(s.id(), (id, old) -> s.describe());
              }
              Set<String> pending = new TreeSet<>(wanted);
              services.stream()
                  .filter(ServiceStatus::runningAndHealthy)
                  .forEach(s -> pending.remove(s.id()));
              return pending.isEmpty()
                  ? Poll.done(services)
                  : Poll.notYet("waiting for " + String.join(", ", pending) + " to be healthy");
            },
            last -> notHealthy(timeout, lastSeen, lastError[0]));
  }

  private OperationFailedException notHealthy(
      Duration timeout, Map<String, String> lastSeen, String lastError) {
    if (!lastError.isEmpty()) {
      return new OperationFailedException(
          client.target()
              + " stopped answering while waiting for services within "
              + HumanDuration.format(timeout)
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
                + HumanDuration.format(timeout)
                + "; last state: "
                + e.getValue(),
            "inspect it with: talosctl -n <node> service " + e.getKey() + " / logs " + e.getKey());
      }
    }
    return new OperationFailedException(
        "services on "
            + client.target()
            + " did not become healthy within "
            + HumanDuration.format(timeout),
        "");
  }
}
