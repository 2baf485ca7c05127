package dev.ironkube.sim.scaleway;

import java.util.List;

/**
 * What the simulated Scaleway account holds (IAM SSH keys, Elastic Metal servers), in a form that
 * outlives the process, as the real account keeps them while our tool is not running.
 */
public record ScalewaySnapshot(List<SshKeyRecord> sshKeys, List<Server> servers) {
  public ScalewaySnapshot {
    sshKeys = List.copyOf(sshKeys);
    servers = List.copyOf(servers);
  }

  /**
   * One server and its machine.
   *
   * @param status the status its order ends at ({@code ready}, {@code error}, …): the real order
   *     went on while nothing was watching
   * @param install the install status it ends at, null for an order without install
   * @param address the machine's loopback address, kept so configs naming it still reach it
   * @param booted whether the machine had booted Talos
   */
  public record Server(
      String id,
      String zone,
      String name,
      String description,
      List<String> tags,
      String offerId,
      String osId,
      String hostname,
      List<String> sshKeyIds,
      String userData,
      String createdAt,
      String ipv4Id,
      String ipv6Id,
      String address,
      String bootSource,
      String status,
      String install,
      boolean booted) {}
}
