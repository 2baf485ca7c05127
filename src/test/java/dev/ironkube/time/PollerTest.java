package dev.ironkube.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ironkube.failure.ExitCodes;
import dev.ironkube.failure.OperationFailedException;
import dev.ironkube.failure.RemoteServiceException;
import dev.ironkube.http.RecordingSleeper;
import dev.ironkube.time.Poller.Poll;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The shared deadline loop, on a recording sleeper: no test here sleeps for real. */
class PollerTest {
  private static final Duration SECOND = Duration.ofSeconds(1);

  private final RecordingSleeper sleeper = new RecordingSleeper();
  private final Poller poller = new Poller(sleeper.clock(), sleeper);
  private final List<String> progress = new ArrayList<>();

  @Test
  void returnsTheValueOnceDoneAndReportsEachNotYet() {
    Iterator<Poll<String>> answers =
        List.<Poll<String>>of(
                new Poll.NotYet<>("booting", 0.25), Poll.notYet("booting"), Poll.done("up"))
            .iterator();
    String value =
        poller
            .reportingTo((detail, fraction) -> progress.add(detail + "@" + fraction))
            .until("node", Duration.ofMinutes(1), SECOND, answers::next, this::timeout);

    assertThat(value).isEqualTo("up");
    assertThat(progress).containsExactly("booting@0.25", "booting@-1.0");
    assertThat(sleeper.sleeps()).containsExactly(SECOND, SECOND);
  }

  @Test
  void theLastPollHappensAtTheDeadlineAndTheTimeoutNamesWhatWasSeen() {
    assertThatThrownBy(
            () ->
                poller.until(
                    "node",
                    Duration.ofMillis(2500),
                    SECOND,
                    () -> Poll.notYet("still booting"),
                    this::timeout))
        .isInstanceOf(OperationFailedException.class)
        .hasMessage("timed out; last: still booting");
    // Never past the deadline: 1 s, 1 s, then the half second left.
    assertThat(sleeper.sleeps()).containsExactly(SECOND, SECOND, Duration.ofMillis(500));
  }

  @Test
  void retryableFailuresAreRiddenOutUpToTheBoundInARow() {
    AtomicInteger calls = new AtomicInteger();
    Supplier<Poll<String>> flapping =
        () -> {
          if (calls.incrementAndGet() <= 3) {
            throw new RemoteServiceException.Transient("S", "HTTP 503", null);
          }
          return Poll.done("ok");
        };
    assertThat(
            poller
                .toleratingInARow(3)
                .until("x", Duration.ofMinutes(1), SECOND, flapping::get, this::timeout))
        .isEqualTo("ok");

    calls.set(0);
    assertThatThrownBy(
            () ->
                poller
                    .toleratingInARow(2)
                    .until("x", Duration.ofMinutes(1), SECOND, flapping::get, this::timeout))
        .isInstanceOf(RemoteServiceException.Transient.class);
    assertThat(calls).hasValue(3);
  }

  @Test
  void aSuccessfulPollResetsTheFailureCount() {
    AtomicInteger calls = new AtomicInteger();
    Poller.Probe<String> alternating =
        () -> {
          int n = calls.incrementAndGet();
          if (n == 6) {
            return Poll.done("ok");
          }
          if (n % 2 == 1) {
            throw new RemoteServiceException.RateLimited("S", "HTTP 429", null);
          }
          return Poll.notYet("listed");
        };
    assertThat(
            poller
                .toleratingInARow(1)
                .until("x", Duration.ofMinutes(1), SECOND, alternating, this::timeout))
        .isEqualTo("ok");
  }

  @Test
  void aFailureThatCannotHealEndsTheWaitAtOnce() {
    assertThatThrownBy(
            () ->
                poller.until(
                    "x",
                    Duration.ofMinutes(1),
                    SECOND,
                    () -> {
                      throw new RemoteServiceException.Unauthorized("S", "HTTP 401", "");
                    },
                    this::timeout))
        .isInstanceOf(RemoteServiceException.Unauthorized.class);
    assertThat(sleeper.sleeps()).isEmpty();
  }

  @Test
  void riddenOutFailuresAreDescribedAsTheCallerWishes() {
    AtomicInteger calls = new AtomicInteger();
    assertThatThrownBy(
            () ->
                poller
                    .describingFailures(e -> "retrying after: " + e.getMessage())
                    .until(
                        "x",
                        Duration.ofSeconds(2),
                        SECOND,
                        () -> {
                          calls.incrementAndGet();
                          throw new RemoteServiceException.Transient("S", "reset", null);
                        },
                        this::timeout))
        .hasMessage("timed out; last: retrying after: reset");
    assertThat(calls).hasValue(3);
  }

  @Test
  void theCheckpointRunsBeforeEveryPollSoAStopIsSeenAtOnce() {
    AtomicInteger polls = new AtomicInteger();
    Runnable stopAfterTwo =
        () -> {
          if (polls.get() == 2) {
            throw new IllegalStateException("stopped");
          }
        };
    assertThatThrownBy(
            () ->
                poller
                    .checkingFirst(stopAfterTwo)
                    .until(
                        "x",
                        Duration.ofMinutes(1),
                        SECOND,
                        () -> {
                          polls.incrementAndGet();
                          return Poll.notYet("waiting");
                        },
                        this::timeout))
        .hasMessage("stopped");
    assertThat(polls).hasValue(2);
  }

  @Test
  void aSleeperThatThrowsEndsTheWaitThere() {
    Sleeper cancelled =
        d -> {
          throw new IllegalStateException("cancelled");
        };
    assertThatThrownBy(
            () ->
                new Poller(sleeper.clock(), cancelled)
                    .until(
                        "x", Duration.ofMinutes(1), SECOND, () -> Poll.notYet("."), this::timeout))
        .hasMessage("cancelled");
  }

  @Test
  void anInterruptEndsTheWaitWithTheInterruptedExitCodeAndKeepsTheFlag() {
    Sleeper interrupted =
        d -> {
          throw new InterruptedException();
        };
    try {
      assertThatThrownBy(
              () ->
                  new Poller(sleeper.clock(), interrupted)
                      .until(
                          "the node",
                          Duration.ofMinutes(1),
                          SECOND,
                          () -> Poll.notYet("."),
                          this::timeout))
          .isInstanceOfSatisfying(
              OperationFailedException.class,
              e -> assertThat(e.exitCode()).isEqualTo(ExitCodes.INTERRUPTED))
          .hasMessage("interrupted while waiting for the node");
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
    } finally {
      Thread.interrupted();
    }
  }

  @Test
  void lastPollReturnsTheLastNotYetAtTheDeadlineInsteadOfThrowing() throws InterruptedException {
    AtomicInteger polls = new AtomicInteger();
    Poll<String> last =
        poller.lastPoll(
            Duration.ofMillis(2500),
            SECOND,
            () -> new Poll.NotYet<>("poll " + polls.incrementAndGet(), 0.5));
    assertThat(last).isEqualTo(new Poll.NotYet<String>("poll 4", 0.5));
    assertThat(sleeper.sleeps()).containsExactly(SECOND, SECOND, Duration.ofMillis(500));
  }

  @Test
  void lastPollWithNoTimeLooksOnceAndNeverSleeps() throws InterruptedException {
    AtomicInteger polls = new AtomicInteger();
    Poll<String> last =
        poller.lastPoll(
            Duration.ZERO,
            SECOND,
            () -> polls.incrementAndGet() == 2 ? Poll.done("late") : Poll.notYet("not yet"));
    assertThat(last).isEqualTo(Poll.<String>notYet("not yet"));
    assertThat(polls).hasValue(1);
    assertThat(sleeper.sleeps()).isEmpty();
  }

  @Test
  void lastPollLetsAnInterruptThroughForTheCallerToName() {
    Sleeper interrupted =
        d -> {
          throw new InterruptedException("stop");
        };
    assertThatThrownBy(
            () ->
                new Poller(sleeper.clock(), interrupted)
                    .lastPoll(Duration.ofMinutes(1), SECOND, () -> Poll.notYet(".")))
        .isInstanceOf(InterruptedException.class)
        .hasMessage("stop");
    assertThat(Thread.currentThread().isInterrupted()).isFalse();
  }

  @Test
  void jitterAddsAtMostATenthToEachInterval() {
    AtomicInteger polls = new AtomicInteger();
    poller
        .withJitter(new Random(7))
        .until(
            "x",
            Duration.ofMinutes(10),
            Duration.ofSeconds(10),
            () -> polls.incrementAndGet() == 20 ? Poll.done(true) : Poll.notYet("."),
            this::timeout);
    assertThat(sleeper.sleeps())
        .hasSize(19)
        .allSatisfy(d -> assertThat(d).isBetween(Duration.ofSeconds(10), Duration.ofSeconds(11)));
    assertThat(sleeper.sleeps()).doesNotHaveDuplicates();
  }

  @Test
  void onChangePassesEachDetailOnOnceUntilItChanges() {
    Poller.Listener changes = Poller.Listener.onChange((detail, fraction) -> progress.add(detail));
    for (String d : List.of("a", "a", "b", "b", "a")) {
      changes.waiting(d, -1);
    }
    assertThat(progress).containsExactly("a", "b", "a");
  }

  private RuntimeException timeout(String last) {
    return new OperationFailedException("timed out; last: " + last, "");
  }
}
