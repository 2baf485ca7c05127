package dev.ironkube.workflow.provision;

import dev.ironkube.workflow.Cancellation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs one piece of work per node in parallel, at most {@code bound} at a time, and returns every
 * failure by node. When {@code stopOnFailure} is set, the first failure stops the rest: work not
 * started is dropped, and with {@code interrupt} running work is interrupted too (waits end at
 * once); without it running work finishes, which is what a create needs, so its result reaches the
 * journal and cleanup can delete it. Nothing is left running when this returns.
 */
final class NodeTasks {
  /** One node's work. */
  @FunctionalInterface
  interface Work<T> {
    void run(T node) throws Exception;
  }

  private NodeTasks() {}

  static <T> Map<T, Exception> run(
      List<T> nodes, int bound, boolean stopOnFailure, boolean interrupt, Work<T> work) {
    Map<T, Exception> failures = new LinkedHashMap<>();
    if (nodes.size() == 1) {
      // One node: on the caller's thread, as a single-node run always was.
      try {
        work.run(nodes.get(0));
      } catch (Exception e) {
        failures.put(nodes.get(0), e);
      }
      return failures;
    }
    ExecutorService pool =
        Executors.newFixedThreadPool(
            Math.max(1, Math.min(bound, nodes.size())),
            Thread.ofPlatform().daemon().name("ironkube-node-", 1).factory());
    ExecutorCompletionService<T> done = new ExecutorCompletionService<>(pool);
    Map<Future<T>, T> futures = new LinkedHashMap<>();
    // Set by the failing work itself, before its thread can take the next node: work not started
    // by then is dropped rather than begun.
    AtomicBoolean stop = new AtomicBoolean();
    for (T node : nodes) {
      futures.put(
          done.submit(
              () -> {
                if (stop.get()) {
                  throw new CancellationException("dropped");
                }
                try {
                  work.run(node);
                } catch (Exception e) {
                  if (stopOnFailure) {
                    stop.set(true);
                  }
                  throw e;
                }
                return node;
              }),
          node);
    }
    boolean stopping = false;
    try {
      for (int i = 0; i < nodes.size(); i++) {
        Future<T> f = done.take();
        try {
          f.get();
        } catch (CancellationException e) {
          // dropped after an earlier failure
        } catch (ExecutionException e) {
          if (e.getCause() instanceof CancellationException) {
            continue;
          }
          T node = futures.get(f);
          failures.put(
              node, e.getCause() instanceof Exception ex ? ex : new RuntimeException(e.getCause()));
          if (stopOnFailure && !stopping) {
            stopping = true;
            for (Future<T> other : futures.keySet()) {
              other.cancel(interrupt);
            }
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      futures.keySet().forEach(f -> f.cancel(true));
      failures.put(nodes.get(0), new Cancellation.CancelledException("interrupted"));
    } finally {
      pool.shutdown();
      awaitQuietly(pool);
    }
    return failures;
  }

  private static void awaitQuietly(ExecutorService pool) {
    boolean interrupted = false;
    while (true) {
      try {
        if (pool.awaitTermination(1, TimeUnit.MINUTES)) {
          break;
        }
      } catch (InterruptedException e) {
        interrupted = true;
        pool.shutdownNow();
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /** The failures that are not a consequence of another one (cancelled siblings). */
  static <T> List<Map.Entry<T, Exception>> causes(Map<T, Exception> failures) {
    List<Map.Entry<T, Exception>> out = new ArrayList<>();
    for (var e : failures.entrySet()) {
      if (!(e.getValue() instanceof Cancellation.CancelledException)) {
        out.add(e);
      }
    }
    return out.isEmpty() ? new ArrayList<>(failures.entrySet()) : out;
  }
}
