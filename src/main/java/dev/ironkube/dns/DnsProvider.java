package dev.ironkube.dns;

import java.util.List;

/**
 * A DNS service in domain terms: the one record ironkube owns per cluster is an A record pointing
 * the cluster's name at its node. Implementations talk to one provider each (Cloudflare).
 */
public interface DnsProvider {

  /** The provider's name for messages ("Cloudflare"). */
  String name();

  /**
   * Makes {@code desired.name()} resolve to exactly {@code desired.address()}: creates the record
   * when absent, leaves it when already right, updates it when different.
   *
   * @throws dev.ironkube.failure.RemoteServiceException.Conflict when two or more A records already
   *     exist for the name; the message names them, and none is changed, because picking one would
   *     leave round-robin DNS sending traffic to a server that is not the cluster's
   */
  DnsChange upsertA(DesiredARecord desired);

  /**
   * Creates one more A record for the name, beside any there (round-robin over control planes). One
   * mutating call.
   */
  DnsRecord createA(DesiredARecord desired);

  /** Overwrites the record {@code id} with {@code desired} (content, TTL, proxying, comment). */
  DnsRecord replaceA(String id, DesiredARecord desired);

  /**
   * Puts a record back as it was before this tool changed it: its content, TTL, proxying and
   * comment. One mutating call; a record deleted meanwhile is created again as it was.
   */
  void restore(DnsRecord previous);

  /** Every record of any type with exactly this fully-qualified name. */
  List<DnsRecord> findRecords(String fqdn);

  /** Deletes a record by id; a record already gone counts as deleted. */
  void deleteRecord(String id);
}
