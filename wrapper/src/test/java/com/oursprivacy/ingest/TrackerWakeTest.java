package com.oursprivacy.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import com.oursprivacy.ingest.Outcome.Kind;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every wake-up the tracker relies on. An idle worker normally looks again after a second, which
 * hides a missing wake-up as a short delay; here it waits an hour (the {@code idleWait} seam), so a
 * test that needs a wake-up that never comes fails instead of passing late.
 */
class TrackerWakeTest extends TrackerFixture {
  private static final Duration HOUR = Duration.ofHours(1);

  private TrackerConfig.Builder sleepy() {
    return config().idleWait(HOUR).threads(1);
  }

  /**
   * The fake clock without the fake sleeper: a worker waits (really) for a back-off or pause that,
   * on the fake clock, never ends.
   */
  private TrackerConfig.Builder frozen() {
    return TrackerConfig.builder()
        .flushInterval(HOUR)
        .listener(outcomes::add)
        .shutdownHook(false)
        .clock(time)
        .random(half())
        .idleWait(HOUR)
        .threads(1);
  }

  /** Waits until every worker waits for work (or a back-off) without a pending wake-up. */
  private static void awaitIdle(Tracker t) {
    for (Thread w : t.workers()) {
      while (w.getState() != Thread.State.TIMED_WAITING) {
        Thread.onSpinWait();
      }
    }
  }

  /** Spins until {@code done}, failing after {@link #LONG} (a wake-up that never came). */
  private static void await(BooleanSupplier done) {
    long deadline = System.nanoTime() + LONG.toNanos();
    while (!done.getAsBoolean()) {
      assertThat(System.nanoTime() - deadline).as("waited %s for a wake-up", LONG).isNegative();
      Thread.onSpinWait();
    }
  }

  @Test
  void theFirstEventWakesAnIdleWorkerToStartItsFlushTimer() {
    Tracker t = tracker(sleepy().flushInterval(Duration.ZERO).batchSize(10));
    awaitIdle(t);

    t.track(event(1));

    await(() -> t.stats().sent() == 1);
  }

  @Test
  void theEventThatFillsABatchWakesTheIdleWorker() {
    CountDownLatch gate = new CountDownLatch(1);
    transport.script =
        c -> {
          if (c.distinctIds.contains("d0")) {
            try {
              gate.await();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
          return Reply.ok(200, null);
        };
    Tracker t = tracker(sleepy().batchSize(3));
    t.track(event(0));
    t.flush(Duration.ZERO); // d0 goes alone and holds the worker
    await(() -> !transport.calls.isEmpty());
    t.track(event(1)); // the worker is busy: nobody to wake
    t.track(event(2));
    gate.countDown();
    await(() -> t.stats().sent() == 1);
    awaitIdle(t); // two queued, not a batch yet: waiting for the flush interval

    t.track(event(3)); // fills the batch: only its wake-up sends it

    await(() -> t.stats().sent() == 4);
    assertThat(transport.calls).hasSize(2);
    assertThat(transport.calls.get(1).distinctIds).containsExactly("d1", "d2", "d3");
  }

  @Test
  void closeEndsAWorkerThatOnlyARateLimitHolds() {
    transport.script = c -> FakeTransport.retryAfter(429, Duration.ofSeconds(30));
    Tracker t = tracker(frozen().maxAttempts(1));
    t.track(event(1));
    assertThat(t.flush(LONG).failed()).isEqualTo(1); // given up, but the pause stays
    awaitIdle(t);

    FlushReport r = t.close(Duration.ZERO); // nothing to abandon, so no interrupt either

    assertThat(r.pending()).isZero();
    for (Thread w : t.workers()) {
      assertThat(w.isAlive()).as("%s ended by close()", w.getName()).isFalse();
    }
  }

  @Test
  void flushSendsAPartialBatchAtOnceRatherThanAfterTheIdleWait() {
    Tracker t = tracker(sleepy().batchSize(10));
    t.track(event(1));
    awaitIdle(t);

    FlushReport r = t.flush(LONG);

    assertThat(r.completed()).isTrue();
    assertThat(r.sent()).isEqualTo(1);
  }

  @ParameterizedTest
  @ValueSource(ints = {413, 429, 503})
  void aBatchToResendWakesAnIdleWorkerWhileItsOwnWorkerIsInACallback(int status)
      throws InterruptedException {
    CountDownLatch inCallback = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    transport.script =
        c ->
            transport.calls.size() == 1
                ? FakeTransport.retryAfter(status, Duration.ofSeconds(2))
                : Reply.ok(200, null);
    Tracker t =
        tracker(
            sleepy()
                .threads(2)
                .batchSize(4)
                .listener(
                    o -> {
                      outcomes.add(o);
                      if (o.kind() == Kind.RETRYING && inCallback.getCount() > 0) {
                        inCallback.countDown();
                        try {
                          release.await(); // this worker is busy: only the other one can resend
                        } catch (InterruptedException e) {
                          Thread.currentThread().interrupt();
                        }
                      }
                    }));
    try {
      for (int i = 1; i <= 4; i++) {
        t.track(event(i));
      }
      assertThat(inCallback.await(LONG.toSeconds(), TimeUnit.SECONDS)).isTrue();

      await(() -> t.stats().sent() == 4);
    } finally {
      release.countDown();
    }
    assertThat(idsOf(Kind.SENT)).containsExactlyInAnyOrder("d1", "d2", "d3", "d4");
  }

  @Test
  void closeSendsAPartialBatchAtOnceRatherThanAfterTheIdleWait() {
    Tracker t = tracker(sleepy().batchSize(10));
    t.track(event(1));
    awaitIdle(t);

    FlushReport r = t.close(LONG);

    assertThat(r.completed()).isTrue();
    assertThat(r.sent()).isEqualTo(1);
  }

  @Test
  void closeRetriesABatchWhoseBackoffEndsWithinItsTimeout() {
    transport.script =
        c -> transport.calls.size() == 1 ? FakeTransport.status(503) : Reply.ok(200, null);
    Tracker t = tracker(sleepy());
    t.track(event(1));

    FlushReport r = t.close(LONG); // the worker must not leave while the batch is parked

    assertThat(r.completed()).isTrue();
    assertThat(idsOf(Kind.SENT)).containsExactly("d1");
    assertThat(time.sleeps).containsExactly(Duration.ofSeconds(5)); // 2 s + 3 s jitter, faked
  }

  @Test
  void closeEndsAWorkerWaitingOutABatchsBackoff() {
    transport.script = c -> FakeTransport.status(503);
    Tracker t = tracker(frozen());
    t.track(event(1));
    t.flush(Duration.ZERO);
    await(() -> t.stats().retried() == 1);
    awaitIdle(t);

    FlushReport r = t.close(Duration.ofMillis(100));

    assertThat(r.abandoned()).isEqualTo(1);
    assertThat(idsOf(Kind.ABANDONED)).containsExactly("d1");
    for (Thread w : t.workers()) {
      assertThat(w.isAlive()).as("%s ended by close()", w.getName()).isFalse();
    }
  }

  @Test
  void closeReleasesAFlushWaitingForACallbackThatDoesNotReturn() throws Exception {
    CountDownLatch inCallback = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Tracker t =
        tracker(
            sleepy()
                .listener(
                    o -> {
                      inCallback.countDown();
                      try {
                        release.await();
                      } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                      }
                    }));
    try {
      t.track(event(1));
      CompletableFuture<FlushReport> flush = CompletableFuture.supplyAsync(() -> t.flush(HOUR));
      assertThat(inCallback.await(LONG.toSeconds(), TimeUnit.SECONDS)).isTrue();

      t.close(Duration.ZERO); // nothing left to abandon: only close's own signal wakes the flush

      assertThat(flush.get(LONG.toSeconds(), TimeUnit.SECONDS).sent()).isEqualTo(1);
    } finally {
      release.countDown();
    }
  }

  @Test
  void anEventOfferedWhileAListenerClosesTheTrackerIsDroppedAsClosed() {
    AtomicReference<Tracker> tracker = new AtomicReference<>();
    Tracker t =
        tracker(
            sleepy()
                .capacity(1)
                .overflow(OverflowPolicy.DROP_OLDEST)
                .listener(
                    o -> {
                      outcomes.add(o);
                      if (o.kind() == Kind.DROPPED && tracker.get() != null) {
                        tracker.get().close(Duration.ZERO); // between track's check and its offer
                      }
                    }));
    tracker.set(t);
    assertThat(t.track(event(1))).isTrue();

    assertThat(t.track(event(2))).isFalse();

    assertThat(outcomes)
        .extracting(Outcome::kind, o -> o.distinctId().orElse("?"), Outcome::reason)
        .containsExactly(
            tuple(Kind.DROPPED, "d1", "queue full (capacity 1); oldest dropped"),
            tuple(Kind.DROPPED, "d2", "tracker is closed"));
    assertThat(t.stats().dropped()).isEqualTo(2);
    assertThat(t.stats().pending()).isZero();
    assertThat(transport.calls).isEmpty();
  }
}
