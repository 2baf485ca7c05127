package dev.ironkube.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An IPv4 or IPv6 network: an address with every bit after {@code prefix} clear. The one CIDR type
 * of the code base; settings, Talos configs, the operator's detected address and the simulated
 * firewalls all parse through it. Literals only: nothing is ever resolved through DNS, and the
 * forms Go's {@code net/netip} rejects (IPv4 octets with leading zeros, IPv6 zones, short IPv4 like
 * "10.1") are not addresses here either, as Talos reads these values with it.
 */
public record Cidr(InetAddress address, int prefix) {
  private static final String OCTET = "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)";
  private static final Pattern IPV4 = Pattern.compile(OCTET + "(\\." + OCTET + "){3}");
  private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:.]*:[0-9a-fA-F:.]*");

  public Cidr {
    int max = address.getAddress().length * 8;
    if (prefix < 0 || prefix > max) {
      throw new IllegalArgumentException("prefix length " + prefix + " is not within 0-" + max);
    }
    if (!masked(address, prefix).equals(address)) {
      throw new IllegalArgumentException("host bits set after /" + prefix);
    }
  }

  /**
   * A network as a user writes it in settings, checked strictly: an address alone is its host
   * network, and host bits after the prefix are refused rather than cleared, as they usually mean a
   * mistyped prefix. The messages name the value and are shown to the user as they are.
   */
  public static Cidr parse(String raw) {
    String s = raw.strip();
    int slash = s.indexOf('/');
    String host = slash < 0 ? s : s.substring(0, slash);
    Optional<InetAddress> ip = ipLiteral(host);
    if (ip.isEmpty()) {
      throw new IllegalArgumentException(
          "'" + raw + "' is not an IP network; write it like 203.0.113.7/32 or 10.244.0.0/16");
    }
    int max = bits(ip.get());
    int prefix;
    try {
      prefix = slash < 0 ? max : Integer.parseInt(s.substring(slash + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + raw + "' has a prefix length that is not a number");
    }
    if (prefix < 0 || prefix > max) {
      throw new IllegalArgumentException(
          "'" + raw + "' has prefix length " + prefix + "; it must be 0-" + max);
    }
    if (!masked(ip.get(), prefix).equals(ip.get())) {
      throw new IllegalArgumentException(
          "'" + raw + "' has host bits set after /" + prefix + "; use the network address");
    }
    return new Cidr(ip.get(), prefix);
  }

  /**
   * A network as a firewall reads it, leniently: host bits after the prefix are cleared
   * ("10.0.0.7/24" is 10.0.0.0/24, as Go's {@code netip.Prefix.Masked} and nftables treat it) and
   * an address alone is its host network. Empty when the value is no network at all.
   */
  public static Optional<Cidr> parseMasking(String raw) {
    if (raw == null) {
      return Optional.empty();
    }
    String s = raw.strip();
    int slash = s.indexOf('/');
    Optional<InetAddress> ip = ipLiteral(slash < 0 ? s : s.substring(0, slash));
    if (ip.isEmpty()) {
      return Optional.empty();
    }
    int prefix;
    try {
      prefix = slash < 0 ? bits(ip.get()) : Integer.parseInt(s.substring(slash + 1));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
    if (prefix < 0 || prefix > bits(ip.get())) {
      return Optional.empty();
    }
    return Optional.of(new Cidr(masked(ip.get(), prefix), prefix));
  }

  /** The single-address network of one host ("/32" or "/128"). */
  public static Cidr host(InetAddress address) {
    return new Cidr(address, bits(address));
  }

  /** The host network of an IP literal, or empty if the text is not one. */
  public static Optional<Cidr> host(String literal) {
    return ipLiteral(literal).map(Cidr::host);
  }

  /** An IPv4 or IPv6 literal; host names are rejected rather than resolved. */
  public static Optional<InetAddress> ipLiteral(String text) {
    if (text == null || !(IPV4.matcher(text).matches() || IPV6.matcher(text).matches())) {
      return Optional.empty();
    }
    try {
      // A literal of only these characters is parsed, never looked up.
      return Optional.of(InetAddress.getByName(text));
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
  }

  public boolean ipv6() {
    return bits(address) == 128;
  }

  /** Whether the address is of this network's family and shares its first {@code prefix} bits. */
  public boolean contains(InetAddress other) {
    return bits(other) == bits(address) && masked(other, prefix).equals(address);
  }

  /** The canonical text: the network address as Java prints it, lower case, and the prefix. */
  @Override
  public String toString() {
    return address.getHostAddress() + "/" + prefix;
  }

  private static int bits(InetAddress address) {
    return address.getAddress().length * 8;
  }

  private static InetAddress masked(InetAddress address, int prefix) {
    byte[] bytes = address.getAddress();
    for (int i = 0; i < bytes.length; i++) {
      int keep = Math.max(0, Math.min(8, prefix - i * 8));
      bytes[i] &= (byte) (0xff << (8 - keep));
    }
    try {
      return InetAddress.getByAddress(bytes);
    } catch (UnknownHostException e) {
      throw new IllegalStateException("an address of 4 or 16 bytes", e);
    }
  }
}
