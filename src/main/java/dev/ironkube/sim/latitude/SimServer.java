package dev.ironkube.sim.latitude;

import dev.ironkube.sim.SimMachine;
import java.util.concurrent.Future;

/** A server the simulated Latitude holds, with its machine and its status timeline. */
final class SimServer {
  final String id;
  final String hostname;
  final ProjectRecord project;
  final Plan plan;
  final Site site;
  final OperatingSystem os;
  final String billing;
  final String label;
  final String createdAt;
  final SimMachine machine;
  final ServerTimeline timeline;
  volatile Future<?> boot;

  SimServer(
      String id,
      String hostname,
      ProjectRecord project,
      Plan plan,
      Site site,
      OperatingSystem os,
      String billing,
      String label,
      SimMachine machine,
      ServerTimeline timeline) {
    this(id, hostname, project, plan, site, os, billing, label, JsonApi.now(), machine, timeline);
  }

  /** A server with the creation time it was given before a restart. */
  SimServer(
      String id,
      String hostname,
      ProjectRecord project,
      Plan plan,
      Site site,
      OperatingSystem os,
      String billing,
      String label,
      String createdAt,
      SimMachine machine,
      ServerTimeline timeline) {
    this.id = id;
    this.hostname = hostname;
    this.project = project;
    this.plan = plan;
    this.site = site;
    this.os = os;
    this.billing = billing;
    this.label = label;
    this.createdAt = createdAt;
    this.machine = machine;
    this.timeline = timeline;
  }

  String ipv4() {
    return machine.address().getHostAddress();
  }

  ServerRecord snapshot(long nowNanos) {
    return new ServerRecord(
        id,
        hostname,
        project.id(),
        plan.slug(),
        site.slug(),
        os.slug(),
        ipv4(),
        timeline.actual(nowNanos));
  }
}
