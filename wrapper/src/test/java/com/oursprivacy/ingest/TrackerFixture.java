package com.oursprivacy.ingest;

import com.oursprivacy.ingest.Outcome.Kind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;

/**
 * What tracker tests share: a fake clock and sleeper (back-off is recorded, never waited), a
 * scripted transport, the outcomes the listener saw, and trackers closed after each test.
 */
abstract class TrackerFixture {
  static final Duration LONG = Duration.ofSeconds(30);

  final FakeTime time = new FakeTime();
  final FakeTransport transport = new FakeTransport(time);
  final List<Outcome> outcomes = new CopyOnWriteArrayList<>();
  final List<Tracker> trackers = new ArrayList<>();

  /** A fixed random makes every jitter exactly 3 s (1 s + 0.5 × 4 s). */
  static Random half() {
    return new Random() {
      private static final long serialVersionUID = 1L;

      @Override
      public double nextDouble() {
        return 0.5;
      }
    };
  }

  TrackerConfig.Builder config() {
    return TrackerConfig.builder()
        .flushInterval(Duration.ofHours(1)) // only flush()/close()/full batches send
        .listener(outcomes::add)
        .shutdownHook(false)
        .clock(time)
        .sleeper(time)
        .random(half());
  }

  Tracker tracker(TrackerConfig.Builder b) {
    Tracker t = new Tracker(b.build(), transport, "test-token", Mode.TEST);
    trackers.add(t);
    return t;
  }

  @AfterEach
  void closeAll() {
    trackers.forEach(t -> t.close(Duration.ofSeconds(5)));
  }

  static Event event(int i) {
    return Event.named("Purchase").userId("u" + i).distinctId("d" + i);
  }

  List<String> idsOf(Kind kind) {
    return outcomes.stream()
        .filter(o -> o.kind() == kind)
        .map(o -> o.distinctId().orElse("?"))
        .collect(Collectors.toList());
  }
}
