package com.oursprivacy.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** 10,000 events through a server that fails a third of the time: every one arrives, once. */
class NoLossTest {
  @Test
  void tenThousandEventsThroughAFlakyServerAreAllDeliveredExactlyOnceByDistinctId() {
    FlakyIngest flaky = new FlakyIngest();
    FakeTime time = new FakeTime();
    AtomicInteger finalFailures = new AtomicInteger();
    try (IngestServer server = new IngestServer(flaky);
        OursIngest ingest =
            OursIngest.builder()
                .testToken("test-token")
                .baseUrl(server.baseUrl())
                .lookups(k -> null, k -> null)
                .build()) {
      Tracker tracker =
          ingest.tracker(
              TrackerConfig.builder()
                  .capacity(10_000)
                  .batchSize(100)
                  .threads(2)
                  .maxAttempts(40)
                  .flushInterval(Duration.ofMillis(50))
                  .clock(time)
                  .sleeper(time)
                  .listener(
                      o -> {
                        if (o.kind() != Outcome.Kind.SENT && o.kind() != Outcome.Kind.RETRYING) {
                          finalFailures.incrementAndGet();
                        }
                      })
                  .build());
      Set<String> tracked = new HashSet<>();
      long start = System.nanoTime();

      for (int i = 0; i < 10_000; i++) {
        Event e = Event.named("Purchase").userId("user-" + (i % 500)).property("i", i);
        assertThat(tracker.track(e)).isTrue();
      }
      FlushReport report = tracker.close(Duration.ofSeconds(60));
      long millis = (System.nanoTime() - start) / 1_000_000;

      flaky.accepted.keySet().forEach(tracked::add);
      long wireDuplicates = flaky.accepted.values().stream().filter(n -> n.get() > 1).count();
      long injectedTotal = flaky.injected.values().stream().mapToLong(x -> x.sum()).sum();
      System.out.printf(
          "no-loss: requests=%d injected=%s (%.0f%% of requests) delivered=%d "
              + "rowsAcceptedMoreThanOnce=%d retried=%d backoffWaits=%d (never slept) wall=%d ms%n",
          flaky.requests.sum(),
          flaky.injected,
          100.0 * injectedTotal / flaky.requests.sum(),
          flaky.accepted.size(),
          wireDuplicates,
          tracker.stats().retried(),
          time.sleeps.size(),
          millis);

      assertThat(report.completed()).isTrue();
      assertThat(report.failed()).isZero();
      assertThat(report.pending()).isZero();
      assertThat(finalFailures).hasValue(0);
      assertThat(flaky.accepted).hasSize(10_000);
      assertThat(tracker.stats().sent()).isEqualTo(10_000);
      assertThat(injectedTotal).isGreaterThan(flaky.requests.sum() / 5);
      assertThat(flaky.injected)
          .containsKeys(
              "500 without results",
              "429 with Retry-After",
              "connection reset before processing",
              "accepted, then connection reset",
              "207 with queue_failed rows",
              "500 with row results");
      assertThat(time.sleeps).contains(Duration.ofSeconds(2)); // Retry-After: 2 honoured
      assertThat(tracker.workers()).allSatisfy(w -> assertThat(w.isAlive()).isFalse());
    }
  }
}
