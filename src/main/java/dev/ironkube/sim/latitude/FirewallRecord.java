package dev.ironkube.sim.latitude;

import dev.ironkube.net.Cidr;
import java.net.InetAddress;
import java.util.List;

/** A firewall held by the simulated Latitude: its rules, seeded SSH rule first. */
public record FirewallRecord(
    String id, String name, String projectId, List<Rule> rules, String createdAt) {

  public FirewallRecord {
    rules = List.copyOf(rules);
  }

  /**
   * One rule: it lets in {@code protocol} traffic from {@code from} to {@code to} (an address, a
   * CIDR or ANY) on ports {@code low}..{@code high}. {@code seeded} is Latitude's {@code default}.
   */
  public record Rule(
      String from,
      String to,
      String protocol,
      int low,
      int high,
      boolean seeded,
      String description) {

    /** The rule Latitude adds to every new firewall, as the spec's example shows it. */
    static Rule ssh() {
      return new Rule("ANY", "ANY", "TCP", 22, 22, true, null);
    }

    public String port() {
      return low == high ? String.valueOf(low) : low + "-" + high;
    }

    boolean letsInTcp(InetAddress source, InetAddress destination, int port) {
      return "TCP".equals(protocol)
          && port >= low
          && port <= high
          && matches(from, source)
          && matches(to, destination);
    }

    private static boolean matches(String selector, InetAddress address) {
      return "ANY".equals(selector)
          || Cidr.parseMasking(selector)
              .map(c -> c.contains(address))
              .orElseThrow(() -> new IllegalArgumentException("not an IP subnet: " + selector));
    }
  }

  /** Whether any rule lets a new TCP connection in. */
  boolean letsInTcp(InetAddress source, InetAddress destination, int port) {
    return rules.stream().anyMatch(r -> r.letsInTcp(source, destination, port));
  }
}
