package dev.ironkube.sim.talos;

import java.net.InetAddress;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;

/**
 * What a simulated Kubernetes API needs from its node.
 *
 * @param address where to listen
 * @param port the port (6443, or 0 for an ephemeral one in tests)
 * @param nodeName the node's name as kubelet registers it
 * @param kubernetesVersion the version /version reports
 * @param serverCertificate issued by the config's cluster.ca for the endpoint host and address
 * @param serverKey its key
 * @param clusterCa cluster.ca, which client certificates must chain to
 */
public record KubernetesApiSetup(
    InetAddress address,
    int port,
    String nodeName,
    String kubernetesVersion,
    X509Certificate serverCertificate,
    PrivateKey serverKey,
    X509Certificate clusterCa) {

  @Override
  public String toString() {
    return "KubernetesApiSetup["
        + address.getHostAddress()
        + ":"
        + port
        + ", node="
        + nodeName
        + "]";
  }
}
