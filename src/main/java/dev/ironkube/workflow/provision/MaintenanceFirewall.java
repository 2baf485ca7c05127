package dev.ironkube.workflow.provision;

import dev.ironkube.failure.RemoteServiceException;
import dev.ironkube.provider.ClusterIdentity;
import dev.ironkube.provider.NetworkGuard;
import dev.ironkube.provider.ResourceRef;
import dev.ironkube.workflow.Journal;
import dev.ironkube.workflow.Outcome;
import dev.ironkube.workflow.Progress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Keeps the Talos maintenance API (50000, which accepts a machine config from anyone until one is
 * applied) reachable only from the operator, with the provider's network firewall, from right after
 * the server is ordered until Talos is configured and its own firewall takes over.
 *
 * <p>Two hooks: {@link #guard} once the server is ordered, {@link #release} once the configure
 * phase succeeded. Each call to the provider goes through the gate, so the firewall and the
 * assignment are journaled under the provider's name and deleted by the provider's deleter in
 * cleanup and destroy (assignment first, then firewall, then the server and the project). A resumed
 * run reuses the journaled firewall; a create whose answer was lost is looked for by the cluster's
 * marker name before anything is created again.
 */
public final class MaintenanceFirewall {
  private final ProvisionContext ctx;
  private final Supplier<List<String>> operatorCidrs;
  private final boolean active;
  private final List<String> notes;

  /**
   * @param talos the stage that configures the node, whose firewall's operator addresses are used;
   *     null when the run configures nothing, which would leave the guard on forever: then none
   * @param notes where the report's notes go
   */
  private final List<String> releasedNames = new ArrayList<>();

  private int noteIndex = -1;

  public MaintenanceFirewall(ProvisionContext ctx, TalosStage talos, List<String> notes) {
    this.ctx = ctx;
    this.active = talos != null;
    this.operatorCidrs = talos == null ? List::of : talos::operatorCidrs;
    this.notes = notes;
  }

  private Optional<NetworkGuard> networkGuard() {
    return active ? ctx.provider().networkGuard() : Optional.empty();
  }

  private ClusterIdentity cluster() {
    return ctx.spec().identity();
  }

  private String system() {
    return ctx.provider().name();
  }

  /** For --dry-run: what {@link #guard} would create; reads only. */
  public List<String> plan(String hostname) {
    Optional<NetworkGuard> guard = networkGuard();
    if (guard.isEmpty()) {
      return List.of();
    }
    List<String> configured = ctx.spec().operatorCidrs();
    String from =
        configured.isEmpty()
            ? "your public address (detected when ordering)"
            : String.join(", ", configured);
    String marker = cluster().markerName();
    boolean exists = guard.get().find(cluster()).isPresent();
    return List.of(
        (exists ? "reuse" : "create")
            + " firewall "
            + marker
            + " at "
            + system()
            + ": TCP "
            + ports(guard.get())
            + " only from "
            + from
            + ", every other port as without a firewall",
        "assign firewall "
            + marker
            + " to server "
            + hostname
            + " while Talos is in maintenance mode, and remove both once it is configured");
  }

  /** Puts the freshly ordered server behind the cluster's firewall, creating it if need be. */
  public synchronized void guard(ResourceRef server) {
    Optional<NetworkGuard> guard = networkGuard();
    if (guard.isEmpty()) {
      return;
    }
    if (released(server) || ctx.journal().hadOutcome(Outcome.PROVISIONED)) {
      ctx.progress()
          .info(
              "Talos on "
                  + server.name()
                  + " was configured by an earlier run: no provider firewall is needed");
      return;
    }
    String ports = ports(guard.get());
    Progress.Step step =
        ctx.progress()
            .step("Firewalling the Talos maintenance API (TCP " + ports + ") at " + system());
    List<String> cidrs = operatorCidrs.get();
    ResourceRef firewall = ensureFirewall(guard.get(), cidrs);
    ResourceRef assignment = ensureAssignment(guard.get(), firewall, server);
    step.done(
        firewall.id()
            + " on "
            + server.name()
            + " ("
            + assignment.id()
            + "): "
            + ports
            + " answers only "
            + String.join(", ", cidrs)
            + " until Talos is configured");
  }

  /**
   * Takes the server from behind the firewall, and deletes the firewall once no server of this
   * cluster is behind it. Call it only once Talos is configured: its own default-block firewall
   * then guards 50000 and 6443.
   */
  public synchronized void release(ResourceRef server) {
    if (ctx.provider().networkGuard().isEmpty() || released(server)) {
      return;
    }
    List<ResourceRef> assignments =
        owned(NetworkGuard.ASSIGNMENT).stream().filter(a -> a.name().equals(server.id())).toList();
    if (assignments.isEmpty()) {
      return;
    }
    Progress.Step step =
        ctx.progress()
            .step("Releasing the provider firewall of " + server.name() + " (Talos guards it now)");
    for (ResourceRef assignment : assignments) {
      ctx.gate().delete(system(), assignment, () -> ctx.provider().delete(assignment));
    }
    List<String> deleted = new ArrayList<>();
    for (ResourceRef firewall : owned(NetworkGuard.FIREWALL)) {
      boolean inUse =
          owned(NetworkGuard.ASSIGNMENT).stream()
              .anyMatch(a -> a.id().startsWith(firewall.id() + "/"));
      if (!inUse) {
        ctx.gate().delete(system(), firewall, () -> ctx.provider().delete(firewall));
        deleted.add(firewall.id());
      }
    }
    ctx.journal().value(releasedKey(server), "released");
    step.done(
        deleted.isEmpty()
            ? "assignment removed; the firewall stays for the other nodes"
            : "assignment and firewall " + String.join(", ", deleted) + " deleted");
    releasedNames.add(server.name());
    String note =
        "the Talos maintenance API of "
            + String.join(", ", releasedNames)
            + " was firewalled at "
            + system()
            + " to your address from the order until Talos was configured; Talos' own firewall"
            + " guards 50000 and 6443 since";
    // One note for every node released, kept up to date as the others follow.
    if (noteIndex < 0) {
      noteIndex = notes.size();
      notes.add(note);
    } else {
      notes.set(noteIndex, note);
    }
  }

  private ResourceRef ensureFirewall(NetworkGuard guard, List<String> cidrs) {
    String marker = cluster().markerName();
    Optional<ResourceRef> owned =
        owned(NetworkGuard.FIREWALL).stream().filter(f -> f.name().equals(marker)).findFirst();
    if (owned.isPresent()) {
      return owned.get();
    }
    // An earlier create whose answer was lost, or a firewall a lost journal no longer lists: the
    // marker name finds it, and it is taken over rather than doubled.
    Optional<ResourceRef> found = guard.find(cluster());
    if (found.isPresent()) {
      ctx.gate().adopt(system(), found.get());
      return found.get();
    }
    if (wasOurs(NetworkGuard.FIREWALL, marker)) {
      ctx.journal().abandoned(system(), NetworkGuard.FIREWALL, marker);
    }
    try {
      return ctx.gate()
          .create(
              system(),
              NetworkGuard.FIREWALL,
              marker,
              Map.of("ports", ports(guard), "operator", String.join(",", cidrs)),
              () -> guard.create(cluster(), cidrs));
    } catch (RemoteServiceException.Transient lost) {
      Optional<ResourceRef> made = guard.find(cluster());
      if (made.isEmpty()) {
        ctx.journal().abandoned(system(), NetworkGuard.FIREWALL, marker);
        throw lost;
      }
      ctx.gate().adopt(system(), made.get());
      return made.get();
    }
  }

  private ResourceRef ensureAssignment(
      NetworkGuard guard, ResourceRef firewall, ResourceRef server) {
    Optional<ResourceRef> owned =
        owned(NetworkGuard.ASSIGNMENT).stream()
            .filter(a -> a.name().equals(server.id()) && a.id().startsWith(firewall.id() + "/"))
            .findFirst();
    if (owned.isPresent()) {
      return owned.get();
    }
    if (wasOurs(NetworkGuard.ASSIGNMENT, server.id())) {
      Optional<ResourceRef> found = guard.findAssignment(firewall, server.id());
      if (found.isPresent()) {
        ctx.gate().adopt(system(), found.get());
        return found.get();
      }
      ctx.journal().abandoned(system(), NetworkGuard.ASSIGNMENT, server.id());
    }
    try {
      return ctx.gate()
          .create(
              system(),
              NetworkGuard.ASSIGNMENT,
              server.id(),
              Map.of("firewall", firewall.id()),
              () -> guard.assign(firewall, server.id()));
    } catch (RemoteServiceException.Transient | RemoteServiceException.Conflict unclear) {
      // Lost answer, or an assignment made earlier that the journal never saw: look first.
      Optional<ResourceRef> made = guard.findAssignment(firewall, server.id());
      if (made.isEmpty()) {
        ctx.journal().abandoned(system(), NetworkGuard.ASSIGNMENT, server.id());
        throw unclear;
      }
      ctx.gate().adopt(system(), made.get());
      return made.get();
    }
  }

  private boolean released(ResourceRef server) {
    return ctx.journal().value(releasedKey(server)).isPresent();
  }

  private static String releasedKey(ResourceRef server) {
    return "maintenance firewall released " + server.id();
  }

  private static String ports(NetworkGuard guard) {
    return guard.guardedPorts().stream().map(String::valueOf).collect(Collectors.joining(", "));
  }

  private List<ResourceRef> owned(String kind) {
    return ctx.journal().owned().stream()
        .filter(o -> o.system().equals(system()))
        .map(Journal.Owned::ref)
        .filter(r -> r.kind().equals(kind))
        .toList();
  }

  private boolean wasOurs(String kind, String name) {
    return ctx.journal().unconfirmedCreates().stream()
        .anyMatch(e -> e.kind().equals(kind) && e.name().equals(name));
  }
}
