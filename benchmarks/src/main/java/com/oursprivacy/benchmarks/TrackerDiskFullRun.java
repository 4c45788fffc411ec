package com.oursprivacy.benchmarks;

import com.oursprivacy.benchmarks.server.LoopbackServer;
import com.oursprivacy.benchmarks.server.Routes;
import com.oursprivacy.core.LogLevel;
import com.oursprivacy.ingest.Event;
import com.oursprivacy.ingest.FlushReport;
import com.oursprivacy.ingest.OursIngest;
import com.oursprivacy.ingest.Outcome;
import com.oursprivacy.ingest.Tracker;
import com.oursprivacy.ingest.TrackerConfig;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/**
 * The spool on a disk with no room for a segment, in fresh JVMs: {@code TrackerDiskFullRun DIR fill
 * N} tracks N events with the server down and closes at once (they stay in the spool); {@code
 * TrackerDiskFullRun DIR drain N}, run under {@code ulimit -f 2048} (no file may grow past 2 MiB,
 * so no 4 MiB segment can be preallocated: the kernel answers {@code EFBIG} where a full disk
 * answers {@code ENOSPC}), starts a tracker on the same spool against a loopback sink, tracks N new
 * events and closes. It prints whether the tracker started, what the sink received, each outcome's
 * count and reason, and what a {@code track()} call cost (mean and slowest). Uses only the public
 * API, so the same class runs an older build.
 */
public final class TrackerDiskFullRun {
  private TrackerDiskFullRun() {}

  /** Entry point; see the class comment. */
  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    boolean fill = args[1].equals("fill");
    int n = Integer.parseInt(args[2]);
    Routes routes = new Routes(1).faults(0, 1); // no faults; counts distinct events
    Map<String, Integer> outcomes = new TreeMap<>();
    try (LoopbackServer server = LoopbackServer.start(routes)) {
      String base = server.baseUrl() + "/api/v1";
      if (fill) {
        try (ServerSocket s = new ServerSocket(0)) {
          base = "http://127.0.0.1:" + s.getLocalPort() + "/api/v1"; // refused: the server is down
        }
      }
      try (OursIngest ingest =
          OursIngest.builder().token("bench-token").baseUrl(base).logLevel(LogLevel.OFF).build()) {
        Tracker tracker;
        try {
          tracker =
              ingest.tracker(
                  TrackerConfig.builder()
                      .spool(dir)
                      .shutdownHook(false)
                      .listener(o -> count(outcomes, o))
                      .build());
        } catch (RuntimeException e) {
          System.out.println("tracker() threw " + e);
          return;
        }
        int accepted = 0;
        long slowest = 0;
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
          long t = System.nanoTime();
          if (tracker.track(Event.named(Routes.EVENT_NAME).userId("u" + i))) {
            accepted++;
          }
          slowest = Math.max(slowest, System.nanoTime() - t);
        }
        long took = System.nanoTime() - t0;
        FlushReport r = tracker.close(fill ? Duration.ZERO : Duration.ofSeconds(60));
        System.out.println(
            args[1]
                + ": tracker started; "
                + accepted
                + " of "
                + n
                + " new events accepted; sink received "
                + routes.distinctEvents()
                + "; "
                + r);
        System.out.printf(
            "  track(): %.1f µs per call on average, slowest %.1f ms%n",
            took / 1e3 / Math.max(1, n), slowest / 1e6);
        outcomes.forEach((k, v) -> System.out.println("  " + v + " × " + k));
      }
    }
  }

  private static synchronized void count(Map<String, Integer> outcomes, Outcome o) {
    if (o.kind() != Outcome.Kind.RETRYING) {
      String reason = o.reason().replaceAll("\\d+ ms", "N ms");
      outcomes.merge(o.kind() + (reason.isEmpty() ? "" : " (" + reason + ")"), 1, Integer::sum);
    }
  }
}
