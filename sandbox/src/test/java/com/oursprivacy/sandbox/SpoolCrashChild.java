package com.oursprivacy.sandbox;

import com.oursprivacy.OursPrivacy;
import com.oursprivacy.ingest.Event;
import com.oursprivacy.ingest.Mode;
import com.oursprivacy.ingest.OursIngest;
import com.oursprivacy.ingest.Tracker;
import com.oursprivacy.ingest.TrackerConfig;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The process {@link SpoolCrashTest} kills: tracks events with the spool on and prints {@code
 * ACCEPTED id} after each {@code track} returned true, until it is killed; or, with {@code drain},
 * sends what the spool holds and exits.
 *
 * <p>Arguments: baseUrl apiKey ingestBaseUrl sourceId spoolDir run (a number, or "drain").
 */
public final class SpoolCrashChild {
  private SpoolCrashChild() {}

  public static void main(String[] a) throws Exception {
    try (OursPrivacy ours = OursPrivacy.builder().apiKey(a[1]).baseUrl(a[0]).build();
        OursIngest ingest =
            OursIngest.builder().source(ours, a[3]).mode(Mode.TEST).baseUrl(a[2]).build()) {
      Tracker tracker =
          ingest.tracker(
              TrackerConfig.builder()
                  .spool(Path.of(a[4]))
                  .spoolFsync(Duration.ofMillis(10))
                  .batchSize(50)
                  .flushInterval(Duration.ofMillis(20))
                  .threads(2)
                  .capacity(100_000)
                  .shutdownHook(false)
                  .build());
      if (a[5].equals("drain")) {
        System.out.println("DRAINED " + tracker.close(Duration.ofSeconds(30)));
        return;
      }
      System.out.println("READY");
      for (int i = 0; i < 1_000_000; i++) {
        String id = "run" + a[5] + "-" + i;
        if (tracker.track(
            Event.named("Crash").userId("u" + (i % 50)).distinctId(id).property("i", i))) {
          System.out.println("ACCEPTED " + id);
        }
        if (i % 20 == 0) {
          Thread.sleep(1);
        }
      }
      Thread.sleep(Long.MAX_VALUE); // wait to be killed
    }
  }
}
