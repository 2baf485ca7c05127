package dev.ironkube.sim.talos;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * The serving certificates a configured node issues itself from the applied config, with the SANs
 * Talos puts in them (shared/reference/talos.md, sections 3.1 and 5.1).
 */
final class NodeCertificates {
  private NodeCertificates() {}

  /** apid: the node's addresses and hostname, plus machine.certSANs (IPs and names). */
  static SimPki.Issued apid(AppliedConfig config, InetAddress address, String hostname) {
    return apid(config, address, hostname, config.osCa());
  }

  /**
   * As above, issued by {@code issuer}: a worker's config carries the OS CA without its key, so its
   * certificate comes from a control plane's trustd, which holds the key.
   */
  static SimPki.Issued apid(
      AppliedConfig config, InetAddress address, String hostname, SimPki.Issued issuer) {
    List<InetAddress> ips = new ArrayList<>(List.of(address));
    List<String> names = new ArrayList<>(List.of(hostname));
    for (String san : config.certSans()) {
      if (SanNames.isIpLiteral(san)) {
        ips.add(SanNames.ip(san));
      } else {
        names.add(san);
      }
    }
    return SimPki.server(issuer, hostname, ips, names);
  }

  /** kube-apiserver: the endpoint host, the node address, 127.0.0.1 and the in-cluster names. */
  static SimPki.Issued kubeApiServer(AppliedConfig config, InetAddress address) {
    List<InetAddress> ips = new ArrayList<>(List.of(address, SanNames.ip("127.0.0.1")));
    List<String> names =
        new ArrayList<>(
            List.of(
                "kubernetes",
                "kubernetes.default",
                "kubernetes.default.svc",
                "kubernetes.default.svc.cluster.local",
                "localhost"));
    String endpointHost = SanNames.host(config.endpoint());
    if (SanNames.isIpLiteral(endpointHost)) {
      ips.add(SanNames.ip(endpointHost));
    } else if (!endpointHost.isEmpty()) {
      names.add(endpointHost);
    }
    return SimPki.server(config.k8sCa(), "kube-apiserver", ips, names);
  }
}
