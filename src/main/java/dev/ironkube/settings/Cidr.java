package dev.ironkube.settings;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/** An IPv4 or IPv6 network in CIDR notation, checked strictly (no host names, no host bits). */
public record Cidr(InetAddress address, int prefix) {
  private static final Pattern IPV4 =
      Pattern.compile(
          "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
  private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:]+(%\\w+)?");

  public static Cidr parse(String raw) {
    String s = raw.strip();
    int slash = s.indexOf('/');
    String host = slash < 0 ? s : s.substring(0, slash);
    boolean v4 = IPV4.matcher(host).matches();
    if (!v4 && !(host.contains(":") && IPV6.matcher(host).matches())) {
      throw new IllegalArgumentException(
          "'" + raw + "' is not an IP network; write it like 203.0.113.7/32 or 10.244.0.0/16");
    }
    int max = v4 ? 32 : 128;
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
    InetAddress address;
    try {
      address = InetAddress.getByName(host);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("'" + raw + "' is not an IP network");
    }
    byte[] bytes = address.getAddress();
    for (int bit = prefix; bit < bytes.length * 8; bit++) {
      if ((bytes[bit / 8] & (0x80 >> (bit % 8))) != 0) {
        throw new IllegalArgumentException(
            "'" + raw + "' has host bits set after /" + prefix + "; use the network address");
      }
    }
    return new Cidr(address, prefix);
  }

  /** The single-address network of one host ("/32" or "/128"). */
  public static Cidr host(InetAddress address) {
    return new Cidr(address, address.getAddress().length * 8);
  }

  @Override
  public String toString() {
    return address.getHostAddress() + "/" + prefix;
  }
}
