package dev.ironkube.sim;

import java.net.InetAddress;

/**
 * A provider's network firewall in front of a machine (a Latitude firewall assigned to the server),
 * as the machine's listeners feel it: whether a new TCP connection from {@code source} to the
 * machine's {@code port} gets through at all, before the machine's own firewall is asked.
 */
@FunctionalInterface
public interface ProviderFirewall {
  /** No firewall assigned: everything reaches the machine. */
  ProviderFirewall NONE = (source, port) -> true;

  boolean admitsTcp(InetAddress source, int port);
}
