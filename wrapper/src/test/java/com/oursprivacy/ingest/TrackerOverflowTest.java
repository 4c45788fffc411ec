package com.oursprivacy.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.oursprivacy.ingest.Outcome.Kind;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bounded queue's overflow policies (what {@code track} returns, what the listener hears) and
 * the rule that every accepted item is counted once and ends in exactly one outcome.
 */
class TrackerOverflowTest extends TrackerFixture {
  /** Holds every send until the test opens it; close() releases it through cancelAll(). */
  private final CountDownLatch gate = new CountDownLatch(1);

  private Reply afterGate() {
    try {
      gate.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Reply.network("interrupted");
    }
    return Reply.ok(200, null);
  }

  /**
   * A tracker whose single worker holds {@code d0} in flight, so the queue only fills; {@code d0}
   * holds one of the capacity's slots until its outcome.
   */
  private Tracker busyTracker(TrackerConfig.Builder b) {
    transport.script = c -> afterGate();
    Tracker t = tracker(b.batchSize(1).threads(1));
    assertThat(t.track(event(0))).isTrue();
    while (transport.calls.isEmpty()) {
      Thread.onSpinWait();
    }
    return t;
  }

  /** BLOCK with a wait longer than any test: only space, close or an interrupt ends it. */
  private TrackerConfig.Builder blocking(int capacity) {
    return config()
        .capacity(capacity)
        .overflow(OverflowPolicy.BLOCK)
        .blockTimeout(Duration.ofMinutes(1));
  }

  private static void awaitBlocked(Thread producer) {
    while (producer.getState() != Thread.State.TIMED_WAITING && producer.isAlive()) {
      Thread.onSpinWait();
    }
  }

  private Outcome dropOf(String id) {
    return outcomes.stream()
        .filter(o -> o.kind() == Kind.DROPPED && o.distinctId().orElse("").equals(id))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void dropNewestNamesTheCapacityAndFreesTheSlotOfTheRefusedEvent() {
    Tracker t = tracker(config().capacity(2));
    assertThat(t.track(event(0))).isTrue();
    assertThat(t.track(event(1))).isTrue();
    assertThat(t.track(event(2))).isFalse();
    t.flush(LONG);

    // the refused event took no slot: the queue takes two more
    assertThat(t.track(event(3))).isTrue();
    assertThat(t.track(event(4))).isTrue();
    assertThat(t.track(event(5))).isFalse();
    t.flush(LONG);

    assertThat(dropOf("d2").reason()).isEqualTo("queue full (capacity 2)");
    assertThat(dropOf("d2").attempts()).isZero();
    assertThat(idsOf(Kind.SENT)).containsExactly("d0", "d1", "d3", "d4");
    TrackerStats s = t.stats();
    assertThat(s.queued()).isEqualTo(4);
    assertThat(s.dropped()).isEqualTo(2);
    assertThat(s.sent()).isEqualTo(4);
    assertThat(s.pending()).isZero();
  }

  @Test
  void dropOldestReportsTheEvictedEventAndCountsItOnce() {
    Tracker t = tracker(config().capacity(3).overflow(OverflowPolicy.DROP_OLDEST));
    for (int i = 0; i < 5; i++) {
      assertThat(t.track(event(i))).isTrue();
    }
    assertThat(t.stats().pending()).isEqualTo(3);

    FlushReport r = t.flush(LONG);

    assertThat(dropOf("d0").reason()).isEqualTo("queue full (capacity 3); oldest dropped");
    assertThat(r.completed()).isTrue();
    assertThat(r.sent()).isEqualTo(3);
    assertThat(r.pending()).isZero();
    TrackerStats s = t.stats();
    assertThat(s.queued()).isEqualTo(5);
    assertThat(s.dropped()).isEqualTo(2);
    assertThat(s.sent()).isEqualTo(3);
    assertThat(s.pending()).isZero();
    assertThat(outcomes).hasSize(5); // one final outcome each
  }

  @Test
  void dropOldestNeverEvictsAFlushThatIsWaiting() {
    Tracker t = busyTracker(config().capacity(2).overflow(OverflowPolicy.DROP_OLDEST));
    FlushReport early = t.flush(Duration.ZERO); // its marker is now the oldest thing queued
    assertThat(t.track(event(1))).isTrue();

    assertThat(t.track(event(2))).isTrue(); // evicts d1, not the marker nor d0 (in flight)

    gate.countDown();
    FlushReport r = t.flush(LONG);
    assertThat(early.completed()).isFalse();
    assertThat(r.completed()).isTrue();
    assertThat(idsOf(Kind.DROPPED)).containsExactly("d1");
    assertThat(idsOf(Kind.SENT)).containsExactly("d0", "d2");
    assertThat(t.stats().pending()).isZero();
  }

  @Test
  void dropOldestRemovesTheEvictedEventFromTheSpool(@TempDir Path dir) {
    Tracker t =
        busyTracker(
            config()
                .capacity(2)
                .overflow(OverflowPolicy.DROP_OLDEST)
                .spool(dir)
                .spoolFsync(Duration.ZERO));
    t.track(event(1));
    t.track(event(2)); // evicts d1
    t.close(Duration.ofMillis(50)); // d0 (in flight) and d2 abandoned: they stay in the spool

    try (Spool s = Spool.open(dir, Duration.ZERO)) {
      assertThat(s.recovered()).extracting(r -> r.event.distinctId()).containsExactly("d0", "d2");
    }
  }

  @Test
  void aBlockedProducerReleasedByCloseIsToldTheTrackerClosed() throws InterruptedException {
    Tracker t = busyTracker(blocking(2));
    t.track(event(1));
    AtomicBoolean accepted = new AtomicBoolean(true);
    Thread producer = new Thread(() -> accepted.set(t.track(event(2))));
    producer.start();
    awaitBlocked(producer);

    t.close(Duration.ofMillis(50));
    producer.join();

    assertThat(accepted).isFalse();
    assertThat(dropOf("d2").reason()).isEqualTo("tracker is closed");
    assertThat(idsOf(Kind.ABANDONED)).containsExactlyInAnyOrder("d0", "d1");
    assertThat(t.stats().pending()).isZero();
  }

  @Test
  void anInterruptedBlockedProducerGivesUpAndKeepsItsInterrupt() throws InterruptedException {
    Tracker t = busyTracker(blocking(2));
    t.track(event(1));
    AtomicBoolean accepted = new AtomicBoolean(true);
    AtomicBoolean stillInterrupted = new AtomicBoolean();
    Thread producer =
        new Thread(
            () -> {
              accepted.set(t.track(event(2)));
              stillInterrupted.set(Thread.currentThread().isInterrupted());
            });
    producer.start();
    awaitBlocked(producer);

    producer.interrupt();
    producer.join();

    assertThat(accepted).isFalse();
    assertThat(stillInterrupted).isTrue();
    assertThat(dropOf("d2").reason()).isEqualTo("queue full (capacity 2) after waiting 60000 ms");
    gate.countDown();
    assertThat(t.flush(LONG).completed()).isTrue();
    assertThat(t.stats().sent()).isEqualTo(2);
    assertThat(t.stats().dropped()).isEqualTo(1);
  }

  @Test
  void blockAcceptsUpToTheCapacityWithoutWaiting() {
    Tracker t = tracker(blocking(3));
    for (int i = 0; i < 3; i++) {
      assertThat(t.track(event(i))).isTrue(); // a slot of its own: never waits
    }

    assertThat(t.flush(LONG).sent()).isEqualTo(3);
    assertThat(t.stats().dropped()).isZero();
  }

  @Test
  void aSpoolThatCannotWriteDropsTheEventAndFreesItsSlot(@TempDir Path dir) {
    Spool spool = Spool.open(dir, Duration.ZERO);
    spool.close(); // every append now fails
    Dispatcher d = new Dispatcher(config().capacity(1).build(), transport, "tok", spool);

    assertThat(d.enqueue(event(1))).isFalse();
    assertThat(d.enqueue(event(2))).isFalse(); // not "queue full": the slot was given back

    assertThat(outcomes)
        .extracting(Outcome::reason)
        .containsExactly("spool write failed: IOException", "spool write failed: IOException");
    assertThat(d.stats().queued()).isZero();
    assertThat(d.stats().dropped()).isEqualTo(2);
  }

  @Test
  void identifyCallsShareTheQueueBoundWithEvents() {
    Tracker t = tracker(config().capacity(1));
    assertThat(t.identify(Identify.user("u1"))).isTrue();
    assertThat(t.track(event(1))).isFalse();

    t.flush(LONG);

    assertThat(transport.calls).extracting(c -> c.path).containsExactly("/identify");
    assertThat(outcomes).extracting(Outcome::kind).containsExactly(Kind.DROPPED, Kind.SENT);
  }

  @Test
  void aBlockedProducerTakesTheOneSlotThatFreesUp() throws InterruptedException {
    Tracker t = busyTracker(blocking(2));
    assertThat(t.track(event(1))).isTrue(); // the last slot (d0 in flight holds the other)
    AtomicBoolean accepted = new AtomicBoolean();
    Thread producer = new Thread(() -> accepted.set(t.track(event(2))));
    producer.start();
    awaitBlocked(producer);

    gate.countDown(); // d0 is done: its slot goes to d2
    producer.join(20_000);

    assertThat(accepted).isTrue();
    assertThat(t.flush(LONG).completed()).isTrue();
    assertThat(t.stats().sent()).isEqualTo(3);
    assertThat(t.stats().dropped()).isZero();
  }
}
