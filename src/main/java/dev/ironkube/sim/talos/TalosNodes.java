package dev.ironkube.sim.talos;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ironkube.sim.Faults;
import dev.ironkube.sim.MachineListener;
import dev.ironkube.sim.SimEvents;
import dev.ironkube.sim.SimMachine;
import dev.ironkube.sim.TimeModel;
import dev.ironkube.sim.kube.KeptObjects;
import dev.ironkube.sim.kube.KubeCluster;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The simulated datacenter's Talos side: every machine that boots Talos gets a node serving the
 * real Talos API on its own address, port 50000, running the version it was ordered to boot; a
 * deleted machine's node goes away with it. Configured nodes whose configs carry one cluster's
 * identity form one simulated cluster ({@link TalosCluster}): one etcd, one Kubernetes state served
 * by every control plane, and the firewall paths between them enforced.
 */
public final class TalosNodes implements MachineListener, AutoCloseable {
  /** The version a machine boots when its boot source names none. */
  public static final String DEFAULT_VERSION = "v1.11.6";

  private static final Pattern VERSION = Pattern.compile("/(v\\d+\\.\\d+\\.\\d+)(/|$)");

  private final TimeModel time;
  private final Faults faults;
  private final int port;
  private final SimEvents events;
  private final Map<String, TalosNodeFake> nodes = new ConcurrentHashMap<>();
  private final TalosClusters clusters;
  private volatile Consumer<ObjectNode> onKubeObject = o -> {};

  public TalosNodes(TimeModel time, Faults faults) {
    this(time, faults, 50000);
  }

  public TalosNodes(TimeModel time, Faults faults, int port) {
    this(time, faults, port, new SimEvents());
  }

  /** As above, recording when each node boots, reboots and turns healthy in {@code events}. */
  public TalosNodes(TimeModel time, Faults faults, int port, SimEvents events) {
    this.events = events;
    this.time = time;
    this.faults = faults;
    this.port = port;
    this.clusters = new TalosClusters(time);
  }

  @Override
  public void talosBooted(SimMachine machine) {
    TalosNodeFake node =
        wire(
            machine,
            new TalosNodeFake(
                machine.address(),
                port,
                machine.disks(),
                time,
                faults,
                versionOf(machine.bootSource())));
    events.record(SimEvents.TALOS_MAINTENANCE, machine.id());
    TalosNodeFake previous = nodes.put(machine.id(), node);
    if (previous != null) {
      previous.close();
    }
  }

  private TalosNodeFake wire(SimMachine machine, TalosNodeFake node) {
    node.useKubernetesApi(FullKubernetesApi.factory(time, faults, o -> onKubeObject.accept(o)));
    node.recordTo(events, machine.id());
    // Read at each connection, so assigning or removing a firewall takes effect at once.
    node.behindProviderFirewall(machine::providerAdmitsTcp);
    node.joinClusters(clusters);
    return node;
  }

  /** What the configured nodes keep on their disks and the clusters they form, by machine id. */
  public KeptTalos keep() {
    Map<TalosNodeFake, String> ids = new IdentityHashMap<>();
    Map<String, KeptNode> kept = new TreeMap<>();
    nodes.forEach(
        (id, node) -> {
          ids.put(node, id);
          node.life.keep().ifPresent(k -> kept.put(id, k));
        });
    List<KeptCluster> formed = clusters.all().stream().map(c -> c.keep(ids::get)).toList();
    return new KeptTalos(kept, formed);
  }

  /**
   * Powers the nodes of {@code machines} (restored, already booted once) on again from what {@code
   * kept} holds of their disks, their clusters' etcd membership and Kubernetes state first; control
   * planes boot before workers, whose apid waits for a control plane's trustd.
   *
   * @return the machines whose node could not come back: nothing kept of it, or its config refused
   *     (then {@code log} says why); they stay silent, as a configured node never comes back in
   *     maintenance mode
   */
  public List<SimMachine> restore(KeptTalos kept, List<SimMachine> machines, Consumer<String> log) {
    Map<String, TalosNodeFake> back = new LinkedHashMap<>();
    List<SimMachine> silent = new ArrayList<>();
    for (SimMachine m : machines) {
      KeptNode disks = kept.nodes().get(m.id());
      if (disks == null) {
        silent.add(m);
        continue;
      }
      TalosNodeFake node =
          wire(
              m,
              TalosNodeFake.poweredOff(
                  m.address(), port, m.disks(), time, faults, versionOf(m.bootSource())));
      try {
        node.life.loadDisks(disks);
        nodes.put(m.id(), node);
        back.put(m.id(), node);
      } catch (RuntimeException e) {
        log.accept("the Talos node of " + m.id() + " cannot come back: " + e.getMessage());
        node.close();
        silent.add(m);
      }
    }
    for (KeptCluster c : kept.clusters()) {
      c.seats().stream()
          .map(seat -> back.get(seat.machine()))
          .filter(Objects::nonNull)
          .findFirst()
          .flatMap(TalosNodeFake::cluster)
          .ifPresent(cluster -> cluster.restore(c, back, kubeState(c.kubernetes())));
    }
    back.values().stream()
        .sorted(
            Comparator.comparing(
                n -> !n.appliedConfig().map(AppliedConfig::controlPlane).orElse(false)))
        .forEach(n -> n.life.powerOn());
    return silent;
  }

  private KubeCluster kubeState(KeptObjects kept) {
    if (kept == null) {
      return null;
    }
    KubeCluster state = new KubeCluster(time, faults, Clock.systemUTC());
    state.restoreKept(kept);
    state.onObjectCreated(o -> onKubeObject.accept(o));
    return state;
  }

  /** Where objects applied to any node's Kubernetes API are reported (the simulated world). */
  public TalosNodes onKubeObjectCreated(Consumer<ObjectNode> listener) {
    this.onKubeObject = listener;
    return this;
  }

  @Override
  public void deleted(SimMachine machine) {
    TalosNodeFake node = nodes.remove(machine.id());
    if (node != null) {
      node.close();
    }
  }

  /** The node of a machine, for tests and invariant checks. */
  public Optional<TalosNodeFake> node(String machineId) {
    return Optional.ofNullable(nodes.get(machineId));
  }

  /** The simulated clusters the configured nodes form, for tests and invariant checks. */
  public TalosClusters clusters() {
    return clusters;
  }

  static String versionOf(String bootSource) {
    Matcher m = VERSION.matcher(bootSource == null ? "" : bootSource);
    return m.find() ? m.group(1) : DEFAULT_VERSION;
  }

  @Override
  public void close() {
    nodes.values().forEach(TalosNodeFake::close);
    nodes.clear();
    clusters.close();
  }
}
