package com.oursprivacy.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.oursprivacy.core.Sleeper;
import com.oursprivacy.errors.OursValidationException;
import com.oursprivacy.ingest.Outcome.Kind;
import com.oursprivacy.testing.LogCapture;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What close, flush and the workers promise: what is abandoned and why, reports that count what
 * happened, workers that survive stray interrupts and failures, and the Tracker's own accessors.
 */
class TrackerLifecycleTest extends TrackerFixture {
  /** The fake clock without the fake sleeper: a back-off then never passes during the test. */
  private TrackerConfig.Builder frozen() {
    return TrackerConfig.builder()
        .flushInterval(Duration.ofHours(1))
        .listener(outcomes::add)
        .shutdownHook(false)
        .clock(time)
        .random(half());
  }

  private List<Outcome> of(Kind kind) {
    return outcomes.stream().filter(o -> o.kind() == kind).collect(Collectors.toList());
  }

  private static void awaitIdle(Tracker t) {
    for (Thread w : t.workers()) {
      while (w.getState() != Thread.State.TIMED_WAITING) {
        Thread.onSpinWait();
      }
    }
  }

  @Test
  void closeAbandonsABatchWaitingOutItsBackoffAndSaysWhy() {
    transport.script = c -> FakeTransport.status(503);
    Tracker t = tracker(frozen());
    t.track(event(1));
    t.flush(Duration.ZERO);
    while (t.stats().retried() == 0) {
      Thread.onSpinWait();
    }

    FlushReport r = t.close(Duration.ofMillis(100));

    assertThat(r.completed()).isFalse();
    assertThat(r.abandoned()).isEqualTo(1);
    assertThat(r.sent()).isZero();
    assertThat(of(Kind.ABANDONED))
        .singleElement()
        .satisfies(
            o -> {
              assertThat(o.reason())
                  .isEqualTo("tracker closed after 100 ms before delivery was confirmed");
              assertThat(o.attempts()).isEqualTo(1);
              assertThat(o.distinctId()).contains("d1");
            });
    assertThat(t.stats().abandoned()).isEqualTo(1);
    assertThat(t.stats().pending()).isZero();
    assertThat(transport.calls).hasSize(1);
  }

  @Test
  void closeAbandonsABatchHeldByARateLimit() {
    transport.script = c -> FakeTransport.retryAfter(429, Duration.ofSeconds(30));
    Tracker t = tracker(frozen());
    t.track(event(1));
    t.flush(Duration.ZERO);
    while (t.stats().retried() == 0) {
      Thread.onSpinWait();
    }
    t.track(event(2)); // queued behind the pause

    FlushReport r = t.close(Duration.ofMillis(50));

    assertThat(r.abandoned()).isEqualTo(2);
    assertThat(idsOf(Kind.ABANDONED)).containsExactlyInAnyOrder("d1", "d2");
    assertThat(transport.calls).hasSize(1);
  }

  @Test
  void closeAbandonsAnIdentifyWaitingBehindABatchInFlight() {
    transport.script = c -> transport.hang();
    Tracker t = tracker(config());
    t.track(event(0));
    t.identify(Identify.user("u9"));
    t.track(event(1));
    t.flush(Duration.ZERO);
    while (transport.calls.isEmpty()) {
      Thread.onSpinWait();
    }

    FlushReport r = t.close(Duration.ofMillis(50));

    assertThat(transport.calls)
        .singleElement()
        .satisfies(c -> assertThat(c.path).isEqualTo("/batch"));
    assertThat(r.abandoned()).isEqualTo(3);
    assertThat(of(Kind.ABANDONED))
        .extracting(o -> o.identify().isPresent())
        .containsExactlyInAnyOrder(false, true, false);
    assertThat(t.stats().pending()).isZero();
  }

  @Test
  void eventsAndIdentifyCallsKeepTheirOrderWhenBatching() {
    Tracker t = tracker(config());
    t.track(event(0));
    t.track(event(1));
    t.identify(Identify.user("u9"));
    t.track(event(2));

    FlushReport r = t.flush(LONG);

    assertThat(transport.calls)
        .extracting(c -> c.path + c.distinctIds)
        .containsExactly("/batch[d0, d1]", "/identify[]", "/batch[d2]");
    assertThat(r.sent()).isEqualTo(4);
    assertThat(r.completed()).isTrue();
  }

  @Test
  void aSecondCloseReportsNothingAndAFlushAfterCloseReturnsAtOnce() {
    Tracker t = tracker(config());
    t.track(event(1));
    FlushReport first = t.close(LONG);

    FlushReport second = t.close(LONG);
    FlushReport flush = t.flush(LONG);

    assertThat(first.sent()).isEqualTo(1);
    assertThat(first.completed()).isTrue();
    assertThat(second.completed()).isTrue();
    assertThat(List.of(second.sent(), second.failed(), second.dropped(), second.pending()))
        .containsOnly(0L);
    assertThat(flush.sent()).isZero();
    assertThat(flush.pending()).isZero();
  }

  @Test
  void closeCountsFailuresAndLeavesNoWorker() {
    transport.script = c -> FakeTransport.status(400);
    Tracker t = tracker(config().threads(2));
    t.track(event(1));
    t.track(event(2));

    FlushReport r = t.close(LONG);

    assertThat(r.completed()).isTrue();
    assertThat(r.failed()).isEqualTo(2);
    assertThat(r.sent()).isZero();
    assertThat(r.pending()).isZero();
    assertThat(t.workers()).hasSize(2).allSatisfy(w -> assertThat(w.isAlive()).isFalse());
    assertThat(t.workers())
        .extracting(Thread::getName)
        .containsExactly("ours-tracker-1", "ours-tracker-2");
    assertThat(t.workers()).allSatisfy(w -> assertThat(w.isDaemon()).isTrue());
  }

  @Test
  void closeWithoutArgumentsStopsAcceptingEvents() {
    Tracker t = tracker(config());
    t.track(event(1));

    t.close();

    assertThat(t.stats().sent()).isEqualTo(1);
    assertThat(t.track(event(2))).isFalse();
    assertThat(t.identify(Identify.user("u"))).isFalse();
  }

  @Test
  void aWorkerInterruptedByTheApplicationKeepsWorking() {
    Tracker t = tracker(config());
    awaitIdle(t);
    t.workers().forEach(Thread::interrupt);
    awaitIdle(t);

    t.track(event(1));

    assertThat(t.flush(LONG).sent()).isEqualTo(1);
    assertThat(t.workers()).allSatisfy(w -> assertThat(w.isAlive()).isTrue());
  }

  @Test
  void aFailingSleeperNeitherEndsTheWorkerNorLosesTheBatch() {
    AtomicInteger sleeps = new AtomicInteger();
    Sleeper failingOnce =
        d -> {
          if (sleeps.getAndIncrement() == 0) {
            throw new IllegalStateException("sleeper broke");
          }
          time.sleep(d);
        };
    transport.script =
        c -> transport.calls.size() == 1 ? FakeTransport.status(500) : Reply.ok(200, null);
    Tracker t = tracker(config().sleeper(failingOnce));
    t.track(event(1));

    try (LogCapture logs = new LogCapture()) {
      FlushReport r = t.flush(LONG);

      assertThat(r.sent()).isEqualTo(1);
      assertThat(logs.text()).contains("unexpected failure; it keeps running");
    }
    assertThat(time.sleeps).containsExactly(Duration.ofSeconds(5));
    assertThat(t.workers()).allSatisfy(w -> assertThat(w.isAlive()).isTrue());
  }

  @Test
  void anEventKeepsTheTimeItWasGiven() {
    Instant earlier = time.instant().minusSeconds(3_600);
    Tracker t = tracker(config());
    t.track(event(1).at(earlier));
    t.track(event(2));

    t.flush(LONG);

    @SuppressWarnings("unchecked")
    List<Event> rows = (List<Event>) transport.calls.get(0).payload;
    assertThat(rows.get(0).time()).contains(earlier);
    assertThat(rows.get(1).time()).contains(time.instant());
  }

  @Test
  void withTheSpoolAnEventGetsItsDistinctIdBeforeTrackReturns(@TempDir Path dir) {
    transport.script = c -> transport.hang();
    Tracker t = tracker(config().spool(dir));
    t.track(Event.named("Signup").userId("u1"));

    FlushReport r = t.close(Duration.ofMillis(50));

    assertThat(r.abandoned()).isEqualTo(1);
    Outcome abandoned = of(Kind.ABANDONED).get(0);
    assertThat(abandoned.reason())
        .isEqualTo(
            "tracker closed after 50 ms before delivery was confirmed; kept in the spool, the next"
                + " tracker on it sends them");
    try (Spool s = Spool.open(dir, Duration.ZERO)) {
      assertThat(s.recovered())
          .singleElement()
          .satisfies(
              rec ->
                  assertThat(rec.event.distinctId())
                      .isEqualTo(abandoned.distinctId().orElseThrow()));
    }
  }

  @Test
  void theShutdownHookWarnsAboutWhatItAbandonedAndNotesTheSpool(@TempDir Path dir)
      throws InterruptedException {
    transport.script = c -> transport.hang();
    Tracker t =
        new Tracker(
            config().shutdownHook(true).shutdownTimeout(Duration.ofMillis(100)).spool(dir).build(),
            transport,
            "tok",
            Mode.TEST);
    trackers.add(t);
    t.track(event(1));
    Thread hook = t.hook();
    Runtime.getRuntime().removeShutdownHook(hook);
    assertThat(hook.getName()).isEqualTo("ours-tracker-shutdown");

    try (LogCapture logs = new LogCapture()) {
      hook.start();
      hook.join(10_000);

      assertThat(logs.text())
          .contains(
              "ours tracker at JVM exit: 1 items not delivered in 100 ms, reported ABANDONED;"
                  + " kept in the spool");
    }
    assertThat(of(Kind.ABANDONED))
        .singleElement()
        .satisfies(
            o ->
                assertThat(o.reason())
                    .isEqualTo(
                        "JVM shutting down: not delivered within the shutdown hook's 100 ms; kept"
                            + " in the spool, the next tracker on it sends them"));
  }

  @Test
  void aShutdownHookWithNothingLeftLogsNothing() throws InterruptedException {
    Tracker t = new Tracker(config().shutdownHook(true).build(), transport, "tok", Mode.TEST);
    trackers.add(t);
    t.track(event(1));
    Thread hook = t.hook();
    Runtime.getRuntime().removeShutdownHook(hook);

    try (LogCapture logs = new LogCapture()) {
      hook.start();
      hook.join(10_000);

      assertThat(logs.text()).doesNotContain("JVM exit");
    }
    assertThat(idsOf(Kind.SENT)).containsExactly("d1");
  }

  @Test
  void theTrackerShowsItsModeConfigurationAndCounters() {
    TrackerConfig c = config().build();
    Tracker t = new Tracker(c, transport, "secret-token", Mode.LIVE);
    trackers.add(t);
    t.track(event(1));
    t.flush(LONG);

    assertThat(t.mode()).isEqualTo(Mode.LIVE);
    assertThat(t.config()).isSameAs(c);
    assertThat(t.stats().sent()).isEqualTo(1);
    assertThat(t.toString())
        .startsWith("Tracker{mode=LIVE, TrackerStats{queued=1, sent=1")
        .doesNotContain("secret-token");
  }

  @Test
  void aWorkerThatOutlivesCloseIsLogged() {
    CountDownLatch release = new CountDownLatch(1);
    Tracker t = trackerWithADeafCallInFlight(release);

    try (LogCapture logs = new LogCapture()) {
      t.close(Duration.ofMillis(10));

      assertThat(logs.text())
          .contains("ours-tracker-1 still running after close(); it is a daemon thread");
    } finally {
      release.countDown();
    }
  }

  @Test
  void aCloseInterruptedWhileAWorkerOutlivesItKeepsTheInterrupt() {
    CountDownLatch release = new CountDownLatch(1);
    Tracker t = trackerWithADeafCallInFlight(release);
    try {
      Thread.currentThread().interrupt();
      // the worker is still alive when close joins it, so the join itself sees the interrupt
      FlushReport r = t.close(LONG);
      boolean interrupted = Thread.interrupted();

      assertThat(interrupted).as("the caller's interrupt survives close()").isTrue();
      assertThat(r.completed()).isFalse();
      assertThat(t.workers().iterator().next().isAlive()).isTrue();
    } finally {
      Thread.interrupted();
      release.countDown();
    }
  }

  /** A tracker whose one worker is in a call deaf to interrupts and cancelAll() until release. */
  private Tracker trackerWithADeafCallInFlight(CountDownLatch release) {
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
    while (transport.calls.isEmpty()) {
      Thread.onSpinWait();
    }
    return t;
  }

  @Test
  void aPartialBatchWaitsForTheFlushIntervalThenGoesAlone() throws InterruptedException {
    Tracker patient = tracker(config()); // flushInterval: 1 h
    Tracker quick = tracker(config().flushInterval(Duration.ofMillis(20)));
    patient.track(event(1));
    quick.track(event(2));

    while (quick.stats().sent() == 0) { // no flush(): the interval sends it
      Thread.onSpinWait();
    }
    awaitIdle(patient);
    Thread.sleep(20); // a worker that ignored the interval would have sent by now

    assertThat(transport.calls).extracting(c -> c.distinctIds).containsExactly(List.of("d2"));
    assertThat(patient.stats().pending()).isEqualTo(1);
  }

  @Test
  void eachReportCountsOnlyWhatHappenedDuringItsCall() {
    transport.script =
        c -> transport.calls.size() == 1 ? FakeTransport.status(400) : Reply.ok(200, null);
    Tracker t = tracker(config().capacity(1));
    t.track(event(0));
    assertThat(t.track(event(1))).isFalse(); // dropped before any report began

    FlushReport failing = t.flush(LONG);
    t.track(event(2));
    FlushReport first = t.flush(LONG);
    t.track(event(3));
    FlushReport second = t.flush(LONG);
    t.track(event(4));
    FlushReport closing = t.close(LONG);

    assertThat(List.of(failing.sent(), failing.failed(), failing.dropped()))
        .containsExactly(0L, 1L, 0L);
    assertThat(List.of(first.sent(), first.failed(), first.dropped())).containsExactly(1L, 0L, 0L);
    assertThat(List.of(second.sent(), second.failed(), second.dropped()))
        .containsExactly(1L, 0L, 0L);
    assertThat(List.of(closing.sent(), closing.failed(), closing.dropped()))
        .containsExactly(1L, 0L, 0L);
  }

  @Test
  void anInvalidIdentifyIsRejectedBeforeItIsQueued() {
    Tracker t = tracker(config());

    assertThatThrownBy(() -> t.identify(Identify.user(" ")))
        .isInstanceOf(OursValidationException.class)
        .hasMessageContaining("identify.userId");
    assertThat(t.stats().queued()).isZero();
  }

  @Test
  void theShutdownHookIsRegisteredWithTheJvm() {
    Tracker t = new Tracker(config().shutdownHook(true).build(), transport, "tok", Mode.TEST);
    trackers.add(t);

    assertThat(Runtime.getRuntime().removeShutdownHook(t.hook())).isTrue();
  }

  // ---- interrupts, cancellation and overlapping flushes ----

  @Test
  void aFlushInterruptedWhileWaitingReturnsUnfinishedAndKeepsTheInterrupt() {
    transport.script = c -> transport.hang();
    Tracker t = tracker(config());
    t.track(event(0));

    Thread.currentThread().interrupt();
    FlushReport r = t.flush(LONG);
    boolean interrupted = Thread.interrupted();

    assertThat(interrupted).isTrue();
    assertThat(r.completed()).isFalse();
  }

  @Test
  void anInterruptedCloseStillAbandonsWhatIsLeftAndKeepsTheInterrupt() {
    transport.script = c -> transport.hang();
    Tracker t = tracker(config());
    t.track(event(0));

    Thread.currentThread().interrupt();
    FlushReport r = t.close(LONG);
    boolean interrupted = Thread.interrupted();

    assertThat(interrupted).isTrue();
    assertThat(r.completed()).isFalse();
    assertThat(idsOf(Kind.ABANDONED)).containsExactly("d0");
  }

  @Test
  void closeEndsAWorkerWhoseCallOnlyStopsWhenCancelled() {
    transport.script =
        c -> {
          boolean interrupted = false;
          while (true) {
            try {
              transport.cancelled.await(); // deaf to interrupts: only cancelAll() ends it
              break;
            } catch (InterruptedException e) {
              interrupted = true;
            }
          }
          if (interrupted) {
            Thread.currentThread().interrupt();
          }
          return Reply.network("Canceled");
        };
    Tracker t = tracker(config().batchSize(1).threads(1));
    t.track(event(0));
    while (transport.calls.isEmpty()) {
      Thread.onSpinWait();
    }

    t.close(Duration.ofMillis(50));

    assertThat(t.workers()).allSatisfy(w -> assertThat(w.isAlive()).isFalse());
    assertThat(idsOf(Kind.ABANDONED)).containsExactly("d0");
  }

  @Test
  void closeEndsAWorkerWhoseCallOnlyStopsWhenInterrupted() {
    CountDownLatch never = new CountDownLatch(1);
    transport.script =
        c -> {
          try {
            never.await(); // ignores cancelAll(): only an interrupt ends it
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return Reply.network("Interrupted");
        };
    Tracker t = tracker(config().batchSize(1).threads(1));
    t.track(event(0));
    while (transport.calls.isEmpty()) {
      Thread.onSpinWait();
    }

    t.close(Duration.ofMillis(50));

    assertThat(t.workers()).allSatisfy(w -> assertThat(w.isAlive()).isFalse());
    assertThat(idsOf(Kind.ABANDONED)).containsExactly("d0");
  }

  @Test
  void aFlushWaitsForAnEventAnotherWorkerTookBeforeItsMarker() {
    transport.script = c -> transport.hang();
    Tracker t = tracker(config().batchSize(1).threads(2));
    t.track(event(0)); // taken alone by one worker, which then hangs in the call
    while (transport.calls.isEmpty()) {
      Thread.onSpinWait();
    }

    FlushReport r = t.flush(Duration.ofMillis(200)); // the other worker takes the marker

    assertThat(r.completed()).isFalse();
    assertThat(r.pending()).isEqualTo(1);
  }

  @Test
  void aFlushDoesNotWaitForEventsTrackedAfterIt() throws InterruptedException {
    CountDownLatch release = new CountDownLatch(1);
    transport.script =
        c -> {
          if (c.distinctIds.contains("d0")) {
            try {
              release.await();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            return Reply.ok(200, null);
          }
          return transport.hang(); // d1 stays in flight until close
        };
    Tracker t = tracker(config().batchSize(1).threads(1));
    t.track(event(0));
    while (transport.calls.isEmpty()) {
      Thread.onSpinWait();
    }
    FlushReport[] report = new FlushReport[1];
    Thread flusher = new Thread(() -> report[0] = t.flush(LONG));
    flusher.start();
    while (flusher.getState() != Thread.State.TIMED_WAITING && flusher.isAlive()) {
      Thread.onSpinWait();
    }
    t.track(event(1)); // behind the flush's marker

    release.countDown();
    flusher.join();

    assertThat(report[0].completed()).isTrue();
    assertThat(report[0].sent()).isEqualTo(1);
    assertThat(t.stats().pending()).isEqualTo(1);
  }
}
