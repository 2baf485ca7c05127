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
    this(
        id,
        zone,
        ScwJson.text(body, "name"),
        ScwJson.text(body, "description"),
        ServerJson.strings(body.get("tags")),
        offer,
        os,
        ScwJson.text(body.path("install"), "hostname"),
        sshKeyIds,
        ScwJson.text(body, "user_data"),
        ScwJson.now(),
        machine,
        timeline,
        ids.uuid(),
        ids.uuid());
  }

  /** A server as it was before a restart, its creation time and IP ids included. */
  SimServer(
      String id,
      String zone,
      String name,
      String description,
      List<String> tags,
      OfferCatalogue.Spec offer,
      OsCatalogue.Os os,
      String hostname,
      List<String> sshKeyIds,
      String userData,
      String createdAt,
      SimMachine machine,
      ServerTimeline timeline,
      String ipv4Id,
      String ipv6Id) {
    this.id = id;
    this.zone = zone;
    this.name = name;
    this.description = description;
    this.tags = tags;
    this.offer = offer;
    this.os = os;
    this.hostname = hostname;
    this.sshKeyIds = sshKeyIds;
    this.userData = userData;
    this.createdAt = createdAt;
    this.machine = machine;
    this.timeline = timeline;
    this.ipv4Id = ipv4Id;
    this.ipv6Id = ipv6Id;
  }

  String ipv4() {
    return machine.address().getHostAddress();
  }
}
