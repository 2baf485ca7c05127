package dev.ironkube.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Every machine the simulated datacenter has handed out, and who wants to hear about them. Provider
 * fakes add machines and report boots and deletions here; Talos node fakes listen.
 */
public final class MachineRegistry {
  private final Map<String, SimMachine> machines = new ConcurrentHashMap<>();
  private final List<MachineListener> listeners = new CopyOnWriteArrayList<>();

  public void addListener(MachineListener listener) {
    listeners.add(listener);
  }

  public void removeListener(MachineListener listener) {
    listeners.remove(listener);
  }

  public void add(SimMachine machine) {
    machines.put(machine.id(), machine);
  }

  public Optional<SimMachine> find(String id) {
    return Optional.ofNullable(machines.get(id));
  }

  /** Machines not deleted yet, in no particular order. */
  public List<SimMachine> live() {
    List<SimMachine> live = new ArrayList<>();
    for (SimMachine machine : machines.values()) {
      if (machine.state() != SimMachine.State.DELETED) {
        live.add(machine);
      }
    }
    return live;
  }

  /** All machines ever added, deleted ones included. */
  public List<SimMachine> all() {
    return List.copyOf(machines.values());
  }

  public void talosBooted(SimMachine machine) {
    if (machine.state() != SimMachine.State.PROVISIONING) {
      return;
    }
    machine.state(SimMachine.State.TALOS_MAINTENANCE);
    for (MachineListener listener : listeners) {
      listener.talosBooted(machine);
    }
  }

  /**
   * The machine already runs Talos: restored after a datacenter restart, whose caller brings its
   * node back itself. Listeners are not told, since nothing booted.
   */
  public void alreadyBooted(SimMachine machine) {
    if (machine.state() == SimMachine.State.PROVISIONING) {
      machine.state(SimMachine.State.TALOS_MAINTENANCE);
    }
  }

  public void failed(SimMachine machine) {
    if (machine.state() == SimMachine.State.PROVISIONING) {
      machine.state(SimMachine.State.FAILED);
    }
  }

  public void deleted(SimMachine machine) {
    if (machine.state() == SimMachine.State.DELETED) {
      return;
    }
    machine.state(SimMachine.State.DELETED);
    for (MachineListener listener : listeners) {
      listener.deleted(machine);
    }
  }
}
