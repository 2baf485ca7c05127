package dev.ironkube.sim;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Hands each simulated server a loopback address of its own: 127.0.1.1, 127.0.1.2, … then 127.0.2.1
 * and on. Linux routes all of 127.0.0.0/8 to the loopback interface, so these bind with no setup.
 * Addresses are never reused within one datacenter, so a late-closing fake of a deleted machine can
 * never clash with a new one.
 *
 * <p>Before handing an address out it checks that the ports a node fake will bind there (Talos
 * 50000, Kubernetes 6443 by default) are free; another datacenter in the same JVM or another test
 * process may already use that address, and it is skipped.
 */
public final class LoopbackAllocator {
  private static final int FIRST_SECOND_OCTET_BLOCK = 1;
  private static final int LAST_BLOCK = 255;

  private final List<Integer> probePorts;
  private final Set<InetAddress> reserved = new HashSet<>();
  private int block;
  private int host;

  public LoopbackAllocator(int firstBlock, List<Integer> probePorts) {
    if (firstBlock < FIRST_SECOND_OCTET_BLOCK || firstBlock > LAST_BLOCK) {
      throw new IllegalArgumentException("first block must be 1..255, was " + firstBlock);
    }
    this.block = firstBlock;
    this.host = 0;
    this.probePorts = List.copyOf(probePorts);
  }

  /** Starts at 127.0.1.1 and checks the Talos and Kubernetes API ports. */
  public static LoopbackAllocator standard() {
    return new LoopbackAllocator(1, List.of(50000, 6443));
  }

  /**
   * Never hands out {@code address}: a machine restored after a restart holds it, though its node
   * may not listen yet.
   */
  public synchronized void reserve(InetAddress address) {
    reserved.add(address);
  }

  /** The next free address. */
  public synchronized InetAddress next() {
    while (block <= LAST_BLOCK) {
      host++;
      if (host > 254) {
        block++;
        host = 0;
        continue;
      }
      InetAddress candidate = address(block, host);
      if (!reserved.contains(candidate) && portsFree(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException("no free loopback address left in 127.0.1.0-127.0.255.255");
  }

  /** Whether something can listen on {@code address} at all (true on Linux for all 127/8). */
  public static boolean canBind(InetAddress address) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress(address, 0));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private boolean portsFree(InetAddress candidate) {
    for (int port : probePorts) {
      try (ServerSocket socket = new ServerSocket()) {
        socket.bind(new InetSocketAddress(candidate, port));
      } catch (IOException e) {
        return false;
      }
    }
    return true;
  }

  private static InetAddress address(int block, int host) {
    try {
      return InetAddress.getByAddress(new byte[] {127, 0, (byte) block, (byte) host});
    } catch (UnknownHostException e) {
      throw new UncheckedIOException(e);
    }
  }
}
