package dev.ironkube.dns;

/** What an upsert did, and the record as it stands afterwards. */
public record DnsChange(Outcome outcome, DnsRecord record) {

  /** Which of the three upsert paths was taken. */
  public enum Outcome {
    CREATED,
    UNCHANGED,
    UPDATED
  }
}
