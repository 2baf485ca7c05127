package dev.ironkube.provider.scaleway;

import java.util.List;

/**
 * An Elastic Metal server. {@code status} says where the hardware is ({@code ordered}, {@code
 * delivering}, {@code ready}, ...); {@code install.status} says where the OS install is, and is
 * what decides readiness: {@code ready} arrives while the install has not even started.
 *
 * @param install null when the server was created without one
 * @param userData base64, as sent
 */
public record ScwServer(
    String id,
    String name,
    String status,
    String offerId,
    String offerName,
    String projectId,
    List<String> tags,
    List<Ip> ips,
    Install install,
    String zone,
    String userData) {

  /** The public IPv4 address, chosen by version since the order of {@code ips} is not promised. */
  public String ipv4() {
    if (ips == null) {
      return null;
    }
    return ips.stream()
        .filter(ip -> "IPv4".equals(ip.version()))
        .map(Ip::address)
        .findFirst()
        .orElse(null);
  }

  public String installStatus() {
    return install == null ? null : install.status();
  }

  public record Ip(String id, String address, String version) {}

  public record Install(String osId, String hostname, List<String> sshKeyIds, String status) {}
}
