package dev.ironkube.sim.latitude;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Everything the simulated Latitude account holds, in creation order. Routes lock the whole state
 * for each request: the fake serves one operator, not a fleet, and a single lock keeps "create a
 * server only if the project exists" honest.
 */
final class LatitudeState {
  final Map<String, ProjectRecord> projects = new LinkedHashMap<>();
  final Map<String, SshKeyRecord> sshKeys = new LinkedHashMap<>();
  final Map<String, SimServer> servers = new LinkedHashMap<>();
  final Map<String, FirewallRecord> firewalls = new LinkedHashMap<>();
  final Map<String, AssignmentRecord> assignments = new LinkedHashMap<>();

  /** A project by id or slug, as the API accepts both. */
  Optional<ProjectRecord> project(String idOrSlug) {
    ProjectRecord byId = projects.get(idOrSlug);
    if (byId != null) {
      return Optional.of(byId);
    }
    return projects.values().stream().filter(p -> p.slug().equals(idOrSlug)).findFirst();
  }

  List<SimServer> servers(Predicate<SimServer> filter) {
    List<SimServer> matching = new ArrayList<>();
    for (SimServer server : servers.values()) {
      if (filter.test(server)) {
        matching.add(server);
      }
    }
    return matching;
  }

  long serversIn(ProjectRecord project) {
    return servers.values().stream().filter(s -> s.project.id().equals(project.id())).count();
  }
}
