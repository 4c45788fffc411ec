package com.oursprivacy.benchmarks;

import com.oursprivacy.core.LogLevel;
import com.oursprivacy.ingest.Event;
import com.oursprivacy.ingest.OursIngest;
import com.oursprivacy.ingest.OverflowPolicy;
import com.oursprivacy.ingest.Tracker;
import com.oursprivacy.ingest.TrackerConfig;
import com.oursprivacy.ingest.TrackerStats;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The tracker's memory during an outage, in a fresh JVM: {@code TrackerOutageRun SECONDS RATE
 * [CAPACITY [OVERFLOW]]}. The ingest server is down (a loopback port nothing listens on: every
 * request is refused), and one thread tracks {@code RATE} events per second for {@code SECONDS}
 * with the default configuration (capacity 10,000 and {@code DROP_NEWEST} unless given; {@code
 * OVERFLOW} is an {@link OverflowPolicy} name). Then it reports the events the tracker holds
 * ({@code pending}), the heap in use after a full GC minus the heap before the tracker was made,
 * and that heap ÷ capacity: issue 22's bound is "heap held ≤ capacity × event size + a constant".
 * Uses only the public API, so the same class measures an older build.
 */
public final class TrackerOutageRun {
  private TrackerOutageRun() {}

  /** Entry point; see the class comment. */
  public static void main(String[] args) throws Exception {
    long seconds = Long.parseLong(args[0]);
    int rate = Integer.parseInt(args[1]);
    int capacity = args.length > 2 ? Integer.parseInt(args[2]) : 10_000;
    OverflowPolicy overflow =
        args.length > 3 ? OverflowPolicy.valueOf(args[3]) : OverflowPolicy.DROP_NEWEST;
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort(); // closed again: connections to it are refused
    }
    MemoryMXBean mem = ManagementFactory.getMemoryMXBean();
    try (OursIngest ingest =
        OursIngest.builder()
            .token("bench-token")
            .baseUrl("http://127.0.0.1:" + port + "/api/v1")
            .logLevel(LogLevel.OFF)
            .build()) {
      long before = heapAfterGc(mem);
      Tracker tracker =
          ingest.tracker(
              TrackerConfig.builder()
                  .capacity(capacity)
                  .overflow(overflow)
                  .shutdownHook(false)
                  .listener(o -> {})
                  .build());
      long start = System.nanoTime();
      long n = 0;
      long total = seconds * rate;
      // under BLOCK a full tracker makes each call wait: stop at the end of the window (+1 s)
      long end = start + TimeUnit.SECONDS.toNanos(seconds + 1);
      while (n < total && System.nanoTime() - end < 0) {
        long due = start + n * TimeUnit.SECONDS.toNanos(1) / rate;
        long wait = due - System.nanoTime();
        if (wait > 0) {
          TimeUnit.NANOSECONDS.sleep(wait);
        }
        tracker.track(
            Event.named("Page Viewed")
                .userId("user-" + (n % 1000))
                .property("path", "/products/" + n)
                .property("n", n));
        n++;
      }
      long held = heapAfterGc(mem) - before;
      TrackerStats s = tracker.stats();
      System.out.printf(
          "outage %d s at %d events/s, capacity %d, %s: tracked %d, held (pending) %d, dropped %d,"
              + " heap held %.1f MiB (%.0f bytes per capacity slot, %.0f per held event)%n",
          seconds,
          rate,
          capacity,
          overflow,
          n,
          s.pending(),
          s.dropped(),
          held / 1048576.0,
          (double) held / capacity,
          (double) held / Math.max(1, s.pending()));
      tracker.close(Duration.ZERO);
    }
  }

  private static long heapAfterGc(MemoryMXBean mem) throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(100);
    }
    return mem.getHeapMemoryUsage().getUsed();
  }
}
