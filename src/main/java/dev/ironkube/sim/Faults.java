package dev.ironkube.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * Seedable fault injection. A fake asks {@link #next(String)} at each named point (for example
 * {@code "latitude.POST /servers"}); an armed rule for that point answers with the fault to inject.
 * Rules are matched in the order they were armed. A run is reproducible from its seed.
 */
public final class Faults {
  private final Random random;
  private final List<String> fired = new ArrayList<>();

  public Faults(long seed) {
    this.random = new Random(seed);
  }

  public static Faults none() {
    return new Faults(0);
  }

  /**
   * One fault to inject.
   *
   * @param point where it applies; a trailing {@code *} matches any suffix
   * @param kind what to do, in the fake's own vocabulary ("http-500", "reset", "stale", ...)
   * @param skip how many matching calls pass before it fires
   * @param times how many times it fires (-1: forever)
   * @param probability chance that a matching call past {@code skip} fires
   */
  public record Rule(String point, String kind, int skip, int times, double probability) {
    public static Rule once(String point, String kind) {
      return new Rule(point, kind, 0, 1, 1.0);
    }

    public static Rule always(String point, String kind) {
      return new Rule(point, kind, 0, -1, 1.0);
    }

    boolean matches(String candidate) {
      return point.endsWith("*")
          ? candidate.startsWith(point.substring(0, point.length() - 1))
          : point.equals(candidate);
    }
  }

  private static final class Armed {
    final Rule rule;
    int seen;
    int fired;

    Armed(Rule rule) {
      this.rule = rule;
    }
  }

  private final List<Armed> armed = new ArrayList<>();

  public synchronized Faults arm(Rule rule) {
    armed.add(new Armed(rule));
    return this;
  }

  /** The fault to inject at {@code point} now, if any. */
  public synchronized Optional<String> next(String point) {
    for (Armed a : armed) {
      if (!a.rule.matches(point)) {
        continue;
      }
      a.seen++;
      if (a.seen <= a.rule.skip) {
        continue;
      }
      if (a.rule.times >= 0 && a.fired >= a.rule.times) {
        continue;
      }
      if (a.rule.probability < 1.0 && random.nextDouble() >= a.rule.probability) {
        continue;
      }
      a.fired++;
      fired.add(point + " -> " + a.rule.kind);
      return Optional.of(a.rule.kind);
    }
    return Optional.empty();
  }

  /** The seedable random source for fakes that vary behaviour (jittered durations, say). */
  public synchronized Random random() {
    return random;
  }

  /** Every fault injected so far, as "point -> kind", for chaos reports. */
  public synchronized List<String> fired() {
    return List.copyOf(fired);
  }
}
