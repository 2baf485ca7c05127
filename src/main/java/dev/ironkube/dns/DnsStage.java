package dev.ironkube.dns;

import dev.ironkube.failure.OperationFailedException;
import dev.ironkube.failure.RemoteServiceException;
import dev.ironkube.failure.UserInputException;
import dev.ironkube.provider.ResourceRef;
import dev.ironkube.workflow.Cleanup;
import dev.ironkube.workflow.Gate;
import dev.ironkube.workflow.Journal;
import dev.ironkube.workflow.JournalEntry;
import dev.ironkube.workflow.Phase;
import dev.ironkube.workflow.Progress;
import dev.ironkube.workflow.provision.AfterBootstrap;
import dev.ironkube.workflow.provision.ClusterNodes;
import dev.ironkube.workflow.provision.Endpoints;
import dev.ironkube.workflow.provision.PreflightCheck;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collector;
import java.util.stream.Collectors;

/**
 * Phase 5: the cluster's DNS name pointed at its control planes as soon as their addresses are
 * known. Every record this tool creates carries the cluster's marker in its comment and is
 * journaled as owned, so cleanup and destroy delete it. A record someone else made is never changed
 * unless the user said so (--adopt-dns-record): then its previous content is journaled before it is
 * overwritten, and cleanup and destroy put it back.
 *
 * <p>The name's state is checked in the preflight, before anything is ordered: free, this
 * cluster's, someone else's, duplicated or blocked by a CNAME; the same rules apply again when the
 * record is written, because the zone may have changed in between.
 */
public final class DnsStage implements AfterBootstrap {
  public static final String SYSTEM = "cloudflare";
  public static final String KIND = "dns_record";

  /** Someone else's record this cluster took over: cleanup restores it instead of deleting it. */
  public static final String ADOPTED_KIND = "adopted_dns_record";

  private final DnsProvider dns;
  private final String name;
  private final int ttl;
  private final boolean proxied;
  private final String cluster;
  private final boolean adopt;
  private final Gate gate;
  private final Progress progress;
  private String published = "";
  private List<String> publishedAddresses = List.of();

  public DnsStage(
      DnsProvider dns,
      String name,
      int ttl,
      boolean proxied,
      String cluster,
      boolean adopt,
      Gate gate,
      Progress progress) {
    this.dns = dns;
    this.name = DesiredARecord.normalise(name);
    this.ttl = ttl;
    this.proxied = proxied;
    this.cluster = cluster;
    this.adopt = adopt;
    this.gate = gate;
    this.progress = progress;
  }

  @Override
  public boolean beforeConfigure() {
    return true;
  }

  @Override
  public List<PreflightCheck> preflight() {
    return List.of(PreflightCheck.of("DNS name " + name, this::check));
  }

  /** Reads the zone with the token: the name's state, refused unless it is free or ours. */
  private String check() {
    DnsOwnership own = ownership();
    return switch (own.state()) {
      case FREE -> "free; an A record marked as this cluster's will be created";
      case OURS -> "this cluster's (" + own.ours().size() + " A record(s)), reused";
      case FOREIGN -> {
        if (!adopt) {
          throw refusal(own);
        }
        yield "someone else's record "
            + DnsOwnership.describe(own.foreign().get(0))
            + " will be taken over (--adopt-dns-record); its content is journaled and restored"
            + " by cleanup and destroy";
      }
      default -> throw refusal(own);
    };
  }

  private DnsOwnership ownership() {
    return DnsOwnership.of(dns.findRecords(name), cluster, ownedKinds(gate.journal()).keySet());
  }

  /** Why the name cannot be used as it is, with the choices the user has. Input: exit 2. */
  private UserInputException refusal(DnsOwnership own) {
    return switch (own.state()) {
      case BLOCKED ->
          new UserInputException(
              name
                  + " has a CNAME record, which an A record cannot sit beside: "
                  + own.blocking().stream().map(DnsOwnership::describe).collect(joined()),
              "choose another name (IRONKUBE_DNS_NAME), or remove the CNAME in the Cloudflare"
                  + " dashboard");
      case DUPLICATED ->
          new UserInputException(
              own.foreign().size()
                  + " A records for "
                  + name
                  + " exist that this cluster did not create: "
                  + own.foreign().stream().map(DnsOwnership::describe).collect(joined())
                  + "; ironkube will not choose one",
              "choose another name (IRONKUBE_DNS_NAME), or delete the records that are not"
                  + " wanted in the Cloudflare dashboard");
      case FOREIGN ->
          new UserInputException(
              "the A record for "
                  + name
                  + ", "
                  + DnsOwnership.describe(own.foreign().get(0))
                  + ", was not created by this cluster and is left as it is",
              "choose another name (IRONKUBE_DNS_NAME), or pass --adopt-dns-record to take it"
                  + " over (its content is restored when the cluster is cleaned up or"
                  + " destroyed)");
      default -> throw new IllegalStateException("the name is usable: " + own.state());
    };
  }

  private static Collector<CharSequence, ?, String> joined() {
    return Collectors.joining(", ");
  }

  @Override
  public List<Phase> phases(ClusterNodes cluster) {
    return List.of(Phase.always("dns", "Publishing the DNS name", () -> publish(cluster)));
  }

  private void publish(ClusterNodes nodes) {
    List<String> addresses = nodes.controlPlanes().stream().map(n -> n.address()).toList();
    Progress.Step step =
        progress.step(
            "A record"
                + (addresses.size() == 1 ? "" : "s")
                + " "
                + name
                + " → "
                + String.join(", ", addresses));
    DnsOwnership own = ownership();
    DnsOwnership.State state = own.state();
    if (state == DnsOwnership.State.BLOCKED
        || state == DnsOwnership.State.DUPLICATED
        || state == DnsOwnership.State.FOREIGN && !adopt) {
      throw refusal(own);
    }
    Map<String, String> kinds = ownedKinds(gate.journal());
    List<DnsRecord> mine = new ArrayList<>();
    for (DnsRecord r : own.ours()) {
      if (!kinds.containsKey(r.id())) {
        // Marked as ours but never journaled: a create whose answer was lost, or a run killed
        // before its journal line. It is this cluster's to keep up to date and to delete.
        gate.adopt(SYSTEM, new ResourceRef(KIND, r.id(), name));
        kinds.put(r.id(), KIND);
      }
      mine.add(r);
    }
    int changed = 0;
    if (state == DnsOwnership.State.FOREIGN) {
      mine.add(takeOver(own.foreign().get(0), addresses.get(0)));
      changed++;
    }
    List<String> missing = new ArrayList<>(addresses);
    mine.forEach(r -> missing.remove(r.content()));
    for (DnsRecord r : mine) {
      if (addresses.contains(r.content()) && r.satisfies(desired(r.content()))) {
        continue;
      }
      if (addresses.contains(r.content())) {
        update(r, r.content());
      } else if (!missing.isEmpty()) {
        // A node that moved: its record follows it rather than being deleted and made again.
        update(r, missing.remove(0));
      } else if (ADOPTED_KIND.equals(kinds.get(r.id()))) {
        continue; // never deleted: cleanup and destroy give it back to its owner
      } else {
        gate.delete(SYSTEM, new ResourceRef(KIND, r.id(), name), () -> dns.deleteRecord(r.id()));
      }
      changed++;
    }
    for (String address : missing) {
      create(address);
      changed++;
    }
    published = name + " → " + String.join(", ", addresses);
    publishedAddresses = List.copyOf(addresses);
    step.done(changed == 0 ? "unchanged" : changed + " change(s)");
  }

  private DesiredARecord desired(String address) {
    return new DesiredARecord(name, address, ttl, proxied, DnsOwnership.marker(cluster));
  }

  private void update(DnsRecord r, String address) {
    gate.act(
        SYSTEM,
        "update A " + name + " " + r.id(),
        Map.of("address", address),
        () -> dns.replaceA(r.id(), desired(address)));
  }

  /**
   * Someone else's record, taken over with consent: its content is journaled first, then it is
   * journaled as adopted (cleanup restores it), then it is overwritten with this cluster's address
   * and marker.
   */
  private DnsRecord takeOver(DnsRecord theirs, String address) {
    gate.journal().value(previousKey(theirs.id()), PreviousRecord.encode(theirs));
    gate.adopt(SYSTEM, new ResourceRef(ADOPTED_KIND, theirs.id(), name));
    progress.warn(
        "took over "
            + DnsOwnership.describe(theirs)
            + " (--adopt-dns-record); it is restored when the cluster is cleaned up or destroyed");
    return gate.act(
        SYSTEM,
        "update A " + name + " " + theirs.id(),
        Map.of("address", address, "adopted", "true"),
        () -> dns.replaceA(theirs.id(), desired(address)));
  }

  private void create(String address) {
    try {
      gate.create(
          SYSTEM,
          KIND,
          name,
          Map.of("address", address),
          () -> new ResourceRef(KIND, dns.createA(desired(address)).id(), name));
    } catch (RemoteServiceException.Conflict identical) {
      // A create retried after its answer was lost is refused as identical (81058): the record is
      // there, marked as ours; own it and carry on.
      ownMarked(gate, dns, name, cluster);
      String marker = DnsOwnership.marker(cluster);
      boolean there =
          dns.findRecords(name).stream()
              .anyMatch(
                  r ->
                      "A".equals(r.type())
                          && address.equals(r.content())
                          && marker.equals(r.comment()));
      if (!there) {
        throw identical;
      }
    } catch (RuntimeException failed) {
      // The answer may be lost with the record made: the marker says it is ours.
      try {
        ownMarked(gate, dns, name, cluster);
      } catch (RuntimeException unreachable) {
        failed.addSuppressed(unreachable);
      }
      throw failed;
    }
  }

  /**
   * For destroy: records of the name that carry this cluster's marker but are not journaled (a
   * killed run, a lost journal) are owned, so the destroy deletes them. Records of clusters made
   * before markers were written are found as before: when the journal says the name was free at
   * first, an A record at a journaled node address is the cluster's.
   */
  public static void ownUnjournaled(Gate gate, DnsProvider dns, String name, String cluster) {
    if (gate.dryRun()) {
      return;
    }
    ownMarked(gate, dns, name, cluster);
    boolean free =
        gate.journal().value("dns-name-was-free " + name).map(Boolean::parseBoolean).orElse(false);
    Set<String> addresses =
        gate.journal().entries().stream()
            .filter(e -> JournalEntry.VALUE.equals(e.type()))
            .filter(e -> e.name().equals("ipv4") || e.name().startsWith("ipv4 "))
            .map(e -> e.data().get("value"))
            .collect(Collectors.toSet());
    if (!free || addresses.isEmpty()) {
      return;
    }
    Map<String, String> kinds = ownedKinds(gate.journal());
    for (DnsRecord r : dns.findRecords(name)) {
      if ("A".equals(r.type()) && addresses.contains(r.content()) && !kinds.containsKey(r.id())) {
        gate.adopt(SYSTEM, new ResourceRef(KIND, r.id(), name));
      }
    }
  }

  private static void ownMarked(Gate gate, DnsProvider dns, String name, String cluster) {
    Map<String, String> kinds = ownedKinds(gate.journal());
    String marker = DnsOwnership.marker(cluster);
    for (DnsRecord r : dns.findRecords(name)) {
      if ("A".equals(r.type()) && marker.equals(r.comment()) && !kinds.containsKey(r.id())) {
        gate.adopt(SYSTEM, new ResourceRef(KIND, r.id(), name));
      }
    }
  }

  /** Record id → kind ({@link #KIND} or {@link #ADOPTED_KIND}) of every record the journal owns. */
  private static Map<String, String> ownedKinds(Journal journal) {
    Map<String, String> kinds = new HashMap<>();
    journal.owned().stream()
        .filter(o -> o.system().equals(SYSTEM))
        .forEach(o -> kinds.put(o.ref().id(), o.ref().kind()));
    return kinds;
  }

  private static String previousKey(String recordId) {
    return "dns-previous " + recordId;
  }

  @Override
  public List<String> reportLines() {
    return published.isEmpty() ? List.of() : List.of("DNS name:        " + published);
  }

  @Override
  public Endpoints endpoints(Endpoints so) {
    return published.isEmpty() ? so : so.withDns(new Endpoints.Dns(name, publishedAddresses));
  }

  @Override
  public Map<String, Cleanup.Deleter> deleters() {
    return deleter(dns, gate.journal());
  }

  /**
   * How cleanup and destroy undo what this stage did: a record this tool created is deleted; a
   * record it took over is put back as the journal says it was.
   */
  public static Map<String, Cleanup.Deleter> deleter(DnsProvider dns, Journal journal) {
    return Map.of(
        SYSTEM,
        ref -> {
          if (!ADOPTED_KIND.equals(ref.kind())) {
            dns.deleteRecord(ref.id());
            return;
          }
          Optional<String> previous = journal.value(previousKey(ref.id()));
          if (previous.isEmpty()) {
            throw new OperationFailedException(
                "the previous content of DNS record " + ref.id() + " was not journaled",
                "set the record " + ref.name() + " back by hand in the Cloudflare dashboard");
          }
          dns.restore(PreviousRecord.decode(previous.get()));
        });
  }
}
