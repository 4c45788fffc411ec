package com.oursprivacy.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.oursprivacy.ingest.Outcome.Kind;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One bound for everything held (issue 22): a capacity slot is released only at an item's final
 * outcome, so batches parked for a back-off during an outage count, and every overflow policy keeps
 * working then. The clock is frozen and nothing sleeps: a parked batch stays parked.
 */
class TrackerBoundTest extends TrackerFixture {
  private static final Duration HOUR = Duration.ofHours(1);

  /** The server is down; batches of 5 park for a back-off that never passes. */
  private TrackerConfig.Builder outage(int capacity, OverflowPolicy policy) {
    transport.script = c -> FakeTransport.status(503);
    return TrackerConfig.builder()
        .flushInterval(HOUR)
        .listener(outcomes::add)
        .shutdownHook(false)
        .clock(time)
        .random(half())
        .idleWait(HOUR)
        .threads(1)
        .batchSize(5)
        .capacity(capacity)
        .overflow(policy)
        .blockTimeout(Duration.ZERO);
  }

  /** Fills every slot and waits until all of them sit in parked batches. */
  private Tracker parkedFull(TrackerConfig.Builder b) {
    Tracker t = tracker(b);
    for (int i = 0; i < 10; i++) {
      assertThat(t.track(event(i))).isTrue();
    }
    await(() -> t.stats().retried() == 10);
    return t;
  }

  /** Spins until {@code done}, failing after {@link #LONG}. */
  private static void await(BooleanSupplier done) {
    long deadline = System.nanoTime() + LONG.toNanos();
    while (!done.getAsBoolean()) {
      assertThat(System.nanoTime() - deadline).as("waited %s", LONG).isNegative();
      Thread.onSpinWait();
    }
  }

  @Test
  void parkedBatchesHoldTheirSlotsSoDropNewestRefusesDuringAnOutage() {
    Tracker t = parkedFull(outage(10, OverflowPolicy.DROP_NEWEST));

    assertThat(t.track(event(10))).isFalse();

    assertThat(idsOf(Kind.DROPPED)).containsExactly("d10");
    assertThat(t.stats().pending()).isEqualTo(10);
    assertThat(t.stats().dropped()).isEqualTo(1);
    assertThat(t.close(Duration.ZERO).abandoned()).isEqualTo(10);
  }

  @Test
  void dropOldestEvictsTheOldestParkedEventDuringAnOutage() {
    Tracker t = parkedFull(outage(10, OverflowPolicy.DROP_OLDEST));

    assertThat(t.track(event(10))).isTrue();
    assertThat(t.track(event(11))).isTrue();

    assertThat(idsOf(Kind.DROPPED)).containsExactly("d0", "d1");
    assertThat(outcomes.stream().filter(o -> o.kind() == Kind.DROPPED).findFirst().orElseThrow())
        .satisfies(o -> assertThat(o.reason()).endsWith("oldest dropped"));
    assertThat(t.stats().pending()).isEqualTo(10);
    FlushReport r = t.close(Duration.ZERO);
    assertThat(r.abandoned()).isEqualTo(10);
    assertThat(idsOf(Kind.ABANDONED))
        .containsExactlyInAnyOrder("d2", "d3", "d4", "d5", "d6", "d7", "d8", "d9", "d10", "d11");
    assertThat(r.totals().dropped()).isEqualTo(2);
    assertThat(r.totals().queued()).isEqualTo(12);
  }

  @Test
  void blockGivesUpAfterItsTimeoutDuringAnOutage() {
    Tracker t = parkedFull(outage(10, OverflowPolicy.BLOCK));

    assertThat(t.track(event(10))).isFalse();

    assertThat(idsOf(Kind.DROPPED)).containsExactly("d10");
    assertThat(outcomes.stream().filter(o -> o.kind() == Kind.DROPPED).findFirst().orElseThrow())
        .satisfies(
            o -> assertThat(o.reason()).isEqualTo("queue full (capacity 10) after waiting 0 ms"));
    assertThat(t.close(Duration.ZERO).abandoned()).isEqualTo(10);
  }

  @Test
  void dropOldestDropsTheNewestWhenEveryHeldItemIsInFlight() {
    // No flush interval: the worker sends only a full batch, so both items are in the one request
    // however the threads are scheduled.
    TrackerConfig.Builder b = outage(2, OverflowPolicy.DROP_OLDEST).batchSize(2);
    transport.script = c -> transport.hang();
    Tracker t = tracker(b);
    t.track(event(0));
    t.track(event(1));
    await(() -> transport.calls.size() == 1 && transport.calls.get(0).distinctIds.size() == 2);

    assertThat(t.track(event(2))).isFalse();

    assertThat(outcomes)
        .singleElement()
        .satisfies(
            o -> {
              assertThat(o.kind()).isEqualTo(Kind.DROPPED);
              assertThat(o.reason()).endsWith("every held item is in flight");
            });
    assertThat(t.close(Duration.ZERO).abandoned()).isEqualTo(2);
  }

  @Test
  void aFinalOutcomeFreesTheSlot() {
    Tracker t = tracker(config().capacity(2).batchSize(2));
    t.track(event(0));
    t.track(event(1));
    t.flush(LONG);

    assertThat(t.track(event(2))).isTrue();
    assertThat(t.track(event(3))).isTrue();
    assertThat(t.stats().dropped()).isZero();
  }

  @Test
  void eventsRecoveredFromTheSpoolTakeNoSlot(@TempDir Path dir) {
    try (Spool s = Spool.open(dir, Duration.ZERO)) {
      for (int i = 0; i < 3; i++) {
        assertThat(s.append(event(100 + i))).isPositive();
      }
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
    Tracker t = tracker(outage(2, OverflowPolicy.DROP_NEWEST).spool(dir));

    // three recovered events are queued, yet the two slots are free for new ones
    assertThat(t.track(event(0))).isTrue();
    assertThat(t.track(event(1))).isTrue();
    assertThat(t.track(event(2))).isFalse();
    assertThat(t.stats().pending()).isEqualTo(5);
    assertThat(t.close(Duration.ZERO).abandoned()).isEqualTo(5);
  }
}
