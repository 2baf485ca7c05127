package dev.ironkube.sim.latitude;

import dev.ironkube.sim.LoopbackAllocator;
import dev.ironkube.sim.MachineRegistry;
import dev.ironkube.sim.SimDisk;
import dev.ironkube.sim.SimMachine;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.LongSupplier;

/** Takes the account's state apart into a {@link LatitudeSnapshot} and puts it back. */
final class LatitudeRestore {
  private LatitudeRestore() {}

  static LatitudeSnapshot snapshot(LatitudeState state) {
    List<LatitudeSnapshot.Server> servers = new ArrayList<>();
    for (SimServer s : state.servers.values()) {
      servers.add(
          new LatitudeSnapshot.Server(
              s.id,
              s.hostname,
              s.project.id(),
              s.plan.slug(),
              s.site.slug(),
              s.os.slug(),
              s.billing,
              s.label,
              s.createdAt,
              s.ipv4(),
              s.machine.bootSource(),
              s.timeline.finalStatus(),
              s.machine.state() == SimMachine.State.TALOS_MAINTENANCE));
    }
    return new LatitudeSnapshot(
        List.copyOf(state.projects.values()),
        List.copyOf(state.sshKeys.values()),
        servers,
        List.copyOf(state.firewalls.values()),
        List.copyOf(state.assignments.values()));
  }

  /**
   * Puts {@code snapshot} into an empty {@code state}. Each server gets its machine back on its old
   * address; a machine that boots Talos is announced to the listeners (its node comes up in
   * maintenance mode, as a fresh Talos boot is) unless {@code keptMachines} names it: the caller
   * brings that one's node back with its own state.
   *
   * @return the restored machines whose nodes the caller brings back
   */
  static List<SimMachine> restore(
      LatitudeState state,
      LatitudeSnapshot snapshot,
      MachineRegistry machines,
      LoopbackAllocator addresses,
      LongSupplier nanoClock,
      Set<String> keptMachines) {
    snapshot.projects().forEach(p -> state.projects.put(p.id(), p));
    snapshot.sshKeys().forEach(k -> state.sshKeys.put(k.id(), k));
    snapshot.firewalls().forEach(f -> state.firewalls.put(f.id(), f));
    snapshot.assignments().forEach(a -> state.assignments.put(a.id(), a));
    List<SimMachine> kept = new ArrayList<>();
    List<SimMachine> toBoot = new ArrayList<>();
    for (LatitudeSnapshot.Server saved : snapshot.servers()) {
      ProjectRecord project = state.projects.get(saved.projectId());
      Plan plan = PlanCatalogue.bySlug(saved.plan()).orElse(null);
      Site site = Site.bySlug(saved.site()).orElse(null);
      OperatingSystem os = OperatingSystem.bySlug(saved.operatingSystem()).orElse(null);
      if (project == null || plan == null || site == null || os == null) {
        throw new IllegalStateException(
            "the saved Latitude server " + saved.id() + " names what this simulator lacks");
      }
      InetAddress address = address(saved.address());
      addresses.reserve(address);
      SimMachine machine =
          new SimMachine(
              saved.id(),
              saved.hostname(),
              address,
              SimDisk.typical(),
              plan.slug(),
              site.slug(),
              saved.bootSource());
      SimServer server =
          new SimServer(
              saved.id(),
              saved.hostname(),
              project,
              plan,
              site,
              os,
              saved.billing(),
              saved.label(),
              saved.createdAt(),
              machine,
              ServerTimeline.ended(saved.finalStatus(), nanoClock.getAsLong()));
      state.servers.put(saved.id(), server);
      machines.add(machine);
      FirewallRoutes.enforce(state, saved.id());
      if (ServerTimeline.FAILED_DEPLOYMENT.equals(saved.finalStatus())) {
        machines.failed(machine);
      } else if (keptMachines.contains(saved.id())) {
        machines.alreadyBooted(machine);
        kept.add(machine);
      } else if (saved.booted() || (os.ipxe() && ServerTimeline.ON.equals(saved.finalStatus()))) {
        toBoot.add(machine);
      }
    }
    // Announced once the state is whole, so a listener reading it finds every server.
    toBoot.forEach(machines::talosBooted);
    return kept;
  }

  private static InetAddress address(String literal) {
    try {
      return InetAddress.getByName(literal);
    } catch (UnknownHostException e) {
      throw new IllegalStateException("the saved address " + literal + " is not an address", e);
    }
  }
}
