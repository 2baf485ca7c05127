package dev.ironkube.sim.scaleway;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ironkube.sim.SimMachine;
import java.util.List;
import java.util.concurrent.Future;

/** A server the simulated Scaleway holds, with its machine and its status timeline. */
final class SimServer {
  final String id;
  final String zone;
  final String name;
  final String description;
  final List<String> tags;
  final OfferCatalogue.Spec offer;
  final OsCatalogue.Os os;
  final String hostname;
  final List<String> sshKeyIds;
  final String userData;
  final String createdAt;
  final SimMachine machine;
  final ServerTimeline timeline;
  final String ipv4Id;
  final String ipv6Id;
  volatile Future<?> pivot;

  /** Set once deleted: reads answer {@code deleting} until the deletion step has passed. */
  volatile long deletedAtNanos = -1;

  SimServer(
      String id,
      String zone,
      JsonNode body,
      OfferCatalogue.Spec offer,
      OsCatalogue.Os os,
      List<String> sshKeyIds,
      SimMachine machine,
      ServerTimeline timeline,
      ScwIds ids) {
    this.id = id;
    this.zone = zone;
    this.name = ScwJson.text(body, "name");
    this.description = ScwJson.text(body, "description");
    this.tags = ServerJson.strings(body.get("tags"));
    this.offer = offer;
    this.os = os;
    this.hostname = ScwJson.text(body.path("install"), "hostname");
    this.sshKeyIds = sshKeyIds;
    this.userData = ScwJson.text(body, "user_data");
    this.createdAt = ScwJson.now();
    this.machine = machine;
    this.timeline = timeline;
    this.ipv4Id = ids.uuid();
    this.ipv6Id = ids.uuid();
  }

  String ipv4() {
    return machine.address().getHostAddress();
  }
}
