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
 *
 * <p>Whether the name had records before the cluster's first attempt is journaled before the first
 * write. A create whose answer was lost (the record exists, the run does not know its id), or a run
 * killed between the create and its journal line, leaves a record that a later attempt only finds:
 * when the name was free at first, the record found is this cluster's and is owned as well.
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
    boolean nameWasFree = nameWasFree();
    DnsChange change;
    try {
      change =
          gate.act(
              SYSTEM,
              "upsert A " + name,
              Map.of("address", node.address()),
              () -> dns.upsertA(new DesiredARecord(name, node.address(), ttl, proxied)));
    } catch (RuntimeException failed) {
      if (nameWasFree) {
        ownWhatExists(node, failed);
      }
      throw failed;
    }
    if (change.outcome() == DnsChange.Outcome.CREATED || nameWasFree) {
      gate.adopt(SYSTEM, new ResourceRef(KIND, change.record().id(), name));
    }
    published = name + " → " + node.address();
    step.done(change.outcome().name().toLowerCase(java.util.Locale.ROOT));
  }

  /**
   * For destroy: a record a killed run created without journaling it. When the cluster's journal
   * says the name was free before the first attempt, an A record of that name pointing at the
   * journaled node address is the cluster's, and is journaled as owned so the destroy deletes it.
   */
  public static void ownUnjournaled(Gate gate, DnsProvider dns, String name) {
    boolean free = gate.journal().value(freeKey(name)).map(Boolean::parseBoolean).orElse(false);
    var address = gate.journal().value("ipv4");
    if (!free || address.isEmpty() || gate.dryRun()) {
      return;
    }
    for (DnsRecord r : dns.findRecords(name)) {
      if ("A".equals(r.type()) && address.get().equals(r.content())) {
        gate.adopt(SYSTEM, new ResourceRef(KIND, r.id(), name));
      }
    }
  }

  private static String freeKey(String name) {
    return "dns-name-was-free " + name;
  }

  /** Whether the name had no record before this cluster's first attempt (journaled then). */
  private boolean nameWasFree() {
    String key = freeKey(name);
    return gate.journal()
        .value(key)
        .map(Boolean::parseBoolean)
        .orElseGet(
            () -> {
              boolean free = dns.findRecords(name).isEmpty();
              gate.journal().value(key, Boolean.toString(free));
              return free;
            });
  }

  /** After a failed upsert of a free name: a record pointing at the node is this run's own. */
  private void ownWhatExists(TalosStage.Node node, RuntimeException failed) {
    try {
      for (DnsRecord r : dns.findRecords(name)) {
        if ("A".equals(r.type()) && node.address().equals(r.content())) {
          gate.adopt(SYSTEM, new ResourceRef(KIND, r.id(), name));
        }
      }
    } catch (RuntimeException unreachable) {
      failed.addSuppressed(unreachable);
    }
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
