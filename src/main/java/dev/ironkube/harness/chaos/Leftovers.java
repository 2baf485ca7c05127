package dev.ironkube.harness.chaos;

import dev.ironkube.sim.cloudflare.CloudflareOptions;
import dev.ironkube.sim.launch.SimulatedDatacenter;
import java.util.ArrayList;
import java.util.List;

/**
 * What ironkube may have created that the simulated world still holds, counted across every system:
 * servers (a Scaleway server whose deletion was accepted is gone: it no longer bills), projects,
 * SSH keys, the cluster's DNS records and its credential copies in Infisical.
 */
record Leftovers(int servers, int projects, int sshKeys, int dnsRecords, int storedCopies) {

  static Leftovers in(SimulatedDatacenter sim, Scenario.Profile profile) {
    int servers =
        sim.latitude().servers().size()
            + (int)
                sim.scaleway().servers().stream()
                    .filter(s -> !"deleting".equals(s.status()))
                    .count();
    int dns =
        (int)
            sim.cloudflare().records(CloudflareOptions.DEFAULT_ZONE_ID).stream()
                .filter(r -> RunWorld.DNS_NAME.equals(r.path("name").asText()))
                // Someone else's record (given back as it was) is theirs, not a leftover.
                .filter(r -> !RunWorld.FOREIGN_COMMENT.equals(r.path("comment").asText()))
                .count();
    int copies =
        (int)
            sim.infisical().secretNames("prod", "/").stream()
                .filter(n -> n.startsWith(RunWorld.BACKUP_PREFIX))
                .count();
    return new Leftovers(
        servers,
        sim.latitude().projects().size(),
        sim.latitude().sshKeys().size() + sim.scaleway().sshKeys().size(),
        dns,
        copies);
  }

  /** Each kind of thing left, in words ("1 server(s)"); empty when nothing is. */
  List<String> describe() {
    List<String> out = new ArrayList<>();
    add(out, servers, "server(s)");
    add(out, projects, "project(s)");
    add(out, sshKeys, "SSH key(s)");
    add(out, dnsRecords, "DNS record(s)");
    add(out, storedCopies, "credential copies in Infisical");
    return out;
  }

  private static void add(List<String> out, int n, String what) {
    if (n > 0) {
      out.add(n + " " + what);
    }
  }
}
