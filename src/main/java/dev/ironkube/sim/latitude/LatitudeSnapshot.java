package dev.ironkube.sim.latitude;

import java.util.List;

/**
 * What the simulated Latitude account holds, in a form that outlives the process: a background
 * datacenter writes it under {@code $IRONKUBE_HOME/sim/} and the next one starts from it, as the
 * real account keeps its projects, keys, servers and firewalls while our tool is not running.
 */
public record LatitudeSnapshot(
    List<ProjectRecord> projects,
    List<SshKeyRecord> sshKeys,
    List<Server> servers,
    List<FirewallRecord> firewalls,
    List<AssignmentRecord> assignments) {

  public LatitudeSnapshot {
    projects = List.copyOf(projects);
    sshKeys = List.copyOf(sshKeys);
    servers = List.copyOf(servers);
    firewalls = List.copyOf(firewalls);
    assignments = List.copyOf(assignments);
  }

  /**
   * One server and the machine behind it.
   *
   * @param address the machine's loopback address, kept so a kubeconfig or talosconfig naming it
   *     reaches the same machine after a restart
   * @param finalStatus where its status timeline ends ({@code on}, {@code failed_deployment}, or
   *     {@code deploying} for a stuck one): the real server went on deploying while we were away
   * @param booted whether the machine had booted Talos
   */
  public record Server(
      String id,
      String hostname,
      String projectId,
      String plan,
      String site,
      String operatingSystem,
      String billing,
      String label,
      String createdAt,
      String address,
      String bootSource,
      String finalStatus,
      boolean booted) {}
}
