package dev.ironkube.harness.chaos;

import dev.ironkube.failure.ExitCodes;
import dev.ironkube.sim.RequestLog;
import dev.ironkube.sim.cloudflare.CloudflareOptions;
import dev.ironkube.sim.launch.SimulatedDatacenter;
import dev.ironkube.sim.teleport.RecordedToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/**
 * The promises every chaos run is held to.
 *
 * <p>What may be left after a run, by outcome:
 *
 * <ul>
 *   <li><b>provisioned</b>: one server per node of the run's topology, every node Ready through the
 *       kubeconfig and one etcd member per control plane through the talosconfig; with the
 *       integrations also one DNS A record per control plane and the three credential copies in
 *       Infisical (the write-back), all removed by the destroy that follows.
 *   <li><b>left-running</b> (Teleport never verified, exit 8): the same, deliberately: the cluster
 *       works and stays reachable by the operator (the lockdown did not run), so cleaning up would
 *       destroy a healthy cluster and locking down would lock the operator out.
 *   <li><b>kept</b> (--keep-on-failure): whatever the run created, and never more servers than the
 *       topology has nodes.
 *   <li><b>failed-cleaned</b>, <b>interrupted</b>, <b>destroyed-after-kill</b>: nothing. The
 *       credential copies count: the write-back journals each as owned before writing it, so the
 *       cleanup of a failed run deletes them; the store must never hold credentials of a cluster
 *       that does not exist.
 * </ul>
 *
 * <p>What a working cluster must offer its operator (credentials that open it, a lock-down that
 * holds, a scale-down that removes one worker) is checked by {@link ClusterInvariants}.
 *
 * <p>Teleport join tokens are a separate promise ({@link #checkTokens}): every run that can run its
 * own cleanup deletes the token it created, whatever its outcome; only a process killed outright
 * cannot, and then the token's 30-minute expiry (reference teleport.md: a short-lived, one-time
 * token, TTL in metadata.expires) is the backstop.
 */
final class Invariants {
  /** The join token's lifetime; a leftover token must expire within it. */
  static final Duration TOKEN_TTL = Duration.ofMinutes(30);

  private Invariants() {}

  /** The run's exit code, last line and the simulated world's contents agree with its outcome. */
  static void check(
      Leftovers left,
      String outcome,
      ChaosRun.Invocation last,
      Scenario scenario,
      List<String> violations) {
    String lastLine = last.lastLine();
    Scenario.Expectation expect = scenario.expect();
    if (!expect.outcomes().isEmpty() && !expect.outcomes().contains(outcome)) {
      violations.add(
          scenario.name()
              + " must end "
              + String.join(" or ", expect.outcomes().stream().sorted().toList())
              + ", ended "
              + outcome
              + ": "
              + lastLine);
    }
    if (expect.exitCode() >= 0 && last.exitCode() != expect.exitCode()) {
      violations.add(
          scenario.name()
              + " must exit "
              + expect.exitCode()
              + ", exited "
              + last.exitCode()
              + ": "
              + lastLine);
    }
    if (!expect.names().isEmpty() && last.exitCode() != 0 && !lastLine.contains(expect.names())) {
      violations.add("the error line does not name " + expect.names() + ": " + lastLine);
    }
    if (!expect.mentions().isEmpty()
        && last.exitCode() != 0
        && !last.err().contains(expect.mentions())) {
      violations.add("stderr never mentions " + expect.mentions() + ": " + lastLine);
    }
    boolean integrations = scenario.profile().integrations();
    Scenario.Topology topology = scenario.topology();
    switch (outcome) {
      case "provisioned", "resumed-provisioned" -> {
        if (last.exitCode() != 0) {
          violations.add("provisioned but exit code " + last.exitCode());
        }
        expectBuilt(left, integrations, topology, "provisioned", violations);
        if (!lastLine.contains("ironkube destroy")) {
          violations.add("a successful run must end with the billing reminder, ended: " + lastLine);
        }
      }
      case "left-running", "resumed-left-running" -> {
        if (last.exitCode() != ExitCodes.LEFT_RUNNING) {
          violations.add("left running but exit code " + last.exitCode());
        }
        expectErrorLine(last, violations);
        if (!last.err().contains("NOT locked down")) {
          violations.add("left running without saying the node is not locked down");
        }
        expectBuilt(left, integrations, topology, "left running", violations);
      }
      case "kept", "resumed-kept" -> {
        if (last.exitCode() == 0) {
          violations.add("kept after a failure but exit code 0");
        }
        expectErrorLine(last, violations);
        if (left.servers() > topology.nodes()) {
          violations.add(
              left.servers()
                  + " servers after a kept failure of "
                  + topology.nodes()
                  + " node(s) (ordered twice)");
        }
      }
      case "failed-cleaned", "resumed-failed-cleaned", "interrupted", "destroyed-after-kill" -> {
        if (outcome.equals("interrupted") && last.exitCode() != 130) {
          violations.add("interrupted but exit code " + last.exitCode());
        }
        if (!outcome.equals("destroyed-after-kill")) {
          expectErrorLine(last, violations);
        }
        checkEmpty(left, "after " + outcome, violations);
      }
      default -> violations.add("unexpected outcome " + outcome + ": " + lastLine);
    }
  }

  /**
   * A cluster that exists: a server per node and, with the integrations, an A record per control
   * plane and the stored copies.
   */
  private static void expectBuilt(
      Leftovers left,
      boolean integrations,
      Scenario.Topology topology,
      String what,
      List<String> violations) {
    if (left.servers() != topology.nodes()) {
      violations.add(
          what
              + " with "
              + left.servers()
              + " servers in the datacenter (want "
              + topology.nodes()
              + ")");
    }
    if (integrations && left.dnsRecords() != topology.controlPlanes()) {
      violations.add(
          what
              + " with "
              + left.dnsRecords()
              + " DNS records (want "
              + topology.controlPlanes()
              + ")");
    }
    if (integrations && left.storedCopies() != 3) {
      violations.add(what + " with " + left.storedCopies() + " credential copies (want 3)");
    }
  }

  private static void expectErrorLine(ChaosRun.Invocation last, List<String> violations) {
    boolean named = last.err().lines().anyMatch(l -> l.startsWith("ironkube: "));
    if (!named) {
      violations.add("failed without an 'ironkube: ...' line naming the problem");
    }
    if (last.err().contains("\tat ")) {
      violations.add("a stack trace reached the user without --verbose");
    }
  }

  static void checkEmpty(Leftovers left, String when, List<String> violations) {
    for (String what : left.describe()) {
      violations.add(what + " left " + when);
    }
  }

  /**
   * No join token outlives the run that created it, unless that run was killed outright; then each
   * one left must expire on its own within {@link #TOKEN_TTL}.
   */
  static void checkTokens(
      SimulatedDatacenter sim, boolean killed, String when, List<String> violations) {
    for (RecordedToken t : sim.teleport().liveTokens()) {
      if (!killed) {
        violations.add("a Teleport join token was left " + when);
      } else if (Duration.between(t.created(), t.expires()).compareTo(TOKEN_TTL.plusMinutes(1))
          > 0) {
        violations.add("a join token left by the killed run does not expire within 30 minutes");
      }
    }
  }

  /**
   * No secret in any output or log: none of {@code secrets} (provider key, integration credentials,
   * join tokens) in any output, no private key material in any output, and none of them in a file
   * the run wrote besides the credential store, the cluster document and the identity file the
   * operator supplies.
   */
  static void checkSecrets(
      String providerKey,
      List<String> secrets,
      Path home,
      List<String> outputs,
      List<String> violations)
      throws IOException {
    for (String o : outputs) {
      for (String secret : secrets) {
        if (o.contains(secret)) {
          violations.add(
              (secret.equals(providerKey) ? "the API key" : "a secret of an integration")
                  + " appeared in the output");
        }
      }
      if (o.contains("PRIVATE KEY")) {
        violations.add("private key material appeared in the output");
      }
    }
    try (Stream<Path> files = Files.walk(home)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        String name = f.getFileName().toString();
        if (List.of("credentials", "cluster.yaml", "teleport-identity").contains(name)) {
          continue;
        }
        String text = Files.readString(f, StandardCharsets.ISO_8859_1);
        for (String secret : secrets) {
          if (text.contains(secret)) {
            violations.add(
                (secret.equals(providerKey) ? "the API key" : "a secret of an integration")
                    + " was written to "
                    + home.relativize(f));
          }
        }
      }
    }
  }

  /**
   * A run refused in the preflight sent nothing that creates, changes or deletes: no request of
   * those methods to a provider, to Cloudflare or to Infisical. Two kinds of POST are not changes:
   * the Image Factory's schematic upload (content-addressed; the same YAML always names the same
   * schematic, which nobody owns or pays for) and logins, which trade credentials for a token.
   */
  static void checkNothingOrdered(RequestLog log, List<String> violations) {
    checkNothingOrdered(log.entries(), "a run refused before ordering", violations);
  }

  /** The same, over {@code entries}: the requests one run sent while nothing else ran. */
  static void checkNothingOrdered(
      List<RequestLog.Entry> entries, String who, List<String> violations) {
    List<RequestLog.Entry> changes =
        entries.stream()
            .filter(RequestLog.Entry::mutating)
            .filter(e -> !e.api().equals("factory"))
            .filter(e -> !e.path().contains("/auth/"))
            .toList();
    if (!changes.isEmpty()) {
      violations.add(
          who + " sent " + changes.size() + " mutating request(s), first " + changes.get(0));
    }
  }

  /**
   * Someone else's DNS record is back exactly as it was made: same id, address, TTL, proxying and
   * comment, whether it was refused, or taken over and then restored by cleanup or destroy.
   */
  static void checkForeignRecordAsItWas(
      SimulatedDatacenter sim, String when, List<String> violations) {
    var theirs =
        sim.cloudflare().records(CloudflareOptions.DEFAULT_ZONE_ID).stream()
            .filter(r -> RunWorld.DNS_NAME.equals(r.path("name").asText()))
            .filter(r -> "A".equals(r.path("type").asText()))
            .toList();
    boolean intact =
        theirs.size() == 1
            && RunWorld.FOREIGN_ADDRESS.equals(theirs.get(0).path("content").asText())
            && theirs.get(0).path("ttl").asInt() == RunWorld.FOREIGN_TTL
            && !theirs.get(0).path("proxied").asBoolean()
            && RunWorld.FOREIGN_COMMENT.equals(theirs.get(0).path("comment").asText());
    if (!intact) {
      violations.add("someone else's DNS record is not as it was " + when + ": " + theirs);
    }
  }
}
