package com.oursprivacy.benchmarks;

import com.oursprivacy.benchmarks.server.LoopbackServer;
import com.oursprivacy.benchmarks.server.Routes;
import com.oursprivacy.core.LogLevel;
import com.oursprivacy.ingest.Event;
import com.oursprivacy.ingest.FlushReport;
import com.oursprivacy.ingest.OursIngest;
import com.oursprivacy.ingest.Outcome;
import com.oursprivacy.ingest.OverflowPolicy;
import com.oursprivacy.ingest.Tracker;
import com.oursprivacy.ingest.TrackerConfig;
import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;

/**
 * Degraded-mode run in a fresh JVM: {@code TrackerWindowRun FAULT_RATE WINDOW_SECONDS}. The
 * loopback sink fails {@code FAULT_RATE} of {@code /batch} requests at random (500, 503, or the
 * connection cut before an answer, in equal parts). One thread tracks events for the window with
 * the default configuration except {@code OverflowPolicy.BLOCK} (so the producer is paced by the
 * tracker instead of dropping); the figure is distinct events the sink accepted during the window ÷
 * the window. Then the tracker is closed (up to 5 minutes) and the run checks that every accepted
 * event was delivered or reported: {@code lost} = accepted − delivered − reported failed or
 * abandoned.
 */
public final class TrackerWindowRun {
  private TrackerWindowRun() {}

  /** Entry point; see the class comment. */
  public static void main(String[] args) throws Exception {
    double faultRate = Double.parseDouble(args[0]);
    long windowNanos = (long) (Double.parseDouble(args[1]) * 1e9);
    Routes routes = new Routes(1).faults(faultRate, 20260301L);
    LongAdder notDelivered = new LongAdder();
    try (LoopbackServer server = LoopbackServer.start(routes);
        OursIngest ingest =
            OursIngest.builder()
                .token("bench-token")
                .baseUrl(server.baseUrl() + "/api/v1")
                .logLevel(LogLevel.OFF)
                .build()) {
      Tracker tracker =
          ingest.tracker(
              TrackerConfig.builder()
                  .overflow(OverflowPolicy.BLOCK)
                  .listener(
                      o -> {
                        if (o.kind() == Outcome.Kind.FAILED || o.kind() == Outcome.Kind.ABANDONED) {
                          notDelivered.increment();
                        }
                      })
                  .build());
      long accepted = 0;
      long t0 = System.nanoTime();
      for (int i = 0; System.nanoTime() - t0 < windowNanos; i++) {
        if (tracker.track(
            Event.named(Routes.EVENT_NAME).userId("u" + (i % 1000)).property("plan", "pro"))) {
          accepted++;
        }
      }
      long inWindow = routes.distinctEvents();
      double seconds = (System.nanoTime() - t0) / 1e9;
      FlushReport closed = tracker.close(Duration.ofMinutes(5));
      long delivered = routes.distinctEvents();
      String p = "window." + (faultRate > 0 ? "degraded" : "faultFree") + ".";
      System.out.println("RESULT " + p + "eventsPerSec " + inWindow / seconds);
      System.out.println("RESULT " + p + "accepted " + accepted);
      System.out.println("RESULT " + p + "delivered " + delivered);
      System.out.println("RESULT " + p + "lost " + (accepted - delivered - notDelivered.sum()));
      System.out.println("RESULT " + p + "faultsInjected " + routes.faultsInjected());
      System.out.println("RESULT " + p + "closeCompleted " + (closed.completed() ? 1 : 0));
    }
  }
}
