package com.oursprivacy.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.oursprivacy.errors.OursValidationException;
import com.oursprivacy.ingest.Outcome.Kind;
import com.oursprivacy.lowlevel.ingest.model.BatchResult;
import com.oursprivacy.lowlevel.ingest.model.BatchResultCode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class TrackerTest extends TrackerFixture {
  @Test
  void queueFailedRowsAreRetriedAloneWithTheirOriginalDistinctIds() {
    List<BatchResult> rows = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      rows.add(new BatchResult().index((long) i).success(true));
    }
    rows.set(
        1,
        new BatchResult()
            .index(1L)
            .success(false)
            .code(BatchResultCode.QUEUE_FAILED)
            .message("queue"));
    rows.set(
        2,
        new BatchResult()
            .index(2L)
            .success(false)
            .code(BatchResultCode.INVALID_EVENT)
            .message("unknown event"));
    rows.set(
        3,
        new BatchResult()
            .index(3L)
            .success(false)
            .code(BatchResultCode.QUEUE_FAILED)
            .message("queue"));
    transport.script =
        c -> transport.calls.size() == 1 ? new Reply(207, rows, null, null) : Reply.ok(200, null);
    Tracker t = tracker(config());
    for (int i = 0; i < 5; i++) {
      t.track(event(i));
    }

    FlushReport report = t.flush(LONG);

    assertThat(transport.calls).hasSize(2);
    assertThat(transport.calls.get(0).distinctIds).containsExactly("d0", "d1", "d2", "d3", "d4");
    assertThat(transport.calls.get(1).distinctIds).containsExactly("d1", "d3");
    assertThat(idsOf(Kind.FAILED)).containsExactly("d2");
    assertThat(
            outcomes.stream()
                .filter(o -> o.kind() == Kind.FAILED)
                .findFirst()
                .orElseThrow()
                .reason())
        .startsWith("invalid_event");
    assertThat(idsOf(Kind.SENT)).containsExactlyInAnyOrder("d0", "d4", "d1", "d3");
    assertThat(report.completed()).isTrue();
    assertThat(report.sent()).isEqualTo(4);
    assertThat(report.failed()).isEqualTo(1);
    assertThat(t.stats().retried()).isEqualTo(2);
  }

  @Test
  void serverErrorWithoutResultsRetriesTheWholeBatchWithTheSameDistinctIds() {
    transport.script =
        c -> transport.calls.size() == 1 ? FakeTransport.status(500) : Reply.ok(200, null);
    Tracker t = tracker(config());
    for (int i = 0; i < 3; i++) {
      t.track(event(i));
    }

    t.flush(LONG);

    assertThat(transport.calls).hasSize(2);
    assertThat(transport.calls.get(1).distinctIds).isEqualTo(transport.calls.get(0).distinctIds);
    assertThat(t.stats().sent()).isEqualTo(3);
  }

  @Test
  void serverErrorWithResultsRetriesOnlyTheFailedRows() {
    transport.script =
        c -> {
          if (transport.calls.size() > 1) {
            return Reply.ok(200, null);
          }
          Reply p = FakeTransport.partial(3, BatchResultCode.QUEUE_FAILED, 0);
          return new Reply(500, p.results, null, null);
        };
    Tracker t = tracker(config());
    for (int i = 0; i < 3; i++) {
      t.track(event(i));
    }

    t.flush(LONG);

    assertThat(transport.calls.get(1).distinctIds).containsExactly("d0");
    assertThat(time.sleeps).hasSize(1);
  }

  @Test
  void backoffStartsAtTwoSecondsDoublesToSixtyAndAddsJitter() {
    transport.script =
        c -> transport.calls.size() <= 8 ? FakeTransport.status(500) : Reply.ok(200, null);
    Tracker t = tracker(config().maxAttempts(20));
    t.track(event(1));

    t.flush(LONG);

    // base 2,4,8,16,32,60,60,60 s, each plus 3 s of jitter (the fixed random's midpoint)
    assertThat(time.sleeps.stream().map(Duration::getSeconds).collect(Collectors.toList()))
        .containsExactly(5L, 7L, 11L, 19L, 35L, 63L, 63L, 63L);
    assertThat(t.stats().sent()).isEqualTo(1);
    assertThat(t.stats().retried()).isEqualTo(8);
  }

  @Test
  void jitterStaysBetweenOneAndFiveSeconds() {
    Backoff low =
        new Backoff(
            new Random() {
              private static final long serialVersionUID = 1L;

              @Override
              public double nextDouble() {
                return 0.0;
              }
            });
    Backoff high =
        new Backoff(
            new Random() {
              private static final long serialVersionUID = 1L;

              @Override
              public double nextDouble() {
                return 0.9999999;
              }
            });
    assertThat(low.delay(1, null)).isEqualTo(Duration.ofSeconds(3));
    assertThat(high.delay(1, null).toMillis()).isEqualTo(6_999);
    assertThat(low.delay(30, null)).isEqualTo(Duration.ofSeconds(61));
  }

  @Test
  void retryAfterFromTheServerReplacesTheComputedWait() {
    transport.script =
        c ->
            transport.calls.size() == 1
                ? FakeTransport.retryAfter(429, Duration.ofSeconds(17))
                : Reply.ok(200, null);
    Tracker t = tracker(config());
    t.track(event(1));

    t.flush(LONG);

    assertThat(time.sleeps).containsExactly(Duration.ofSeconds(17));
  }

  @Test
  void rateLimitPausesEveryWorkerUntilRetryAfterHasPassed() {
    transport.script =
        c ->
            transport.calls.size() == 1
                ? FakeTransport.retryAfter(429, Duration.ofSeconds(30))
                : Reply.ok(200, null);
    Tracker t = tracker(config().batching(false).threads(4));
    t.track(event(0));
    while (t.stats().retried() == 0) {
      Thread.onSpinWait();
    }
    long rateLimitedAt = transport.calls.get(0).atMillis;
    for (int i = 1; i < 40; i++) {
      t.track(event(i));
    }

    t.flush(LONG);

    assertThat(transport.calls).hasSize(41);
    assertThat(transport.calls.subList(1, 41))
        .allSatisfy(c -> assertThat(c.atMillis).isGreaterThanOrEqualTo(rateLimitedAt + 30_000));
    assertThat(t.stats().sent()).isEqualTo(40);
  }

  @Test
  void afterMaxAttemptsTheEventIsReportedFailedNotDropped() {
    transport.script = c -> FakeTransport.status(503);
    Tracker t = tracker(config().maxAttempts(3));
    t.track(event(1));

    FlushReport report = t.flush(LONG);

    assertThat(transport.calls).hasSize(3);
    assertThat(report.completed()).isTrue();
    assertThat(report.failed()).isEqualTo(1);
    Outcome last = outcomes.get(outcomes.size() - 1);
    assertThat(last.kind()).isEqualTo(Kind.FAILED);
    assertThat(last.attempts()).isEqualTo(3);
    assertThat(last.reason()).contains("gave up after 3 attempts").contains("HTTP 503");
    assertThat(idsOf(Kind.RETRYING)).containsExactly("d1", "d1");
  }

  @Test
  void afterMaxAgeTheEventIsReportedFailed() {
    transport.script = c -> FakeTransport.status(500);
    Tracker t = tracker(config().maxAge(Duration.ofSeconds(10)).maxAttempts(100));
    t.track(event(1));

    t.flush(LONG);

    // waits 5 s then 7 s: the third attempt is 12 s after tracking
    assertThat(transport.calls).hasSize(3);
    assertThat(t.stats().failed()).isEqualTo(1);
  }

  @Test
  void clientErrorFailsTheBatchWithoutRetrying() {
    transport.script = c -> FakeTransport.status(401);
    Tracker t = tracker(config());
    t.track(event(1));
    t.track(event(2));

    FlushReport report = t.flush(LONG);

    assertThat(transport.calls).hasSize(1);
    assertThat(report.failed()).isEqualTo(2);
    assertThat(time.sleeps).isEmpty();
  }

  @Test
  void payloadTooLargeHalvesTheBatchUntilItFits() {
    transport.script =
        c -> c.distinctIds.size() > 2 ? FakeTransport.status(413) : Reply.ok(200, null);
    Tracker t = tracker(config().batchSize(8));
    for (int i = 0; i < 8; i++) {
      t.track(event(i));
    }

    t.flush(LONG);

    assertThat(t.stats().sent()).isEqualTo(8);
    assertThat(
            transport.calls.stream()
                .filter(c -> c.distinctIds.size() <= 2)
                .flatMap(c -> c.distinctIds.stream()))
        .containsExactlyInAnyOrder("d0", "d1", "d2", "d3", "d4", "d5", "d6", "d7");
  }

  @Test
  void dropNewestRefusesNewEventsWhenFullAndReportsThem() {
    Tracker t = tracker(config().capacity(3));
    List<Boolean> accepted = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      accepted.add(t.track(event(i)));
    }

    t.flush(LONG);

    assertThat(accepted).containsExactly(true, true, true, false, false);
    assertThat(idsOf(Kind.DROPPED)).containsExactly("d3", "d4");
    assertThat(idsOf(Kind.SENT)).containsExactly("d0", "d1", "d2");
    assertThat(t.stats().dropped()).isEqualTo(2);
  }

  @Test
  void dropOldestEvictsTheOldestQueuedEvent() {
    Tracker t = tracker(config().capacity(3).overflow(OverflowPolicy.DROP_OLDEST));
    for (int i = 0; i < 5; i++) {
      assertThat(t.track(event(i))).isTrue();
    }

    t.flush(LONG);

    assertThat(idsOf(Kind.DROPPED)).containsExactly("d0", "d1");
    assertThat(idsOf(Kind.SENT)).containsExactly("d2", "d3", "d4");
  }

  @Test
  void blockGivesUpAfterTheTimeoutAndReportsTheDrop() {
    Tracker t =
        tracker(
            config()
                .capacity(2)
                .overflow(OverflowPolicy.BLOCK)
                .blockTimeout(Duration.ofMillis(20)));
    t.track(event(0));
    t.track(event(1));

    boolean accepted = t.track(event(2));

    assertThat(accepted).isFalse();
    Outcome drop =
        outcomes.stream().filter(o -> o.kind() == Kind.DROPPED).findFirst().orElseThrow();
    assertThat(drop.reason()).contains("after waiting 20 ms");
  }

  @Test
  void blockWaitsForSpaceInsteadOfDropping() throws Exception {
    Tracker t =
        tracker(
            config()
                .capacity(2)
                .overflow(OverflowPolicy.BLOCK)
                .blockTimeout(Duration.ofMinutes(1)));
    t.track(event(0));
    t.track(event(1));
    boolean[] accepted = new boolean[1];
    Thread producer = new Thread(() -> accepted[0] = t.track(event(2)));
    producer.start();
    while (producer.getState() != Thread.State.TIMED_WAITING && producer.isAlive()) {
      Thread.onSpinWait();
    }

    t.flush(LONG); // the worker takes the two queued events and frees space
    producer.join();
    t.flush(LONG);

    assertThat(accepted[0]).isTrue();
    assertThat(idsOf(Kind.DROPPED)).isEmpty();
    assertThat(t.stats().queued()).isEqualTo(3);
    assertThat(t.stats().sent()).isEqualTo(3);
    assertThat(t.stats().pending()).isZero();
  }

  /** Holds every worker at its first send until the test opens the gate. */
  private final java.util.concurrent.CountDownLatch gate =
      new java.util.concurrent.CountDownLatch(1);

  /** Opens the gate once the calling (test) thread is blocked inside flush() or close(). */
  private void openGateWhenBlocked() {
    Thread caller = Thread.currentThread();
    Thread opener =
        new Thread(
            () -> {
              while (caller.getState() != Thread.State.TIMED_WAITING) {
                Thread.onSpinWait();
              }
              gate.countDown();
            });
    opener.setDaemon(true);
    opener.start();
  }

  private Reply afterGate() {
    try {
      gate.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return Reply.ok(200, null);
  }

  @Test
  void flushBlocksUntilThousandsOfPendingEventsAreDelivered() {
    transport.script = c -> afterGate();
    Tracker t = tracker(config().capacity(20_000));
    for (int i = 0; i < 5_000; i++) {
      t.track(event(i));
    }
    assertThat(t.stats().pending()).isEqualTo(5_000);
    openGateWhenBlocked();

    FlushReport report = t.flush(LONG);

    assertThat(report.completed()).isTrue();
    assertThat(report.sent()).isEqualTo(5_000);
    assertThat(report.pending()).isZero();
    assertThat(transport.calls).hasSize(50);
  }

  @Test
  void closeDeliversThousandsOfPendingEventsAndLeavesNoThread() {
    transport.script = c -> afterGate();
    Tracker t = tracker(config().capacity(20_000).threads(3));
    for (int i = 0; i < 5_000; i++) {
      t.track(event(i));
    }
    assertThat(t.stats().pending()).isEqualTo(5_000);
    openGateWhenBlocked();

    FlushReport report = t.close(LONG);

    assertThat(report.completed()).isTrue();
    assertThat(report.sent()).isEqualTo(5_000);
    assertThat(report.pending()).isZero();
    assertThat(t.workers()).allSatisfy(w -> assertThat(w.isAlive()).isFalse());
    assertThat(transport.calls.stream().mapToInt(c -> c.distinctIds.size()).sum()).isEqualTo(5_000);
  }

  @Test
  void closeThatTimesOutReportsEveryUndeliveredEventAsAbandoned() {
    transport.script = c -> transport.hang();
    Tracker t = tracker(config().capacity(5_000).batchSize(10));
    for (int i = 0; i < 2_000; i++) {
      t.track(event(i));
    }

    FlushReport report = t.close(Duration.ofMillis(100));

    assertThat(report.completed()).isFalse();
    assertThat(report.abandoned()).isEqualTo(2_000);
    assertThat(idsOf(Kind.ABANDONED)).hasSize(2_000).doesNotHaveDuplicates();
    assertThat(t.stats().abandoned()).isEqualTo(2_000);
    assertThat(t.workers()).allSatisfy(w -> assertThat(w.isAlive()).isFalse());
  }

  @Test
  void trackAfterCloseIsDroppedAndReported() {
    Tracker t = tracker(config());
    t.close(LONG);

    assertThat(t.track(event(1))).isFalse();
    assertThat(idsOf(Kind.DROPPED)).containsExactly("d1");
    assertThat(t.close(LONG).completed()).isTrue();
  }

  @Test
  void invalidEventIsRejectedAtTrackAndNeverQueued() {
    Tracker t = tracker(config());

    assertThatThrownBy(() -> t.track(Event.named("Purchase")))
        .isInstanceOf(OursValidationException.class)
        .hasMessageContaining("userId, externalId or email");
    assertThat(t.stats().queued()).isZero();
  }

  @Test
  void trackGivesEachEventADistinctIdAndTheTrackingTime() {
    Tracker t = tracker(config());
    t.track(Event.named("A").userId("u"));
    t.track(Event.named("B").userId("u"));

    t.flush(LONG);

    @SuppressWarnings("unchecked")
    List<Event> rows = (List<Event>) transport.calls.get(0).payload;
    assertThat(rows)
        .extracting(Event::distinctId)
        .doesNotHaveDuplicates()
        .allMatch(s -> s.length() == 36);
    assertThat(rows).allSatisfy(e -> assertThat(e.time()).contains(time.instant()));
  }

  @Test
  void identifyTravelsAloneThroughIdentifyAndBatchingOffUsesTrack() {
    Tracker t = tracker(config().batching(false));
    t.track(event(1));
    t.identify(Identify.user("u1"));
    t.track(event(2));

    t.flush(LONG);

    assertThat(transport.calls)
        .extracting(c -> c.path)
        .containsExactly("/track", "/identify", "/track");
    assertThat(transport.calls).allSatisfy(c -> assertThat(c.token).isEqualTo("test-token"));
  }

  @Test
  void batchingOffSendsAnEventWithoutADistinctIdOnItsFirstAttemptWithOne() {
    Tracker t = tracker(config().batching(false));
    t.track(Event.named("Purchase").userId("u1"));

    t.flush(LONG);

    assertThat(transport.calls)
        .singleElement()
        .satisfies(c -> assertThat(c.distinctIds).singleElement().matches(s -> s.length() == 36));
    assertThat(outcomes).extracting(Outcome::kind).containsExactly(Kind.SENT);
  }

  @Test
  void aThrowingListenerDoesNotStopDelivery() {
    Tracker t =
        new Tracker(
            config()
                .listener(
                    o -> {
                      throw new IllegalStateException("boom");
                    })
                .build(),
            transport,
            "tok",
            Mode.LIVE);
    trackers.add(t);
    t.track(event(1));
    t.track(event(2));

    assertThat(t.flush(LONG).sent()).isEqualTo(2);
  }

  @Test
  void aFullBatchIsSentWithoutWaitingForTheFlushInterval() {
    Tracker t = tracker(config().batchSize(10));
    for (int i = 0; i < 10; i++) {
      t.track(event(i));
    }
    // no flush(): the batch is full, so the worker sends it on its own
    while (t.stats().sent() < 10) {
      Thread.onSpinWait();
    }
    assertThat(transport.calls).hasSize(1);
  }

  @Test
  void a207WithoutResultsResendsTheWholeBatchRatherThanAssumingSuccess() {
    transport.script =
        c -> transport.calls.size() == 1 ? new Reply(207, null, null, null) : Reply.ok(200, null);
    Tracker t = tracker(config());
    t.track(event(1));
    t.track(event(2));

    t.flush(LONG);

    assertThat(transport.calls).hasSize(2);
    assertThat(transport.calls.get(1).distinctIds).containsExactly("d1", "d2");
  }
}
