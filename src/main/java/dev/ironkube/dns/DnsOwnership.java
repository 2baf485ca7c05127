package dev.ironkube.dns;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Whose the records of a name are. A record is this cluster's when it carries the cluster's marker
 * in its comment (Cloudflare keeps a comment on every plan, up to 100 characters on Free; tags are
 * for paid plans only, cloudflare-docs src/content/plans/index.json, "record_comments" and
 * "record_tags"), or when this cluster's journal owns its id (records made before markers).
 * Anything else at the name belongs to someone else and is never changed without consent.
 *
 * @param ours A records of this cluster
 * @param foreign A records of anyone else
 * @param blocking records of other types that an A record cannot sit beside (CNAME)
 */
public record DnsOwnership(
    List<DnsRecord> ours, List<DnsRecord> foreign, List<DnsRecord> blocking) {

  /** The state of the name, as the preflight reports it. */
  public enum State {
    FREE,
    OURS,
    FOREIGN,
    DUPLICATED,
    BLOCKED
  }

  /** The comment every record this tool creates carries: what it is for, and whose. */
  public static String marker(String cluster) {
    return "Managed by ironkube for cluster " + cluster;
  }

  /** Sorts {@code records} (all of one name) by owner. */
  public static DnsOwnership of(List<DnsRecord> records, String cluster, Set<String> ownedIds) {
    String marker = marker(cluster);
    List<DnsRecord> ours = new ArrayList<>();
    List<DnsRecord> foreign = new ArrayList<>();
    List<DnsRecord> blocking = new ArrayList<>();
    for (DnsRecord r : records) {
      if ("CNAME".equals(r.type())) {
        blocking.add(r);
      } else if (!"A".equals(r.type())) {
        continue;
      } else if (marker.equals(r.comment()) || ownedIds.contains(r.id())) {
        ours.add(r);
      } else {
        foreign.add(r);
      }
    }
    return new DnsOwnership(List.copyOf(ours), List.copyOf(foreign), List.copyOf(blocking));
  }

  public State state() {
    if (!blocking.isEmpty()) {
      return State.BLOCKED;
    }
    if (foreign.size() > 1) {
      return State.DUPLICATED;
    }
    if (foreign.size() == 1) {
      return State.FOREIGN;
    }
    return ours.isEmpty() ? State.FREE : State.OURS;
  }

  /** "id (203.0.113.7, comment 'web')" for messages. */
  public static String describe(DnsRecord r) {
    return r.id()
        + " ("
        + r.type()
        + " "
        + r.content()
        + (r.comment() == null || r.comment().isEmpty() ? "" : ", comment '" + r.comment() + "'")
        + ")";
  }
}
