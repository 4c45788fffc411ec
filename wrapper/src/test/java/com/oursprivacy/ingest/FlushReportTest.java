package com.oursprivacy.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * A flush or close reports what happened during that call, not since the tracker started: a service
 * that logs every flush's report would otherwise count earlier events again.
 */
class FlushReportTest {
  // queued, sent, retried, failed, dropped, abandoned, pending
  private static final TrackerStats BEFORE = new TrackerStats(100, 40, 9, 7, 5, 3, 45);
  private static final TrackerStats AFTER = new TrackerStats(130, 61, 12, 9, 8, 4, 48);

  @Test
  void countsAreWhatChangedDuringTheCallAndPendingIsWhatIsLeft() {
    FlushReport r = new FlushReport(false, BEFORE, AFTER);

    assertThat(r.completed()).isFalse();
    assertThat(r.sent()).isEqualTo(21);
    assertThat(r.failed()).isEqualTo(2);
    assertThat(r.dropped()).isEqualTo(3);
    assertThat(r.abandoned()).isEqualTo(1);
    assertThat(r.pending()).isEqualTo(48); // left now, not a difference
    assertThat(r.totals()).isSameAs(AFTER);
  }

  @Test
  void toStringShowsTheCallsCountsAndTheTotals() {
    assertThat(new FlushReport(true, BEFORE, AFTER).toString())
        .isEqualTo(
            "FlushReport{completed=true, sent=21, failed=2, dropped=3, abandoned=1, pending=48, "
                + "totals="
                + AFTER
                + "}");
  }
}
