package com.oursprivacy.spring.actuate;

import com.oursprivacy.ingest.Tracker;
import com.oursprivacy.ingest.TrackerStats;
import com.oursprivacy.spring.OursTrackerLifecycle;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What the health indicator reports about a tracker, the same on every Boot line: UP while it
 * accepts events, OUT_OF_SERVICE once closed (the application is stopping), and the counters.
 * Delivery failures and drops are details, not DOWN: an orchestrator restarting the application
 * would lose more events, not fewer. Holds no secret: the tracker's toString, stats and
 * configuration carry no token.
 */
final class TrackerHealth {
  /** The status names both Boot lines know. */
  static final String UP = "UP";

  static final String OUT_OF_SERVICE = "OUT_OF_SERVICE";

  private final Tracker tracker;
  private final @Nullable OursTrackerLifecycle lifecycle;

  TrackerHealth(Tracker tracker, @Nullable OursTrackerLifecycle lifecycle) {
    this.tracker = tracker;
    this.lifecycle = lifecycle != null && lifecycle.tracker() == tracker ? lifecycle : null;
  }

  /** UP or OUT_OF_SERVICE. */
  String status() {
    return lifecycle != null && lifecycle.isClosed() ? OUT_OF_SERVICE : UP;
  }

  /** The details, in a stable order. */
  Map<String, Object> details() {
    TrackerStats s = tracker.stats();
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("state", lifecycle == null ? "unknown" : lifecycle.isClosed() ? "closed" : "running");
    d.put("mode", tracker.mode().name());
    d.put("pending", s.pending());
    d.put("queued", s.queued());
    d.put("sent", s.sent());
    d.put("retried", s.retried());
    d.put("failed", s.failed());
    d.put("dropped", s.dropped());
    d.put("abandoned", s.abandoned());
    d.put("capacity", tracker.config().capacity());
    Optional<Path> spool = tracker.config().spool();
    d.put("spool", spool.isPresent() ? spool(spool.get()) : Map.of("enabled", false));
    return d;
  }

  private static Map<String, Object> spool(Path dir) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("enabled", true);
    m.put("path", dir.toString());
    long bytes = 0;
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
      for (Path f : files) {
        if (Files.isRegularFile(f)) {
          bytes += Files.size(f);
        }
      }
      m.put("bytes", bytes);
    } catch (IOException e) {
      m.put("error", e.getClass().getSimpleName());
    }
    return m;
  }
}
