package com.oursprivacy.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.oursprivacy.sandbox.OursSandbox;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The realistic program of issue 11 runs, as written, against the embedded sandbox, and prints the
 * right count however the tracker's worker is scheduled (issue 23): whether it sent the events
 * during {@code close()} or before it.
 */
class RealisticProgramTest {
  private static final String SUMMARY =
      "25 destinations in 3 pages; patched \"Mixpanel (EU)\" {region=eu}; "
          + "1000 events sent in TEST mode, 0 failed";

  @Test
  void createsPagesPatchesAndTracksAThousandTestEvents() {
    try (OursSandbox sandbox = OursSandbox.start()) {
      String summary = RealisticProgram.run(sandbox);

      assertThat(summary).isEqualTo(SUMMARY);
      assertThat(sandbox.ingest().testEvents()).hasSize(1000);
      assertThat(sandbox.ingest().dispatched()).isEmpty();
    }
  }

  @Test
  void countsTheEventsTheWorkerSentBeforeClose() {
    try (OursSandbox sandbox = OursSandbox.start()) {
      String summary =
          RealisticProgram.run(
              sandbox,
              tracker -> {
                // every event is sent before close(): close() itself then sends none
                assertThat(tracker.flush(Duration.ofSeconds(60)).completed()).isTrue();
                assertThat(tracker.stats().sent()).isEqualTo(1000);
              });

      assertThat(summary).isEqualTo(SUMMARY);
      assertThat(sandbox.ingest().testEvents()).hasSize(1000);
    }
  }
}
