package dev.ironkube.access;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;

/**
 * Looks at a port from a chosen source address, with a timeout that fits what the test expects. A
 * firewalled port drops the connection, so proving it silent costs the probe's whole timeout; an
 * open port on loopback hands its certificate back within milliseconds. A port that should answer
 * gets a second, for a loaded machine; one that should be silent gets a short look, which still
 * catches a port left open.
 */
public final class Probes {
  public static final Duration ANSWER = Duration.ofSeconds(1);
  public static final Duration SILENCE = Duration.ofMillis(300);

  private Probes() {}

  /** Whether {@code host:port} hands back a certificate to a connection from {@code from}. */
  public static boolean answers(String from, String host, int port) {
    return new PortProbe(ANSWER, address(from)).answers(host, port);
  }

  /**
   * Whether {@code host:port} stays silent for {@link #SILENCE} to a connection from {@code from}.
   */
  public static boolean silent(String from, String host, int port) {
    return !new PortProbe(SILENCE, address(from)).answers(host, port);
  }

  private static InetAddress address(String from) {
    if (from == null) {
      return null;
    }
    try {
      return InetAddress.getByName(from);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(from, e);
    }
  }
}
