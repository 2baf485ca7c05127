package dev.ironkube.workflow;

import dev.ironkube.failure.IronkubeException;
import dev.ironkube.provider.ResourceRef;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Deletes what the journal says this cluster's runs created and still exists, newest first (servers
 * before the project that holds them). Each delete goes through the gate, so a cleanup that is
 * itself interrupted resumes where it stopped.
 */
public final class Cleanup {
  /** Deletes one resource of one system; "already gone" is success. */
  @FunctionalInterface
  public interface Deleter {
    void delete(ResourceRef ref);
  }

  /** A resource that could not be deleted, and why. */
  public record Leftover(String system, ResourceRef ref, String reason) {}

  private final Gate gate;
  private final Map<String, Deleter> deleters;
  private final Progress progress;

  public Cleanup(Gate gate, Map<String, Deleter> deleters, Progress progress) {
    this.gate = gate;
    this.deleters = deleters;
    this.progress = progress;
  }

  /** Deletes every owned resource, newest first; returns what is left. */
  public List<Leftover> run() {
    return run(o -> true);
  }

  /** Deletes the owned resources {@code which} accepts, newest first; returns what is left. */
  public List<Leftover> run(Predicate<Journal.Owned> which) {
    List<Journal.Owned> owned =
        new ArrayList<>(gate.journal().owned().stream().filter(which).toList());
    Collections.reverse(owned);
    List<Leftover> left = new ArrayList<>();
    for (Journal.Owned o : owned) {
      Deleter deleter = deleters.get(o.system());
      if (deleter == null) {
        left.add(new Leftover(o.system(), o.ref(), "no client for " + o.system() + " in this run"));
        continue;
      }
      Progress.Step step = progress.step("Deleting " + describe(o.ref()));
      try {
        gate.delete(o.system(), o.ref(), () -> deleter.delete(o.ref()));
        step.done("deleted");
      } catch (IronkubeException | UncheckedIOException e) {
        step.fail(e.getMessage());
        left.add(new Leftover(o.system(), o.ref(), e.getMessage()));
      }
    }
    return left;
  }

  public static String describe(ResourceRef ref) {
    return ref.kind().replace('_', ' ') + " " + ref.name() + " (" + ref.id() + ")";
  }
}
