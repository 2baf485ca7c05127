package dev.ironkube.access;

import dev.ironkube.failure.ExitCodes;
import dev.ironkube.failure.IronkubeException;
import dev.ironkube.failure.OperationFailedException;
import dev.ironkube.talos.api.ApplyResult;
import dev.ironkube.talos.api.TalosClient;
import dev.ironkube.talos.config.MachineConfigGenerator;
import dev.ironkube.talos.config.MachineConfigInput;
import dev.ironkube.talos.config.TalosVersion;
import dev.ironkube.time.Poller;
import dev.ironkube.time.Poller.Poll;
import dev.ironkube.time.Sleeper;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The last step of a provision: once Teleport access is verified, re-apply the machine config
 * without the operator's firewall allows, then prove from outside that the Talos API and the
 * Kubernetes API no longer answer. The config is default-block, so removing an allow closes the
 * port; under Talos' default accept the same removal would leave it open (rawkode-cloud's defect).
 *
 * <p>"In force" is judged from outside: Talos reconciles nftables after the apply answers, so the
 * ports are probed with fresh connections until both are closed or {@code settle} passes. The apply
 * travels on the client's already established mTLS connection, which the new rules let live (block
 * mode keeps established connections), so nothing here needs a fresh connection to the node. Any
 * failure is an {@link OperationFailedException} with exit code {@link ExitCodes#PROVISION_FAILED}:
 * the pipeline then cleans up.
 */
public final class Lockdown {
  public static final Duration DEFAULT_SETTLE = Duration.ofSeconds(30);
  public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(1);

  private final PortProbe probe;
  private final Duration settle;
  private final Duration interval;
  private final Clock clock;
  private final Sleeper sleeper;
  private final Consumer<String> progress;

  public Lockdown(Consumer<String> progress) {
    this(PortProbe.DEFAULT_TIMEOUT, progress);
  }

  /**
   * A lock-down whose outside check gives each port {@code probeTimeout} to answer: a dropped port
   * costs all of it, an open one answers within a round trip.
   */
  public Lockdown(Duration probeTimeout, Consumer<String> progress) {
    this(
        new PortProbe(probeTimeout, null),
        DEFAULT_SETTLE,
        DEFAULT_INTERVAL,
        Clock.systemUTC(),
        Sleeper.SYSTEM,
        progress);
  }

  public Lockdown(
      PortProbe probe,
      Duration settle,
      Duration interval,
      Clock clock,
      Sleeper sleeper,
      Consumer<String> progress) {
    this.probe = probe;
    this.settle = settle;
    this.interval = interval;
    this.clock = clock;
    this.sleeper = sleeper;
    this.progress = progress;
  }

  /** Renders the locked-down twin of the bootstrap config and applies it; see the class doc. */
  public LockdownResult lockDown(
      TalosClient talos,
      MachineConfigGenerator generator,
      TalosVersion version,
      MachineConfigInput bootstrapInput,
      LockdownTarget target) {
    String config = generator.renderLockedDown(version, bootstrapInput);
    return apply(talos, config.getBytes(StandardCharsets.UTF_8), target);
  }

  /** Applies an already rendered locked-down config and verifies the ports from outside. */
  public LockdownResult apply(TalosClient talos, byte[] lockedDownConfig, LockdownTarget target) {
    Instant started = clock.instant();
    progress.accept("removing the operator's firewall allows on " + target.host());
    ApplyResult applied;
    try {
      applied = talos.applyConfiguration(lockedDownConfig);
    } catch (IronkubeException e) {
      throw failed(
          "the lockdown config was not applied to " + talos.target() + ": " + e.getMessage(),
          "the node still has the operator allows; it will be deleted by cleanup",
          e);
    }
    progress.accept("lockdown config " + applied.result() + "; checking the ports from outside");
    return verifyClosed(target, started);
  }

  /** Probes both ports until neither answers; fails when one still does after {@code settle}. */
  public LockdownResult verifyClosed(LockdownTarget target, Instant started) {
    int[] probes = {0};
    List<Integer> ports = List.of(target.talosPort(), target.kubernetesPort());
    new Poller(clock, sleeper)
        .until(
            "the lockdown of " + target.host(),
            settle,
            interval,
            () -> {
              probes[0]++;
              List<Integer> answering = answering(target.host(), ports);
              return answering.isEmpty() ? Poll.done(true) : Poll.notYet(answering.toString());
            },
            last ->
                failed(
                    "after the lockdown, port(s) "
                        + last
                        + " of "
                        + target.host()
                        + " still answer from this machine",
                    "the firewall did not take effect (a host firewall such as Cilium's may"
                        + " bypass Talos' rules); the node will be deleted by cleanup",
                    null));
    progress.accept(
        "ports "
            + target.talosPort()
            + " and "
            + target.kubernetesPort()
            + " of "
            + target.host()
            + " no longer answer from here");
    return new LockdownResult(target, probes[0], Duration.between(started, clock.instant()));
  }

  /**
   * The ports of {@code host} that answer, probed at the same time: a closed port is silent for the
   * probe's whole timeout, so one after the other a node's check took twice that.
   */
  private List<Integer> answering(String host, List<Integer> ports) {
    List<CompletableFuture<Boolean>> probing =
        ports.stream()
            .map(
                port ->
                    CompletableFuture.supplyAsync(
                        () -> probe.answers(host, port),
                        runnable -> Thread.ofVirtual().name("port-probe").start(runnable)))
            .toList();
    List<Integer> answering = new ArrayList<>();
    for (int i = 0; i < ports.size(); i++) {
      if (probing.get(i).join()) {
        answering.add(ports.get(i));
      }
    }
    return answering;
  }

  private static OperationFailedException failed(String message, String hint, Throwable cause) {
    return new OperationFailedException(message, hint, ExitCodes.PROVISION_FAILED, cause);
  }
}
