package dev.ironkube.dns;

import dev.ironkube.failure.ProviderException;
import dev.ironkube.provider.ResourceRef;
import dev.ironkube.workflow.Cleanup;
import dev.ironkube.workflow.Gate;
import dev.ironkube.workflow.Phase;
import dev.ironkube.workflow.Progress;
import dev.ironkube.workflow.provision.AfterBootstrap;
import dev.ironkube.workflow.provision.ClusterNodes;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

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
  public List<Phase> phases(ClusterNodes cluster) {
    return List.of(Phase.always("dns", "Publishing the DNS name", () -> publish(cluster)));
  }

  private void publish(ClusterNodes cluster) {
    List<String> addresses = cluster.controlPlanes().stream().map(n -> n.address()).toList();
    boolean nameWasFree = nameWasFree();
    if (addresses.size() == 1) {
      publishOne(addresses.get(0), nameWasFree);
    } else {
      publishAll(addresses, nameWasFree);
    }
    published = name + " → " + String.join(", ", addresses);
  }

  private void publishOne(String address, boolean nameWasFree) {
    Progress.Step step = progress.step("A record " + name + " → " + address);
    DnsChange change;
    try {
      change =
          gate.act(
              SYSTEM,
              "upsert A " + name,
              Map.of("address", address),
              () -> dns.upsertA(new DesiredARecord(name, address, ttl, proxied)));
    } catch (RuntimeException failed) {
      if (nameWasFree) {
        ownWhatExists(List.of(address), failed);
      }
      throw failed;
    }
    if (change.outcome() == DnsChange.Outcome.CREATED || nameWasFree) {
      gate.adopt(SYSTEM, new ResourceRef(KIND, change.record().id(), name));
    }
    step.done(change.outcome().name().toLowerCase(java.util.Locale.ROOT));
  }

  /**
   * One A record per control plane. Records of this name that this cluster created for a node it no
   * longer has are removed; records nobody here created are reported, not touched, because
   * round-robin would send clients to a server that is not the cluster's.
   */
  private void publishAll(List<String> addresses, boolean nameWasFree) {
    Progress.Step step =
        progress.step("A records " + name + " → " + addresses.size() + " control planes");
    Set<String> owned =
        gate.journal().owned().stream()
            .filter(o -> o.system().equals(SYSTEM))
            .map(o -> o.ref().id())
            .collect(Collectors.toSet());
    String normalised = DesiredARecord.normalise(name);
    List<DnsRecord> existing =
        dns.findRecords(normalised).stream().filter(r -> "A".equals(r.type())).toList();
    if (nameWasFree) {
      // The name had nothing before this cluster's first attempt: records at its addresses are
      // ones an earlier attempt created without learning their ids (a lost answer, a kill).
      for (DnsRecord r : existing) {
        if (addresses.contains(r.content()) && !owned.contains(r.id())) {
          gate.adopt(SYSTEM, new ResourceRef(KIND, r.id(), name));
        }
      }
    }
    List<DnsRecord> foreign =
        existing.stream()
            .filter(r -> !addresses.contains(r.content()) && !owned.contains(r.id()))
            .toList();
    if (!foreign.isEmpty()) {
      throw new ProviderException.Conflict(
          dns.name(),
          "A records for "
              + normalised
              + " point at addresses outside this cluster: "
              + foreign.stream()
                  .map(r -> r.id() + " (" + r.content() + ")")
                  .collect(Collectors.joining(", ")),
          "delete them in the DNS provider's dashboard, or choose another IRONKUBE_DNS_NAME");
    }
    int created = 0;
    int removed = 0;
    for (DnsRecord stale : existing) {
      if (!addresses.contains(stale.content())) {
        gate.delete(
            SYSTEM, new ResourceRef(KIND, stale.id(), name), () -> dns.deleteRecord(stale.id()));
        removed++;
      }
    }
    for (String address : addresses) {
      DesiredARecord desired = new DesiredARecord(name, address, ttl, proxied);
      boolean present = existing.stream().anyMatch(r -> r.content().equals(address));
      if (!present) {
        try {
          gate.create(
              SYSTEM,
              KIND,
              name,
              Map.of("address", address),
              () -> {
                DnsRecord r = dns.createA(desired);
                return new ResourceRef(KIND, r.id(), name);
              });
        } catch (RuntimeException failed) {
          if (nameWasFree) {
            ownWhatExists(List.of(address), failed);
          }
          throw failed;
        }
        created++;
      }
    }
    step.done(
        created == 0 && removed == 0
            ? "unchanged"
            : created + " created" + (removed == 0 ? "" : ", " + removed + " removed"));
  }

  /**
   * For destroy: a record a killed run created without journaling it. When the cluster's journal
   * says the name was free before the first attempt, an A record of that name pointing at a
   * journaled node address is the cluster's, and is journaled as owned so the destroy deletes it.
   */
  public static void ownUnjournaled(Gate gate, DnsProvider dns, String name) {
    boolean free = gate.journal().value(freeKey(name)).map(Boolean::parseBoolean).orElse(false);
    Set<String> addresses =
        gate.journal().entries().stream()
            .filter(e -> dev.ironkube.workflow.JournalEntry.VALUE.equals(e.type()))
            .filter(e -> e.name().equals("ipv4") || e.name().startsWith("ipv4 "))
            .map(e -> e.data().get("value"))
            .collect(Collectors.toSet());
    if (!free || addresses.isEmpty() || gate.dryRun()) {
      return;
    }
    for (DnsRecord r : dns.findRecords(name)) {
      if ("A".equals(r.type()) && addresses.contains(r.content())) {
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

  /** After a failed write to a free name: a record pointing at a node is this run's own. */
  private void ownWhatExists(List<String> addresses, RuntimeException failed) {
    try {
      for (DnsRecord r : dns.findRecords(name)) {
        if ("A".equals(r.type()) && addresses.contains(r.content())) {
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
