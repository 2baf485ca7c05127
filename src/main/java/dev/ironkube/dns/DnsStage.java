package dev.ironkube.dns;

import dev.ironkube.provider.ResourceRef;
import dev.ironkube.workflow.Cleanup;
import dev.ironkube.workflow.Gate;
import dev.ironkube.workflow.Phase;
import dev.ironkube.workflow.Progress;
import dev.ironkube.workflow.provision.AfterBootstrap;
import dev.ironkube.workflow.provision.TalosStage;
import java.util.List;
import java.util.Map;

/**
 * Phase 5: the cluster's DNS name pointed at the node as soon as its address is known. A record
 * this run created is journaled as owned, so cleanup and destroy remove it; a record that was
 * already there (correct or corrected) is left to its owner.
 */
public final class DnsStage implements AfterBootstrap {
  public static final String SYSTEM = "cloudflare";
  public static final String KIND = "dns_record";

  private final DnsProvider dns;
  private final String name;
  private final int ttl;
  private final boolean proxied;
  private final Gate gate;
  private final Progress progress;
  private String published = "";

  public DnsStage(
      DnsProvider dns, String name, int ttl, boolean proxied, Gate gate, Progress progress) {
    this.dns = dns;
    this.name = name;
    this.ttl = ttl;
    this.proxied = proxied;
    this.gate = gate;
    this.progress = progress;
  }

  @Override
  public boolean beforeConfigure() {
    return true;
  }

  @Override
  public List<Phase> phases(TalosStage.Node node) {
    return List.of(Phase.always("dns", "Publishing the DNS name", () -> publish(node)));
  }

  private void publish(TalosStage.Node node) {
    Progress.Step step = progress.step("A record " + name + " → " + node.address());
    DnsChange change =
        gate.act(
            SYSTEM,
            "upsert A " + name,
            Map.of("address", node.address()),
            () -> dns.upsertA(new DesiredARecord(name, node.address(), ttl, proxied)));
    if (change.outcome() == DnsChange.Outcome.CREATED) {
      gate.adopt(SYSTEM, new ResourceRef(KIND, change.record().id(), name));
    }
    published = name + " → " + node.address();
    step.done(change.outcome().name().toLowerCase(java.util.Locale.ROOT));
  }

  @Override
  public List<String> reportLines() {
    return published.isEmpty() ? List.of() : List.of("DNS name:        " + published);
  }

  @Override
  public Map<String, Cleanup.Deleter> deleters() {
    return deleter(dns);
  }

  /** How cleanup and destroy delete a record this tool created. */
  public static Map<String, Cleanup.Deleter> deleter(DnsProvider dns) {
    return Map.of(SYSTEM, ref -> dns.deleteRecord(ref.id()));
  }
}
