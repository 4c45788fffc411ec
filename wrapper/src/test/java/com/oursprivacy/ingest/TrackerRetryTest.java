package com.oursprivacy.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.oursprivacy.ingest.Outcome.Kind;
import com.oursprivacy.lowlevel.ingest.model.BatchResult;
import com.oursprivacy.lowlevel.ingest.model.BatchResultCode;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The retry rules a user relies on: the back-off arithmetic, the give-up limits, 413 halving and
 * the row results of 207 and 500 answers, each with the fake clock (nothing waits).
 */
class TrackerRetryTest extends TrackerFixture {
  private static Random fixed(double value) {
    return new Random() {
      private static final long serialVersionUID = 1L;

      @Override
      public double nextDouble() {
        return value;
      }
    };
  }

  private List<Long> sleepSeconds() {
    return time.sleeps.stream().map(Duration::getSeconds).collect(Collectors.toList());
  }

  private List<Outcome> of(Kind kind) {
    return outcomes.stream().filter(o -> o.kind() == kind).collect(Collectors.toList());
  }

  // ---- back-off arithmetic ----

  @Test
  void theBackoffCountsFromTheFirstFailureAndCapsTheExponent() {
    Backoff low = new Backoff(fixed(0.0));
    assertThat(low.delay(0, null)).isEqualTo(Duration.ofSeconds(3)); // treated as the first
    assertThat(low.delay(1, null)).isEqualTo(Duration.ofSeconds(3));
    assertThat(low.delay(2, null)).isEqualTo(Duration.ofSeconds(5));
    assertThat(low.delay(3, null)).isEqualTo(Duration.ofSeconds(9));
    assertThat(low.delay(6, null)).isEqualTo(Duration.ofSeconds(61));
    assertThat(low.delay(64, null)).isEqualTo(Duration.ofSeconds(61));
    assertThat(low.delay(Integer.MAX_VALUE, null)).isEqualTo(Duration.ofSeconds(61));
    assertThat(low.delay(3, Duration.ofSeconds(12))).isEqualTo(Duration.ofSeconds(12));
    assertThat(low.delay(3, Duration.ofHours(2))).isEqualTo(Backoff.MAX_RETRY_AFTER);
  }

  @Test
  void aRateLimitWithoutRetryAfterWaitsTheBatchsOwnBackoff() {
    transport.script =
        c -> transport.calls.size() <= 2 ? FakeTransport.status(429) : Reply.ok(200, null);
    Tracker t = tracker(config());
    t.track(event(1));

    t.flush(LONG);

    assertThat(sleepSeconds()).containsExactly(5L, 7L);
    assertThat(transport.calls).extracting(c -> c.distinctIds).containsOnly(List.of("d1"));
    assertThat(of(Kind.RETRYING)).extracting(Outcome::statusCode).containsExactly(429, 429);
    assertThat(of(Kind.RETRYING)).extracting(Outcome::attempts).containsExactly(1, 2);
  }

  @Test
  void aTimeoutAndAConnectionFailureAreRetriedButOtherClientErrorsAreNot() {
    transport.script =
        c -> {
          switch (transport.calls.size()) {
            case 1:
              return FakeTransport.status(408);
            case 2:
              return Reply.network("connection reset");
            default:
              return Reply.ok(200, null);
          }
        };
    Tracker t = tracker(config());
    t.track(event(1));

    t.flush(LONG);

    assertThat(of(Kind.RETRYING))
        .extracting(Outcome::reason)
        .containsExactly("HTTP 408", "connection reset");
    assertThat(of(Kind.SENT)).singleElement().satisfies(o -> assertThat(o.attempts()).isEqualTo(3));
  }

  // ---- give-up limits ----

  @Test
  void anEventIsGivenUpWhenItsAgeReachesMaxAgeExactly() {
    transport.script = c -> FakeTransport.status(500);
    // the first wait is 2 s + 3 s jitter: the second attempt is exactly maxAge after tracking
    Tracker t = tracker(config().maxAge(Duration.ofSeconds(5)).maxAttempts(100));
    t.track(event(1));

    t.flush(LONG);

    assertThat(transport.calls).hasSize(2);
    Outcome failed = of(Kind.FAILED).get(0);
    assertThat(failed.reason())
        .isEqualTo("gave up after 2 attempts over 5 s; last error: HTTP 500");
    assertThat(failed.attempts()).isEqualTo(2);
    assertThat(failed.statusCode()).isEqualTo(500);
  }

  @Test
  void oneAttemptAllowedMeansNoRetry() {
    transport.script = c -> FakeTransport.status(503);
    Tracker t = tracker(config().maxAttempts(1));
    t.track(event(1));

    t.flush(LONG);

    assertThat(transport.calls).hasSize(1);
    assertThat(time.sleeps).isEmpty();
    assertThat(of(Kind.RETRYING)).isEmpty();
    assertThat(t.stats().failed()).isEqualTo(1);
    assertThat(t.stats().retried()).isZero();
  }

  @Test
  void aFailedIdentifyIsRetriedThroughIdentify() {
    transport.script =
        c -> transport.calls.size() == 1 ? FakeTransport.status(502) : Reply.ok(200, null);
    Tracker t = tracker(config());
    t.identify(Identify.user("u1"));

    FlushReport r = t.flush(LONG);

    assertThat(transport.calls).extracting(c -> c.path).containsExactly("/identify", "/identify");
    assertThat(r.sent()).isEqualTo(1);
    assertThat(sleepSeconds()).containsExactly(5L);
  }

  // ---- 413 ----

  @Test
  void a413HalvesTheBatchSizeForGoodWithoutSpendingAnAttempt() {
    // rows > 2 are too large: 5 splits into 2 + 3, then 3 into 1 + 2, leaving the size at 1
    transport.script =
        c ->
            c.distinctIds.size() > 2
                ? new Reply(413, null, null, "HTTP 413: too large")
                : Reply.ok(200, null);
    Tracker t = tracker(config().batchSize(5).maxAttempts(1));
    for (int i = 0; i < 5; i++) {
      t.track(event(i));
    }
    t.flush(LONG);
    for (int i = 5; i < 10; i++) {
      t.track(event(i));
    }
    t.flush(LONG);

    assertThat(transport.calls)
        .extracting(c -> c.distinctIds)
        .containsExactly(
            List.of("d0", "d1", "d2", "d3", "d4"),
            List.of("d0", "d1"),
            List.of("d2", "d3", "d4"),
            List.of("d2"),
            List.of("d3", "d4"),
            List.of("d5"), // the size stays at the smallest half (1): the server's limit is kept
            List.of("d6"),
            List.of("d7"),
            List.of("d8"),
            List.of("d9"));
    assertThat(t.stats().sent()).isEqualTo(10);
    assertThat(t.stats().failed()).isZero();
    assertThat(time.sleeps).isEmpty(); // a split is resent at once
    Outcome split = of(Kind.RETRYING).get(0);
    assertThat(split.statusCode()).isEqualTo(413);
    assertThat(split.attempts()).isZero();
    assertThat(split.reason()).isEqualTo("HTTP 413: batch split to 2");
    assertThat(t.stats().retried()).isEqualTo(8);
  }

  @Test
  void a413ForASingleRowFailsIt() {
    transport.script = c -> FakeTransport.status(413);
    Tracker t = tracker(config());
    t.track(event(1));
    Tracker unbatched = tracker(config().batching(false));
    unbatched.track(event(2));
    unbatched.track(event(3));

    t.flush(LONG);
    unbatched.flush(LONG);

    assertThat(transport.calls).hasSize(3);
    assertThat(idsOf(Kind.FAILED)).containsExactlyInAnyOrder("d1", "d2", "d3");
    assertThat(of(Kind.FAILED)).allSatisfy(o -> assertThat(o.reason()).isEqualTo("HTTP 413"));
  }

  // ---- row results ----

  @Test
  void rowsWithoutAResultAre200SuccessesBut207Retries() {
    List<BatchResult> onlyFirst = List.of(new BatchResult().index(0L).success(true));
    transport.script =
        c -> {
          switch (transport.calls.size()) {
            case 1:
              return new Reply(200, onlyFirst, null, null);
            case 2:
              return new Reply(207, onlyFirst, null, null);
            default:
              return Reply.ok(200, null);
          }
        };
    Tracker t = tracker(config());
    t.track(event(0));
    t.track(event(1));
    t.flush(LONG);
    t.track(event(2));
    t.track(event(3));
    t.flush(LONG);

    assertThat(transport.calls)
        .extracting(c -> c.distinctIds)
        .containsExactly(List.of("d0", "d1"), List.of("d2", "d3"), List.of("d3"));
    assertThat(of(Kind.RETRYING))
        .singleElement()
        .satisfies(
            o -> {
              assertThat(o.distinctId()).contains("d3");
              assertThat(o.reason()).isEqualTo("missing_result: no result for this row");
              assertThat(o.statusCode()).isEqualTo(207);
            });
    assertThat(idsOf(Kind.SENT)).containsExactly("d0", "d1", "d2", "d3");
  }

  @Test
  void resultsWithoutAnIndexAreIgnoredAndAFailedRowKeepsTheServersCode() {
    List<BatchResult> results =
        List.of(
            new BatchResult().success(false).code(BatchResultCode.INVALID_EVENT), // no index
            new BatchResult().index(0L).success(true),
            new BatchResult()
                .index(1L)
                .success(false)
                .code(BatchResultCode.QUEUE_FAILED)
                .message("busy"));
    transport.script =
        c ->
            transport.calls.size() == 1 ? new Reply(207, results, null, null) : Reply.ok(200, null);
    Tracker t = tracker(config());
    t.track(event(0));
    t.track(event(1));

    t.flush(LONG);

    assertThat(of(Kind.RETRYING))
        .singleElement()
        .satisfies(o -> assertThat(o.reason()).isEqualTo("queue_failed: busy"));
    assertThat(idsOf(Kind.SENT)).containsExactly("d0", "d1");
    assertThat(idsOf(Kind.FAILED)).isEmpty();
  }

  @Test
  void a500WhoseRowsAllSucceededIsNotRetried() {
    List<BatchResult> allOk =
        List.of(
            new BatchResult().index(0L).success(true), new BatchResult().index(1L).success(true));
    transport.script = c -> new Reply(500, allOk, null, "HTTP 500");
    Tracker t = tracker(config());
    t.track(event(0));
    t.track(event(1));

    FlushReport r = t.flush(LONG);

    assertThat(transport.calls).hasSize(1);
    assertThat(time.sleeps).isEmpty();
    assertThat(r.sent()).isEqualTo(2);
    assertThat(of(Kind.SENT)).extracting(Outcome::statusCode).containsOnly(500);
  }

  @Test
  void aClientErrorWithRowResultsFailsEveryRow() {
    List<BatchResult> okRow = List.of(new BatchResult().index(0L).success(true));
    transport.script = c -> new Reply(400, okRow, null, "HTTP 400: bad");
    Tracker t = tracker(config());
    t.track(event(0));

    t.flush(LONG);

    assertThat(of(Kind.FAILED))
        .singleElement()
        .satisfies(o -> assertThat(o.reason()).isEqualTo("HTTP 400: bad"));
  }

  @Test
  void aRateLimitedBatchIsResentFirstWhenThePauseEnds() {
    transport.script =
        c ->
            transport.calls.size() == 1
                ? FakeTransport.retryAfter(429, Duration.ofSeconds(10))
                : Reply.ok(200, null);
    Tracker t = tracker(config().batchSize(2).threads(1));
    t.track(event(0));
    t.track(event(1)); // a full batch: sent at once, rate-limited
    while (t.stats().retried() < 2) {
      Thread.onSpinWait();
    }
    t.track(event(2));
    t.track(event(3));

    t.flush(LONG);

    assertThat(transport.calls)
        .extracting(c -> c.distinctIds)
        .containsExactly(List.of("d0", "d1"), List.of("d0", "d1"), List.of("d2", "d3"));
    assertThat(time.sleeps).containsExactly(Duration.ofSeconds(10));
  }

  @Test
  void theParkedBatchWhoseBackoffEndsFirstIsRetriedFirst() {
    // d0 is told to come back in 30 s; d1, failing after it, gets the 5 s back-off and goes first
    java.util.concurrent.CountDownLatch d1Tracked = new java.util.concurrent.CountDownLatch(1);
    transport.script =
        c -> {
          switch (transport.calls.size()) {
            case 1:
              try {
                d1Tracked.await(); // the fake sleeper would otherwise retry d0 at once
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              return FakeTransport.retryAfter(503, Duration.ofSeconds(30));
            case 2:
              return FakeTransport.status(500);
            default:
              return Reply.ok(200, null);
          }
        };
    Tracker t = tracker(config().batchSize(1).threads(1));
    t.track(event(0));
    t.track(event(1));
    d1Tracked.countDown();

    assertThat(t.flush(LONG).completed()).isTrue();

    assertThat(transport.calls)
        .extracting(c -> c.distinctIds.get(0))
        .containsExactly("d0", "d1", "d1", "d0");
    assertThat(sleepSeconds()).containsExactly(5L, 25L);
  }
}
