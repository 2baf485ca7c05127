package dev.ironkube.cli;

/**
 * Delivers Ctrl-C to a running command: the first press asks the run to stop and clean up, the
 * second exits at once (the journal is always intact because every line is forced to disk).
 */
public interface Signals {
  /** Calls {@code onInterrupt} on each Ctrl-C until the returned handle is closed. */
  AutoCloseable onInterrupt(Runnable onInterrupt);

  /** No signals: for tests, which cancel through the Cancellation directly. */
  Signals NONE = r -> () -> {};

  static Signals process() {
    return onInterrupt -> {
      Thread hook = null;
      try {
        sun.misc.Signal.handle(new sun.misc.Signal("INT"), s -> onInterrupt.run());
      } catch (IllegalArgumentException | UnsupportedOperationException | LinkageError e) {
        // No signal support here: a shutdown hook is the best available.
        hook = new Thread(onInterrupt);
        Runtime.getRuntime().addShutdownHook(hook);
      }
      Thread registered = hook;
      return () -> {
        if (registered != null) {
          try {
            Runtime.getRuntime().removeShutdownHook(registered);
          } catch (IllegalStateException e) {
            // already shutting down
          }
        }
      };
    };
  }
}
