package dev.ironkube.dns.cloudflare;

import dev.ironkube.dns.DesiredARecord;
import dev.ironkube.dns.DnsChange;
import dev.ironkube.dns.DnsProvider;
import dev.ironkube.dns.DnsRecord;
import dev.ironkube.failure.RemoteServiceException;
import dev.ironkube.http.JsonHttpBuilder;
import dev.ironkube.settings.Secret;
import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * {@link DnsProvider} on Cloudflare. The upsert lists before it writes (by type A and the exact
 * FQDN), so a repeated run changes nothing, and it refuses to choose between duplicates.
 */
public final class CloudflareDns implements DnsProvider {
  private final CloudflareClient client;

  public CloudflareDns(CloudflareClient client) {
    this.client = Objects.requireNonNull(client);
  }

  /**
   * Production wiring: {@code baseUri} is CLOUDFLARE_API_URL (null for {@link
   * CloudflareClient#DEFAULT_BASE_URI}), {@code apiToken} CLOUDFLARE_API_TOKEN, {@code zoneId}
   * CLOUDFLARE_ZONE_ID; {@code transport} adds listeners, clock or retry policy (identity for
   * none).
   */
  public static CloudflareDns connect(
      URI baseUri, Secret apiToken, String zoneId, UnaryOperator<JsonHttpBuilder> transport) {
    URI base = baseUri == null ? CloudflareClient.DEFAULT_BASE_URI : baseUri;
    return new CloudflareDns(
        new CloudflareClient(
            transport.apply(CloudflareClient.transport(base, apiToken)).build(), zoneId));
  }

  @Override
  public String name() {
    return CloudflareErrorDecoder.SERVICE;
  }

  @Override
  public DnsChange upsertA(DesiredARecord desired) {
    List<DnsRecord> existing = aRecords(desired.name());
    if (existing.isEmpty()) {
      try {
        DnsRecord created = client.createRecord(CfRecordBody.of(desired)).toDomain();
        return new DnsChange(DnsChange.Outcome.CREATED, created);
      } catch (RemoteServiceException.Conflict identicalExists) {
        // Another run (or a retried request whose answer was lost) created it meanwhile: read
        // again, once, and carry on from what is there.
        existing = aRecords(desired.name());
        if (existing.isEmpty()) {
          throw identicalExists;
        }
      }
    }
    if (existing.size() > 1) {
      throw duplicates(desired, existing);
    }
    DnsRecord current = existing.getFirst();
    if (current.satisfies(desired)) {
      return new DnsChange(DnsChange.Outcome.UNCHANGED, current);
    }
    DnsRecord updated = client.replaceRecord(current.id(), CfRecordBody.of(desired)).toDomain();
    return new DnsChange(DnsChange.Outcome.UPDATED, updated);
  }

  @Override
  public DnsRecord createA(DesiredARecord desired) {
    return client.createRecord(CfRecordBody.of(desired)).toDomain();
  }

  @Override
  public DnsRecord replaceA(String id, DesiredARecord desired) {
    return client.replaceRecord(id, CfRecordBody.of(desired)).toDomain();
  }

  @Override
  public void restore(DnsRecord previous) {
    try {
      client.replaceRecord(previous.id(), CfRecordBody.of(previous));
    } catch (RemoteServiceException.NotFound gone) {
      // Deleted meanwhile (by hand, or by an older destroy): the owner gets it back all the same,
      // under a new id.
      try {
        client.createRecord(CfRecordBody.of(previous));
      } catch (RemoteServiceException.Conflict identicalExists) {
        // Already back.
      }
    }
  }

  @Override
  public List<DnsRecord> findRecords(String fqdn) {
    String name = DesiredARecord.normalise(fqdn);
    return client.listRecords(null, name).stream()
        .map(CfRecord::toDomain)
        .filter(r -> DesiredARecord.normalise(r.name()).equals(name))
        .toList();
  }

  @Override
  public void deleteRecord(String id) {
    client.deleteRecord(id);
  }

  /** Filtered again here: the API's filters are trusted to narrow, not to be exact. */
  private List<DnsRecord> aRecords(String name) {
    return client.listRecords("A", name).stream()
        .map(CfRecord::toDomain)
        .filter(r -> "A".equals(r.type()) && DesiredARecord.normalise(r.name()).equals(name))
        .toList();
  }

  private RemoteServiceException.Conflict duplicates(
      DesiredARecord desired, List<DnsRecord> records) {
    String zoneId = client.zoneId();
    String listed =
        records.stream()
            .map(r -> r.id() + " (" + r.content() + ")")
            .collect(Collectors.joining(", "));
    return new RemoteServiceException.Conflict(
        CloudflareErrorDecoder.SERVICE,
        "%d A records exist for %s in zone %s: %s; ironkube will not choose one"
            .formatted(records.size(), desired.name(), zoneId, listed),
        "delete the records that do not point at this cluster in the Cloudflare dashboard,"
            + " then run again");
  }
}
