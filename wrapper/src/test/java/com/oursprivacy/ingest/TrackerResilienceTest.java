package com.oursprivacy.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.oursprivacy.ingest.Outcome.Kind;
import com.oursprivacy.internal.RetryAfter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Per-batch back-off, the capped Retry-After, bounded waits and close()'s time bound, with an
 * injected clock and sleeper: nothing here waits for a back-off.
 */
class TrackerResilienceTest extends TrackerFixture {
  /** Holds the first send until every event of the test is queued (a fake sleeper never waits). */
  private final CountDownLatch allTracked = new CountDownLatch(1);

  private Reply afterAllTracked(Reply r) {
    try {
      allTracked.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return r;
  }

  // ---- per-batch back-off ----

  @Test
  void aFailedBatchWaitsAloneWhileLaterBatchesAreSentAtOnce() {
    transport.script =
        c ->
            transport.calls.size() == 1
                ? afterAllTracked(FakeTransport.status(503))
                : Reply.ok(200, null);
    Tracker t = tracker(config().batchSize(2));
    for (int i = 0; i < 6; i++) {
      t.track(event(i));
    }
    long start = time.millis();
    allTracked.countDown();

    FlushReport report = t.flush(LONG);

    assertThat(report.completed()).isTrue();
    assertThat(t.stats().sent()).isEqualTo(6); // some may have been sent before flush() began
    assertThat(transport.calls)
        .extracting(c -> c.distinctIds)
        .containsExactly(
            List.of("d0", "d1"), List.of("d2", "d3"), List.of("d4", "d5"), List.of("d0", "d1"));
    // the two healthy batches left before the failed one's back-off (2 s + 3 s jitter) ended
    assertThat(transport.calls.get(1).atMillis).isEqualTo(start);
    assertThat(transport.calls.get(2).atMillis).isEqualTo(start);
    assertThat(transport.calls.get(3).atMillis).isEqualTo(start + 5_000);
  }

  @Test
  void eachBatchCountsItsOwnFailuresForItsBackoff() {
    // batch A fails twice, batch B once: B's wait is the first step (5 s), not A's second (7 s)
    AtomicInteger aFailures = new AtomicInteger();
    AtomicInteger bFailures = new AtomicInteger();
    transport.script =
        c -> {
          if (c.distinctIds.contains("d0") && aFailures.getAndIncrement() < 2) {
            return afterAllTracked(FakeTransport.status(500));
          }
          if (c.distinctIds.contains("d2") && bFailures.getAndIncrement() < 1) {
            return FakeTransport.status(500);
          }
          return Reply.ok(200, null);
        };
    Tracker t = tracker(config().batchSize(2));
    for (int i = 0; i < 4; i++) {
      t.track(event(i));
    }
    allTracked.countDown();

    t.flush(LONG);

    assertThat(t.stats().sent()).isEqualTo(4);
    long start = transport.calls.get(0).atMillis;
    List<Long> bAttempts =
        transport.calls.stream()
            .filter(c -> c.distinctIds.contains("d2"))
            .map(c -> c.atMillis - start)
            .collect(Collectors.toList());
    List<Long> aAttempts =
        transport.calls.stream()
            .filter(c -> c.distinctIds.contains("d0"))
            .map(c -> c.atMillis - start)
            .collect(Collectors.toList());
    assertThat(bAttempts).containsExactly(0L, 5_000L);
    assertThat(aAttempts).containsExactly(0L, 5_000L, 12_000L);
  }

  @Test
  void aRateLimitPausesEveryBatchUntilItsRetryAfter() {
    transport.script =
        c ->
            transport.calls.size() == 1
                ? afterAllTracked(FakeTransport.retryAfter(429, Duration.ofSeconds(20)))
                : Reply.ok(200, null);
    Tracker t = tracker(config().batchSize(2));
    for (int i = 0; i < 4; i++) {
      t.track(event(i));
    }
    long start = time.millis();
    allTracked.countDown();

    t.flush(LONG);

    assertThat(transport.calls).hasSize(3);
    assertThat(transport.calls.subList(1, 3))
        .allSatisfy(c -> assertThat(c.atMillis).isGreaterThanOrEqualTo(start + 20_000));
  }

  // ---- Retry-After: capped, floored, overflow-safe (issue 12, item 5) ----

  @Test
  void anHourLongRetryAfterIsCappedAtSixtySeconds() {
    transport.script =
        c ->
            transport.calls.size() == 1
                ? FakeTransport.retryAfter(429, Duration.ofHours(1))
                : Reply.ok(200, null);
    Tracker t = tracker(config());
    t.track(event(1));

    t.flush(LONG);

    assertThat(time.sleeps).containsExactly(Duration.ofSeconds(60));
    assertThat(t.stats().sent()).isEqualTo(1);
  }

  @Test
  void aZeroRetryAfterStillWaitsTheOneSecondFloor() {
    transport.script = c -> FakeTransport.retryAfter(503, Duration.ZERO);
    Tracker t = tracker(config().maxAttempts(4));
    t.track(event(1));

    t.flush(LONG);

    assertThat(transport.calls).hasSize(4);
    assertThat(time.sleeps)
        .hasSize(3)
        .allSatisfy(d -> assertThat(d).isEqualTo(Duration.ofSeconds(1)));
    assertThat(transport.calls.get(3).atMillis - transport.calls.get(0).atMillis).isEqualTo(3_000);
  }

  @Test
  void aHugeRetryAfterNeitherOverflowsNorSwitchesTheBackoffOff() {
    Duration huge = RetryAfter.parse(null, "99999999999999999999", Instant.now()).orElseThrow();
    transport.script =
        c ->
            transport.calls.size() <= 2 ? FakeTransport.retryAfter(429, huge) : Reply.ok(200, null);
    Tracker t = tracker(config());
    t.track(event(1));

    t.flush(LONG);

    assertThat(transport.calls).hasSize(3);
    assertThat(transport.calls.get(1).atMillis - transport.calls.get(0).atMillis).isEqualTo(60_000);
    assertThat(transport.calls.get(2).atMillis - transport.calls.get(1).atMillis).isEqualTo(60_000);
  }

  @Test
  void backoffClampsServerWaitsBetweenFloorAndCap() {
    assertThat(Backoff.clamp(Duration.ofMillis(-5))).isEqualTo(Duration.ofSeconds(1));
    assertThat(Backoff.clamp(Duration.ofMillis(999))).isEqualTo(Duration.ofSeconds(1));
    assertThat(Backoff.clamp(Duration.ofSeconds(1))).isEqualTo(Duration.ofSeconds(1));
    assertThat(Backoff.clamp(Duration.ofMillis(1_001))).isEqualTo(Duration.ofMillis(1_001));
    assertThat(Backoff.clamp(Duration.ofSeconds(60))).isEqualTo(Duration.ofSeconds(60));
    assertThat(Backoff.clamp(Duration.ofSeconds(61))).isEqualTo(Duration.ofSeconds(60));
    assertThat(Backoff.clamp(Duration.ofSeconds(Long.MAX_VALUE))).isEqualTo(Duration.ofSeconds(60));
    assertThat(Backoff.MAX_RETRY_AFTER)
        .isEqualTo(Backoff.POLICY.maxRetryAfter())
        .isEqualTo(Duration.ofSeconds(60));
  }

  // ---- a worker never stops (issue 12, item 3) ----

  @Test
  void anErrorThrownByTheTransportIsRetriedAndTheWorkerKeepsRunning() {
    transport.script =
        c -> {
          if (transport.calls.size() == 1) {
            throw new AssertionError("an Error on the sending thread");
          }
          return Reply.ok(200, null);
        };
    Tracker t = tracker(config());
    t.track(event(1));
    t.track(event(2));

    FlushReport report = t.flush(LONG);

    assertThat(report.completed()).isTrue();
    assertThat(report.sent()).isEqualTo(2);
    assertThat(outcomes)
        .filteredOn(o -> o.kind() == Kind.RETRYING)
        .extracting(Outcome::reason)
        .containsOnly("AssertionError");
    assertThat(t.workers()).allSatisfy(w -> assertThat(w.isAlive()).isTrue());
  }

  @Test
  void anErrorThrownByTheListenerDoesNotStopTheWorker() {
    AtomicBoolean thrown = new AtomicBoolean();
    Tracker t =
        tracker(
            config()
                .listener(
                    o -> {
                      if (thrown.compareAndSet(false, true)) {
                        throw new StackOverflowError("listener");
                      }
                      outcomes.add(o);
                    }));
    t.track(event(1));
    t.flush(LONG);
    t.track(event(2));

    FlushReport second = t.flush(LONG);

    assertThat(second.completed()).isTrue();
    assertThat(t.stats().sent()).isEqualTo(2);
    assertThat(outcomes).extracting(o -> o.distinctId().orElseThrow()).containsExactly("d2");
  }

  // ---- close(timeout) keeps its bound ----

  @Test
  void closeReturnsWithinItsTimeoutPlusTheOverrunEvenWhenACallIgnoresCancellation() {
    CountDownLatch release = new CountDownLatch(1);
    transport.script =
        c -> {
          while (release.getCount() > 0) { // deaf to interrupts and cancelAll()
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
          }
          return Reply.ok(200, null);
        };
    Tracker t = tracker(config().threads(3).batchSize(5));
    for (int i = 0; i < 40; i++) {
      t.track(event(i));
    }
    t.flush(Duration.ZERO); // make every worker pick up a batch
    Duration timeout = Duration.ofMillis(300);
    try {
      long start = System.nanoTime();
      FlushReport report = t.close(timeout);
      long took = System.nanoTime() - start;

      // generous: the bound is timeout + CLOSE_OVERRUN (0.5 s); a shared 2-core machine adds jitter
      assertThat(Duration.ofNanos(took))
          .isLessThan(timeout.plus(Tracker.CLOSE_OVERRUN).plusSeconds(3));
      assertThat(report.completed()).isFalse();
      assertThat(report.abandoned()).isEqualTo(40);
      assertThat(outcomes).filteredOn(o -> o.kind() == Kind.ABANDONED).hasSize(40);
      assertThat(t.stats().abandoned()).isEqualTo(40);
    } finally {
      release.countDown();
    }
  }

  @Test
  void afterCloseReturnsLateAnswersChangeNoOutcome() throws InterruptedException {
    CountDownLatch release = new CountDownLatch(1);
    transport.script =
        c -> {
          while (release.getCount() > 0) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
          }
          return Reply.ok(200, null);
        };
    Tracker t = tracker(config());
    t.track(event(1));
    t.flush(Duration.ZERO);
    t.close(Duration.ofMillis(50));
    release.countDown();
    for (Thread w : t.workers()) {
      w.join(5_000);
    }

    assertThat(outcomes).extracting(Outcome::kind).containsExactly(Kind.ABANDONED);
    assertThat(t.stats().sent()).isZero();
  }

  @Test
  void flushWithZeroTimeoutReturnsAtOnceAndReportsPending() {
    transport.script = c -> transport.hang();
    Tracker t = tracker(config());
    t.track(event(1));

    FlushReport r = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> t.flush(Duration.ZERO));

    assertThat(r.completed()).isFalse();
    assertThat(r.pending()).isEqualTo(1);
    t.close(Duration.ofMillis(10));
  }

  // ---- shutdown hook ----

  @Test
  void theShutdownHookIsRegisteredByDefaultAndRemovedByClose() {
    Tracker t = new Tracker(config().shutdownHook(true).build(), transport, "tok", Mode.TEST);
    Thread hook = t.hook();
    assertThat(hook).isNotNull();

    t.close(LONG);

    assertThat(Runtime.getRuntime().removeShutdownHook(hook)).isFalse(); // already removed
    assertThat(tracker(config()).hook()).isNull();
  }

  @Test
  void theShutdownHookSendsWhatIsQueuedAndAbandonsWhatItCannotSendInTime()
      throws InterruptedException {
    transport.script = c -> c.distinctIds.contains("d0") ? Reply.ok(200, null) : transport.hang();
    Tracker t =
        new Tracker(
            config()
                .shutdownHook(true)
                .shutdownTimeout(Duration.ofMillis(200))
                .batchSize(1)
                .build(),
            transport,
            "tok",
            Mode.TEST);
    trackers.add(t);
    t.track(event(0));
    t.track(event(1));
    t.track(event(2));
    Thread hook = t.hook();
    Runtime.getRuntime().removeShutdownHook(hook);

    hook.start(); // what the JVM does at exit
    hook.join(10_000);

    assertThat(outcomes)
        .filteredOn(o -> o.kind() == Kind.SENT)
        .extracting(o -> o.distinctId().orElseThrow())
        .containsExactly("d0");
    assertThat(outcomes)
        .filteredOn(o -> o.kind() == Kind.ABANDONED)
        .extracting(Outcome::reason)
        .hasSize(2)
        .allSatisfy(r -> assertThat(r).contains("JVM shutting down").contains("200 ms"));
    assertThat(t.track(event(3))).isFalse();
  }
}
