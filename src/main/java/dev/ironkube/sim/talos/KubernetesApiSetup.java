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
 * @param clusterCaKey cluster.ca's key, for an API that issues certificates of its own
 */
public record KubernetesApiSetup(
    InetAddress address,
    int port,
    String nodeName,
    String kubernetesVersion,
    X509Certificate serverCertificate,
    PrivateKey serverKey,
    X509Certificate clusterCa,
    PrivateKey clusterCaKey) {

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
