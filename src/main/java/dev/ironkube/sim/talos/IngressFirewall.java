package dev.ironkube.sim.talos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.ironkube.net.Cidr;
import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * The ingress decision Talos' nftables chain makes for a config's firewall documents, as far as the
 * simulator can observe it: the source address and the destination port of a new connection.
 *
 * <p>Block mode: a connection is accepted when a rule of its protocol covers the port and lists a
 * subnet holding the source (and no matching {@code except}). Accept mode (the Talos default, also
 * when no documents exist): a tcp rule turns into "drop unless the source is listed" for its ports,
 * and every port without a rule is open. Talos' interface exceptions ({@code lo}, siderolink,
 * kubespan) are not modelled: in the simulator every address is a loopback address, so the
 * interface cannot tell the operator from the node network; only the rules can.
 */
public record IngressFirewall(boolean block, List<Rule> rules) {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  /** Talos without firewall documents, and maintenance mode: everything is accepted. */
  public static final IngressFirewall OPEN = new IngressFirewall(false, List.of());

  public IngressFirewall {
    rules = List.copyOf(rules);
  }

  /** One NetworkRuleConfig: inclusive port ranges of one protocol and its source subnets. */
  public record Rule(String name, String protocol, List<int[]> ports, List<Source> sources) {
    boolean covers(String wanted, int port) {
      return wanted.equals(protocol) && ports.stream().anyMatch(r -> port >= r[0] && port <= r[1]);
    }

    boolean admits(InetAddress source) {
      return sources.stream().anyMatch(s -> s.admits(source));
    }
  }

  /** One ingress entry: a subnet and an optional carve-out. */
  public record Source(Cidr subnet, Cidr except) {
    boolean admits(InetAddress address) {
      return subnet.contains(address) && (except == null || !except.contains(address));
    }
  }

  /** Whether a new TCP connection from {@code source} to {@code port} is let in. */
  public boolean admitsTcp(InetAddress source, int port) {
    return allows(source, "tcp", port);
  }

  /**
   * Whether a new flow from {@code source} to {@code port} over {@code protocol} ("tcp" or "udp")
   * is let in: what other nodes meet on etcd, trustd, kubelet and the CNI's VXLAN port.
   */
  public boolean allows(InetAddress source, String protocol, int port) {
    List<Rule> covering = rules.stream().filter(r -> r.covers(protocol, port)).toList();
    if (block) {
      return covering.stream().anyMatch(r -> r.admits(source));
    }
    return covering.stream().allMatch(r -> r.admits(source));
  }

  /** The firewall a multi-document machine config asks for; unknown documents are ignored. */
  public static IngressFirewall of(byte[] machineConfig) {
    boolean block = false;
    List<Rule> rules = new ArrayList<>();
    try (var it = YAML.readerFor(JsonNode.class).<JsonNode>readValues(machineConfig)) {
      for (JsonNode doc : it.readAll()) {
        String kind = doc == null ? "" : doc.path("kind").asText("");
        if (kind.equals("NetworkDefaultActionConfig")) {
          block = "block".equals(doc.path("ingress").asText());
        } else if (kind.equals("NetworkRuleConfig")) {
          rules.add(rule(doc));
        }
      }
    } catch (IOException e) {
      // The validator has already accepted the YAML; this cannot happen for an applied config.
      throw new IllegalArgumentException("machine config is not YAML", e);
    }
    return new IngressFirewall(block, rules);
  }

  private static Rule rule(JsonNode doc) {
    List<int[]> ports = new ArrayList<>();
    for (JsonNode p : doc.path("portSelector").path("ports")) {
      String text = p.asText();
      int dash = text.indexOf('-');
      ports.add(
          dash < 0
              ? new int[] {Integer.parseInt(text), Integer.parseInt(text)}
              : new int[] {
                Integer.parseInt(text.substring(0, dash)),
                Integer.parseInt(text.substring(dash + 1))
              });
    }
    List<Source> sources = new ArrayList<>();
    for (JsonNode in : doc.path("ingress")) {
      String except = in.path("except").asText("");
      sources.add(
          new Source(subnet(in.path("subnet").asText()), except.isEmpty() ? null : subnet(except)));
    }
    return new Rule(
        doc.path("name").asText(),
        doc.path("portSelector").path("protocol").asText("tcp"),
        ports,
        sources);
  }

  /**
   * A subnet as nftables matches it: host bits past the prefix ignored, a bare address a host route
   * (the config was validated before it got here).
   */
  private static Cidr subnet(String text) {
    return Cidr.parseMasking(text)
        .orElseThrow(() -> new IllegalArgumentException("not an IP subnet: " + text));
  }
}
