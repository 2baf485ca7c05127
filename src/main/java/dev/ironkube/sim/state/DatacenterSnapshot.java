package dev.ironkube.sim.state;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ironkube.sim.infisical.InfisicalSnapshot;
import dev.ironkube.sim.latitude.LatitudeSnapshot;
import dev.ironkube.sim.scaleway.ScalewaySnapshot;
import dev.ironkube.sim.talos.KeptTalos;
import java.util.List;
import java.util.Map;

/**
 * What a background simulated datacenter keeps across a restart, as written to {@code
 * $IRONKUBE_HOME/sim/state/datacenter.json}.
 *
 * @param version the layout's version, so a later layout can tell an older file
 * @param latitude the Latitude account
 * @param scaleway the Scaleway account (servers and IAM SSH keys)
 * @param dnsRecords the Cloudflare records by zone id, as the API answers them
 * @param secrets the Infisical project, secret values included (hence the file's 0600)
 * @param configuredMachines machines whose Talos node had a machine configuration applied: they
 *     never come back in maintenance mode (a real configured node does not); those {@code talos}
 *     holds no disks of (a file written before it kept them) stay silent until destroyed
 * @param imageFactoryPort the simulated Image Factory's port, which machine configs name (0:
 *     unknown); the next datacenter serves on it again when it is free
 * @param talos the configured Talos nodes' disks and their clusters' etcd membership and Kubernetes
 *     state (machine configs hold the clusters' keys: hence the file's 0600 too)
 */
public record DatacenterSnapshot(
    int version,
    LatitudeSnapshot latitude,
    ScalewaySnapshot scaleway,
    Map<String, List<ObjectNode>> dnsRecords,
    InfisicalSnapshot secrets,
    List<String> configuredMachines,
    int imageFactoryPort,
    KeptTalos talos) {
  public static final int VERSION = 1;

  public DatacenterSnapshot {
    configuredMachines = List.copyOf(configuredMachines);
    dnsRecords = dnsRecords == null ? Map.of() : Map.copyOf(dnsRecords);
    talos = talos == null ? KeptTalos.empty() : talos;
  }
}
