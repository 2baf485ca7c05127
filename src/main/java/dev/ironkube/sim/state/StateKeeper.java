package dev.ironkube.sim.state;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.ironkube.sim.SimMachine;
import dev.ironkube.sim.launch.SimulatedDatacenter;
import dev.ironkube.sim.talos.KeptTalos;
import dev.ironkube.sim.talos.TalosNodes;
import dev.ironkube.store.SecureFiles;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Keeps a running datacenter's state in a folder, so the next datacenter of the same home starts
 * where this one stopped, as a real provider's account does not forget its servers while our tool
 * is not running. It writes a snapshot at most every {@link #SAVE_MILLIS} when it changed (so a
 * killed datacenter loses at most that much) and once more at an orderly stop; each write is atomic
 * (a temporary file moved over the old one) and 0600.
 */
public final class StateKeeper implements AutoCloseable {
  static final long SAVE_MILLIS = 500;

  private static final ObjectMapper MAPPER =
      new ObjectMapper()
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(SerializationFeature.INDENT_OUTPUT);

  private final Path file;
  private final SimulatedDatacenter dc;
  private final PrintStream log;
  private final ScheduledExecutorService saver =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().daemon().name("sim-state-keeper").factory());
  private byte[] written = new byte[0];

  private StateKeeper(Path dir, SimulatedDatacenter dc, PrintStream log) {
    this.file = dir.resolve("datacenter.json");
    this.dc = dc;
    this.log = log;
  }

  /**
   * Restores the snapshot in {@code dir}, if there is one, into the started, empty {@code dc}, then
   * keeps saving it there.
   */
  public static StateKeeper restoreAndKeep(Path dir, SimulatedDatacenter dc, PrintStream log) {
    SecureFiles.createPrivateDirectories(dir);
    StateKeeper keeper = new StateKeeper(dir, dc, log);
    keeper.read().ifPresent(keeper::restore);
    keeper.save();
    keeper.saver.scheduleWithFixedDelay(
        keeper::saveQuietly, SAVE_MILLIS, SAVE_MILLIS, TimeUnit.MILLISECONDS);
    return keeper;
  }

  /** The snapshot file in {@code dir}, if there is one. */
  public static Optional<DatacenterSnapshot> read(Path dir) {
    return new StateKeeper(dir, null, null).read();
  }

  private Optional<DatacenterSnapshot> read() {
    try {
      DatacenterSnapshot s = MAPPER.readValue(Files.readAllBytes(file), DatacenterSnapshot.class);
      if (s.version() != DatacenterSnapshot.VERSION) {
        throw new IllegalStateException(
            file
                + " has layout version "
                + s.version()
                + ", this simulator reads "
                + DatacenterSnapshot.VERSION
                + "; move it away to start empty");
      }
      return Optional.of(s);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot read the simulated datacenter's state " + file + "; move it away to start empty",
          e);
    }
  }

  private void restore(DatacenterSnapshot s) {
    dc.cloudflare().restore(s.dnsRecords());
    if (s.secrets() != null) {
      dc.infisical().restore(s.secrets());
    }
    Set<String> configured = new HashSet<>(s.configuredMachines());
    List<SimMachine> kept = new ArrayList<>(dc.latitude().restore(s.latitude(), configured));
    if (s.scaleway() != null) {
      kept.addAll(dc.scaleway().restore(s.scaleway(), configured));
    }
    List<SimMachine> silent =
        dc.listener(TalosNodes.class)
            .map(n -> n.restore(s.talos(), kept, m -> log.println(Instant.now() + " " + m)))
            .orElse(kept);
    log.println(
        Instant.now()
            + " restored from "
            + file
            + ": "
            + s.latitude().servers().size()
            + " Latitude servers, "
            + s.latitude().projects().size()
            + " projects, "
            + s.latitude().firewalls().size()
            + " firewalls, "
            + (s.scaleway() == null ? 0 : s.scaleway().servers().size())
            + " Scaleway servers, "
            + s.dnsRecords().values().stream().mapToInt(List::size).sum()
            + " DNS records, "
            + (s.secrets() == null
                ? 0
                : s.secrets().folders().values().stream().mapToInt(java.util.Map::size).sum())
            + " secrets, "
            + (kept.size() - silent.size())
            + " Talos nodes powered on again in "
            + s.talos().clusters().size()
            + " clusters"
            + (silent.isEmpty()
                ? ""
                : "; " + silent.size() + " configured Talos nodes are not restored (kept silent)"));
  }

  /** Writes the snapshot when it differs from the last one written. */
  public synchronized void save() {
    byte[] now;
    try {
      now = MAPPER.writeValueAsBytes(snapshot());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode the simulated datacenter's state", e);
    }
    if (!Arrays.equals(now, written)) {
      SecureFiles.write(file, now);
      written = now;
    }
  }

  private void saveQuietly() {
    try {
      save();
    } catch (RuntimeException e) {
      // The next tick tries again; the log says why the file may lag.
      log.println(Instant.now() + " cannot save the datacenter's state: " + e);
    }
  }

  private DatacenterSnapshot snapshot() {
    Optional<TalosNodes> nodes = dc.listener(TalosNodes.class);
    KeptTalos talos = nodes.map(TalosNodes::keep).orElse(KeptTalos.empty());
    Set<String> configured = new HashSet<>();
    for (SimMachine m : dc.machines().live()) {
      // A machine restored silent stays so until it is destroyed.
      boolean silent =
          nodes.isPresent()
              && m.state() == SimMachine.State.TALOS_MAINTENANCE
              && nodes.flatMap(n -> n.node(m.id())).isEmpty();
      if (talos.nodes().containsKey(m.id()) || silent) {
        configured.add(m.id());
      }
    }
    return new DatacenterSnapshot(
        DatacenterSnapshot.VERSION,
        dc.latitude().snapshot(),
        dc.scaleway().snapshot(),
        dc.cloudflare().snapshot(),
        dc.infisical().snapshot(),
        configured.stream().sorted().toList(),
        dc.imageFactoryUrl().getPort(),
        talos);
  }

  /** Stops the periodic saves and writes the state one last time. */
  @Override
  public void close() {
    saver.shutdownNow();
    try {
      saver.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    saveQuietly();
  }
}
