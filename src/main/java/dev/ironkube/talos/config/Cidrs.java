package dev.ironkube.talos.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;

/**
 * CIDR checks for firewall subnets. Talos' schema only accepts lower-case hex and an explicit
 * prefix, so addresses are normalised here; nothing is ever resolved through DNS.
 */
final class Cidrs {
  private Cidrs() {}

  /** The normalised CIDR ("203.0.113.7" becomes "203.0.113.7/32"), or empty if invalid. */
  static Optional<String> normalise(String value) {
    if (value == null) {
      return Optional.empty();
    }
    String text = value.trim();
    int slash = text.indexOf('/');
    String address = slash < 0 ? text : text.substring(0, slash);
    Optional<InetAddress> ip = ipLiteral(address);
    if (ip.isEmpty()) {
      return Optional.empty();
    }
    int max = ip.get().getAddress().length * 8;
    int prefix;
    try {
      prefix = slash < 0 ? max : Integer.parseInt(text.substring(slash + 1));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
    if (prefix < 0 || prefix > max) {
      return Optional.empty();
    }
    return Optional.of(networkAddress(ip.get(), prefix) + "/" + prefix);
  }

  /** Host bits cleared: "10.0.0.7/24" becomes "10.0.0.0/24", the canonical form of the subnet. */
  private static String networkAddress(InetAddress ip, int prefix) {
    byte[] bytes = ip.getAddress();
    for (int i = 0; i < bytes.length; i++) {
      int keep = Math.max(0, Math.min(8, prefix - i * 8));
      bytes[i] &= (byte) (0xff << (8 - keep));
    }
    try {
      return InetAddress.getByAddress(bytes).getHostAddress().toLowerCase(Locale.ROOT);
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  /** An IP literal; host names are rejected rather than resolved. */
  static Optional<InetAddress> ipLiteral(String value) {
    if (value == null
        || value.isEmpty()
        || !value.matches("[0-9A-Fa-f.:]+")
        || !value.matches(".*[.:].*")) {
      return Optional.empty();
    }
    if (!value.contains(":") && !value.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
      return Optional.empty();
    }
    try {
      return Optional.of(InetAddress.getByName(value));
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
  }

  /** The single-host CIDR of an IP literal. */
  static Optional<String> hostCidr(String value) {
    return ipLiteral(value)
        .map(ip -> value.toLowerCase(Locale.ROOT) + "/" + ip.getAddress().length * 8);
  }
}
