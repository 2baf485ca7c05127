package dev.ironkube.sim.talos;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * A CIDR as nftables matches it: the first {@code prefix} bits of an address of the same family.
 */
public record Subnet(byte[] network, int prefix) {

  /** "10.0.0.0/8", "2001:db8::/32", or a bare address as a host route; never resolved via DNS. */
  public static Subnet parse(String cidr) {
    int slash = cidr.indexOf('/');
    String host = slash < 0 ? cidr : cidr.substring(0, slash);
    if (!host.matches("[0-9A-Fa-f.:]+")) {
      throw new IllegalArgumentException("not an IP subnet: " + cidr);
    }
    try {
      byte[] bytes = InetAddress.getByName(host).getAddress();
      int prefix = slash < 0 ? bytes.length * 8 : Integer.parseInt(cidr.substring(slash + 1));
      return new Subnet(bytes, prefix);
    } catch (UnknownHostException | NumberFormatException e) {
      throw new IllegalArgumentException("not an IP subnet: " + cidr, e);
    }
  }

  public boolean contains(InetAddress address) {
    byte[] other = address.getAddress();
    if (other.length != network.length) {
      return false;
    }
    for (int bit = 0; bit < prefix; bit++) {
      int mask = 0x80 >>> (bit % 8);
      if ((other[bit / 8] & mask) != (network[bit / 8] & mask)) {
        return false;
      }
    }
    return true;
  }
}
