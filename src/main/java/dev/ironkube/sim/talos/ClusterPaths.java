package dev.ironkube.sim.talos;

import dev.ironkube.sim.kube.NodeNetwork;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Collection;
import java.util.List;

/**
 * The network paths between a cluster's nodes, as each node's firewall lets them through: etcd's
 * peer ports for a joining control plane, the API (and trustd, for a worker) for a kubelet, and
 * what runs over the cluster once it is up ({@link NodeNetwork}: the API server to a kubelet on
 * 10250, Cilium's VXLAN on UDP 8472). Reads the seats under the cluster's lock.
 */
final class ClusterPaths implements NodeNetwork {
  private final Object lock;
  private final Collection<ClusterSeat> seats;

  ClusterPaths(Object lock, Collection<ClusterSeat> seats) {
    this.lock = lock;
    this.seats = seats;
  }

  /** Why {@code joiner} cannot reach etcd's peers (or they it), or null when it can. */
  String etcdPathBlocked(ClusterSeat joiner) {
    for (ClusterSeat m : seats) {
      if (m == joiner || !m.etcdMember || m.gone) {
        continue;
      }
      for (int port : new int[] {2379, 2380}) {
        if (!m.m.firewall().allows(joiner.m.address(), "tcp", port)) {
          return "etcd join failed: "
              + m.m.address().getHostAddress()
              + ":"
              + port
              + " dropped by "
              + m.m.hostname()
              + "'s firewall (context deadline exceeded)";
        }
        if (!joiner.m.firewall().allows(m.m.address(), "tcp", port)) {
          return "etcd join failed: this node's firewall drops "
              + m.m.hostname()
              + " on "
              + port
              + " (context deadline exceeded)";
        }
      }
    }
    return null;
  }

  /** Why {@code s}'s kubelet cannot reach the API (and trustd, for a worker), or null. */
  String kubeletPathBlocked(ClusterSeat s, long now) {
    List<ClusterSeat> serving =
        seats.stream()
            .filter(x -> x.etcdMember && !x.gone && x.m.up() && x.etcdUpAt <= now)
            .toList();
    if (serving.contains(s)) {
      return null; // KubePrism reaches the local API server over lo
    }
    List<ClusterSeat> targets = serving;
    if (!s.m.controlPlane()) {
      List<ClusterSeat> named =
          serving.stream()
              .filter(x -> x.m.address().getHostAddress().equals(s.m.endpointHost()))
              .toList();
      if (!named.isEmpty()) {
        targets = named;
      }
    }
    String why = "no control plane serves the API yet";
    for (ClusterSeat t : targets) {
      boolean api = t.m.firewall().allows(s.m.address(), "tcp", NodeIngress.KUBERNETES_API);
      boolean trustd = s.m.controlPlane() || t.m.firewall().allows(s.m.address(), "tcp", 50001);
      if (api && trustd) {
        return null;
      }
      why =
          (api ? "" : t.m.address().getHostAddress() + ":6443 ")
              + (trustd ? "" : t.m.address().getHostAddress() + ":50001 ")
              + "dropped by "
              + t.m.hostname()
              + "'s firewall";
    }
    return "kubelet cannot reach the control plane: " + why;
  }

  @Override
  public boolean kubeletReachable(String apiServerAddress, String nodeName) {
    synchronized (lock) {
      ClusterSeat s = byHostname(nodeName);
      if (s == null || s.gone) {
        return false;
      }
      if (s.m.address().getHostAddress().equals(apiServerAddress)) {
        return true;
      }
      return s.m.firewall().allows(address(apiServerAddress), "tcp", 10250);
    }
  }

  @Override
  public boolean podNetworkUp(String nodeName) {
    synchronized (lock) {
      ClusterSeat s = byHostname(nodeName);
      if (s == null || s.gone) {
        return false;
      }
      for (ClusterSeat o : seats) {
        if (o == s || o.gone || !o.registered) {
          continue;
        }
        // Drops happen where the tunnel ends: a node dropping its peers' VXLAN loses both their
        // traffic and the replies to its own pods' connections; the peers still reach each other.
        if (!s.m.firewall().allows(o.m.address(), "udp", 8472)) {
          return false;
        }
      }
      return true;
    }
  }

  private ClusterSeat byHostname(String hostname) {
    ClusterSeat found = null;
    for (ClusterSeat s : seats) {
      if (s.m.hostname().equals(hostname) && (found == null || found.gone)) {
        found = s;
      }
    }
    return found;
  }

  private static InetAddress address(String literal) {
    try {
      return InetAddress.getByName(literal);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("not an address: " + literal, e);
    }
  }
}
