package dev.ironkube.workflow.provision;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class NodeTasksTest {
  @Test
  void runsInParallelWithinTheBound() {
    AtomicInteger running = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    var failures =
        NodeTasks.run(
            List.of(1, 2, 3, 4, 5, 6),
            3,
            true,
            true,
            n -> {
              most.accumulateAndGet(running.incrementAndGet(), Math::max);
              Thread.sleep(50);
              running.decrementAndGet();
            });
    assertThat(failures).isEmpty();
    assertThat(most.get()).isBetween(2, 3);
  }

  @Test
  void withoutInterruptingRunningWorkFinishesAndUnstartedWorkIsDropped() {
    Set<Integer> finished = ConcurrentHashMap.newKeySet();
    CountDownLatch failed = new CountDownLatch(1);
    CountDownLatch secondStarted = new CountDownLatch(1);
    var failures =
        NodeTasks.run(
            List.of(1, 2, 3, 4),
            2,
            true,
            false,
            n -> {
              if (n == 1) {
                secondStarted.await(5, TimeUnit.SECONDS);
                failed.countDown();
                throw new IllegalStateException("out of stock");
              }
              if (n == 2) {
                secondStarted.countDown();
              }
              // An order in flight when another fails: it must reach its end (and the journal).
              failed.await(5, TimeUnit.SECONDS);
              Thread.sleep(100);
              finished.add(n);
            });
    assertThat(failures).containsOnlyKeys(1);
    assertThat(finished).contains(2).doesNotContain(3, 4);
  }

  @Test
  void withInterruptARunningWaitEndsAtOnce() {
    long start = System.nanoTime();
    var failures =
        NodeTasks.run(
            List.of(1, 2),
            2,
            true,
            true,
            n -> {
              if (n == 1) {
                Thread.sleep(50);
                throw new IllegalStateException("never healthy");
              }
              Thread.sleep(30_000);
            });
    assertThat(failures).containsKey(1);
    assertThat(failures.get(1)).hasMessage("never healthy");
    assertThat(NodeTasks.causes(failures)).hasSize(1);
    assertThat((System.nanoTime() - start) / 1e9).isLessThan(10);
  }

  @Test
  void keepingOnAfterAFailureCollectsEveryFailure() {
    var failures =
        NodeTasks.run(
            List.of(1, 2, 3),
            3,
            false,
            false,
            n -> {
              if (n != 2) {
                throw new IllegalStateException("node " + n);
              }
            });
    assertThat(failures).containsOnlyKeys(1, 3);
  }
}
