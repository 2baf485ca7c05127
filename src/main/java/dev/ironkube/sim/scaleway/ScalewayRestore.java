package dev.ironkube.sim.scaleway;

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

/** Takes the account's state apart into a {@link ScalewaySnapshot} and puts it back. */
final class ScalewayRestore {
  private ScalewayRestore() {}

  static ScalewaySnapshot snapshot(ScalewayState state) {
    List<ScalewaySnapshot.Server> servers = new ArrayList<>();
    for (SimServer s : state.servers.values()) {
      if (s.deletedAtNanos >= 0) {
        // Being deleted: the deletion finishes while nothing watches.
        continue;
      }
      ServerTimeline.Step end = s.timeline.last();
      servers.add(
          new ScalewaySnapshot.Server(
              s.id,
              s.zone,
              s.name,
              s.description,
              s.tags,
              s.offer.offerId(s.zone),
              s.os == null ? null : s.os.id(),
              s.hostname,
              s.sshKeyIds,
              s.userData,
              s.createdAt,
              s.ipv4Id,
              s.ipv6Id,
              s.ipv4(),
              s.machine.bootSource(),
              end.status(),
              end.install(),
              s.machine.state() == SimMachine.State.TALOS_MAINTENANCE));
    }
    return new ScalewaySnapshot(List.copyOf(state.sshKeys.values()), servers);
  }

  /**
   * Puts {@code snapshot} into an empty {@code state}, machines on their old addresses; a machine
   * that boots Talos is announced to the listeners unless {@code keptMachines} names it.
   *
   * @return the machines {@code keptMachines} named
   */
  static List<SimMachine> restore(
      ScalewayState state,
      ScalewaySnapshot snapshot,
      MachineRegistry machines,
      LoopbackAllocator addresses,
      LongSupplier nanoClock,
      Set<String> keptMachines) {
    snapshot.sshKeys().forEach(k -> state.sshKeys.put(k.id(), k));
    List<SimMachine> kept = new ArrayList<>();
    List<SimMachine> toBoot = new ArrayList<>();
    for (ScalewaySnapshot.Server saved : snapshot.servers()) {
      OfferCatalogue.Spec offer =
          OfferCatalogue.byId(saved.zone(), saved.offerId()).orElseThrow(() -> lacking(saved.id()));
      OsCatalogue.Os os =
          saved.osId() == null
              ? null
              : OsCatalogue.byId(saved.osId()).orElseThrow(() -> lacking(saved.id()));
      InetAddress address = address(saved.address());
      addresses.reserve(address);
      SimMachine machine =
          new SimMachine(
              saved.id(),
              saved.hostname() == null || saved.hostname().isEmpty()
                  ? saved.name()
                  : saved.hostname(),
              address,
              SimDisk.typical(),
              offer.name(),
              saved.zone(),
              saved.bootSource());
      SimServer server =
          new SimServer(
              saved.id(),
              saved.zone(),
              saved.name(),
              saved.description(),
              saved.tags(),
              offer,
              os,
              saved.hostname(),
              saved.sshKeyIds(),
              saved.userData(),
              saved.createdAt(),
              machine,
              ServerTimeline.ended(saved.status(), saved.install(), nanoClock.getAsLong()),
              saved.ipv4Id(),
              saved.ipv6Id());
      state.servers.put(saved.id(), server);
      machines.add(machine);
      boolean completed = "completed".equals(saved.install());
      if (!"ready".equals(saved.status()) || "error".equals(saved.install())) {
        machines.failed(machine);
      } else if (keptMachines.contains(saved.id())) {
        machines.alreadyBooted(machine);
        kept.add(machine);
      } else if (saved.booted() || (completed && PivotDetector.isTalosPivot(saved.userData()))) {
        toBoot.add(machine);
      }
    }
    toBoot.forEach(machines::talosBooted);
    return kept;
  }

  private static IllegalStateException lacking(String id) {
    return new IllegalStateException(
        "the saved Scaleway server " + id + " names what this simulator lacks");
  }

  private static InetAddress address(String literal) {
    try {
      return InetAddress.getByName(literal);
    } catch (UnknownHostException e) {
      throw new IllegalStateException("the saved address " + literal + " is not an address", e);
    }
  }
}
