package dev.ironkube.sim.talos;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;

/** Sorting certSANs and endpoint hosts into IP and DNS subject alternative names. */
final class SanNames {
  private SanNames() {}

  static boolean isIpLiteral(String value) {
    return value.matches("[0-9.]+") || (value.contains(":") && value.matches("[0-9a-fA-F:.]+"));
  }

  /** Only for literals, so no name lookup happens. */
  static InetAddress ip(String literal) {
    try {
      return InetAddress.getByName(literal);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("not an IP literal: " + literal, e);
    }
  }

  /** The host of an https:// endpoint, without brackets; empty when unparsable. */
  static String host(String endpoint) {
    try {
      String host = URI.create(endpoint).getHost();
      return host == null ? "" : host.replace("[", "").replace("]", "");
    } catch (IllegalArgumentException e) {
      return "";
    }
  }
}
