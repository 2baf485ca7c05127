package dev.ironkube.talos.api;

import dev.ironkube.time.Poller;
import dev.ironkube.time.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * How the client waits: an injected clock and sleeper (so tests and the simulator control time),
 * the interval between probes, the per-call deadline, and where progress lines go (stderr narration
 * in the CLI).
 */
public record Polling(
    Clock clock,
    Sleeper sleeper,
    Duration interval,
    Duration callTimeout,
    Consumer<String> progress) {

  public static Polling defaults() {
    return new Polling(
        Clock.systemUTC(), Sleeper.SYSTEM, Duration.ofSeconds(2), Duration.ofSeconds(10), s -> {});
  }

  public Polling withClock(Clock c) {
    return new Polling(c, sleeper, interval, callTimeout, progress);
  }

  public Polling withSleeper(Sleeper s) {
    return new Polling(clock, s, interval, callTimeout, progress);
  }

  public Polling withInterval(Duration i) {
    return new Polling(clock, sleeper, i, callTimeout, progress);
  }

  public Polling withCallTimeout(Duration t) {
    return new Polling(clock, sleeper, interval, t, progress);
  }

  public Polling withProgress(Consumer<String> p) {
    return new Polling(clock, sleeper, interval, callTimeout, p);
  }

  /** The deadline loop on this clock and sleeper; the waits add their own narration. */
  Poller poller() {
    return new Poller(clock, sleeper);
  }
}
