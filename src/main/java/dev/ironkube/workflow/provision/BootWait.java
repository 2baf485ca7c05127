package dev.ironkube.workflow.provision;

import dev.ironkube.provider.ResourceRef;
import dev.ironkube.provider.Server;
import dev.ironkube.settings.DurationParser;
import dev.ironkube.settings.SettingsCatalogue;
import dev.ironkube.workflow.Progress;
import dev.ironkube.workflow.Wait;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Phase 4: waits until the node's own Talos API answers. The provider's status is only a hint, read
 * at the provider's pace (its read budget is small); the node itself is probed often, since that
 * costs the provider nothing. A provider that reports a failed deployment ends the wait.
 */
final class BootWait {
  private final ProvisionContext ctx;
  private final String hostname;
  private final String cluster;
  private final NodeBoot boot;
  private Instant lastProviderRead;
  private String lastStatus = "ordered";
  private String ipv4;

  /**
   * @param boot the node probe, or null to trust the provider's "on" (no Talos stage)
   */
  BootWait(ProvisionContext ctx, String hostname, String cluster, NodeBoot boot) {
    this.ctx = ctx;
    this.hostname = hostname;
    this.cluster = cluster;
    this.boot = boot;
  }

  /** Returns the node's address once it answers. */
  String await(ResourceRef server) {
    Progress.Step step = ctx.progress().step("Waiting for " + hostname + " to boot Talos");
    Duration providerEvery = ctx.settings().duration(SettingsCatalogue.PROVIDER_POLL);
    Instant started = ctx.clock().instant();
    String address =
        ctx.waits()
            .until(
                "booting Talos on " + hostname,
                ctx.settings().duration(SettingsCatalogue.TALOS_BOOT_TIMEOUT),
                ctx.settings().duration(SettingsCatalogue.TALOS_POLL),
                step,
                () -> poll(server, started, providerEvery));
    step.done(address);
    return address;
  }

  private Wait.Poll<String> poll(ResourceRef server, Instant started, Duration providerEvery) {
    Instant now = ctx.clock().instant();
    if (ipv4 == null
        || lastProviderRead == null
        || !now.isBefore(lastProviderRead.plus(providerEvery))) {
      lastProviderRead = now;
      Optional<Server> s = ctx.provider().server(server.id());
      if (s.isEmpty()) {
        return new Wait.Poll.Failed<>(
            "the provider no longer knows server " + server.id(),
            "check the provider's dashboard; run 'ironkube destroy " + cluster + "'");
      }
      if (s.get().state() == Server.State.FAILED) {
        return new Wait.Poll.Failed<>(
            "the provider reports " + s.get().status() + " for " + server.id(),
            "the server is deleted by cleanup; try another plan or region");
      }
      lastStatus = s.get().status();
      ipv4 = s.get().ipv4();
    }
    String elapsed =
        DurationParser.format(Duration.ofSeconds(Duration.between(started, now).toSeconds()));
    String detail = "provider says " + lastStatus + ", " + elapsed;
    if (ipv4 == null || ipv4.isBlank()) {
      return new Wait.Poll.NotYet<>(detail, -1);
    }
    if (boot == null) {
      return "on".equals(lastStatus) || "ready".equals(lastStatus)
          ? new Wait.Poll.Done<>(ipv4)
          : new Wait.Poll.NotYet<>(detail, -1);
    }
    return switch (boot.probe(ipv4)) {
      case Wait.Poll.NotYet<String> n ->
          new Wait.Poll.NotYet<>(detail + "; Talos API: " + n.detail(), -1);
      case Wait.Poll.Done<String> d -> new Wait.Poll.Done<>(ipv4);
      case Wait.Poll.Failed<String> f -> f;
    };
  }
}
