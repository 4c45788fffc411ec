package com.oursprivacy.ingest;

/**
 * What {@link Tracker#flush} or {@link Tracker#close} achieved: what happened during the call
 * ({@link #sent()}, {@link #failed()}, {@link #dropped()}, {@link #abandoned()}), what is left
 * ({@link #pending()}), and the tracker's {@link #totals()} since it started, which is what a
 * program that wants to print "N events sent" should read: the workers send while the program runs,
 * so most events are usually sent before the call. Immutable.
 *
 * <pre>{@code
 * FlushReport r = tracker.close(Duration.ofSeconds(10));
 * System.out.println(r.totals().sent() + " events sent, " + r.totals().failed() + " failed");
 * if (!r.completed()) {
 *   System.out.println(r.abandoned() + " abandoned at close");
 * }
 * }</pre>
 */
public final class FlushReport {
  private final boolean completed;
  private final TrackerStats before;
  private final TrackerStats totals;

  FlushReport(boolean completed, TrackerStats before, TrackerStats totals) {
    this.completed = completed;
    this.before = before;
    this.totals = totals;
  }

  /**
   * For {@link Tracker#flush}: true when every item queued before the call reached a final outcome
   * (SENT, FAILED or DROPPED) within the timeout. For {@link Tracker#close}: true when no item had
   * to be abandoned, that is every item the tracker ever accepted reached SENT, FAILED or DROPPED.
   *
   * @return whether the call achieved all it waits for
   */
  public boolean completed() {
    return completed;
  }

  /**
   * Items the server accepted during the call (see {@link #totals()} for all of them).
   *
   * @return the count
   */
  public long sent() {
    return totals.sent() - before.sent();
  }

  /**
   * Items that failed during the call (rejected, or given up).
   *
   * @return the count
   */
  public long failed() {
    return totals.failed() - before.failed();
  }

  /**
   * Items dropped during the call (a full queue, or tracked after close).
   *
   * @return the count
   */
  public long dropped() {
    return totals.dropped() - before.dropped();
  }

  /**
   * Items reported {@link Outcome.Kind#ABANDONED} during the call: by {@link Tracker#close}, those
   * still undelivered when its timeout passed (with the spool on they stay in it for the next
   * tracker); always 0 for {@link Tracker#flush}.
   *
   * @return the count
   */
  public long abandoned() {
    return totals.abandoned() - before.abandoned();
  }

  /**
   * Items without a final outcome when the call returned (queued, in flight or waiting for a
   * retry); always 0 after {@link Tracker#close}, which gives each item its final outcome.
   *
   * @return the count
   */
  public long pending() {
    return totals.pending();
  }

  /**
   * The tracker's counters since it started, read when the call returned.
   *
   * @return the counters
   */
  public TrackerStats totals() {
    return totals;
  }

  @Override
  public String toString() {
    return "FlushReport{completed="
        + completed
        + ", sent="
        + sent()
        + ", failed="
        + failed()
        + ", dropped="
        + dropped()
        + ", abandoned="
        + abandoned()
        + ", pending="
        + pending()
        + ", totals="
        + totals
        + "}";
  }
}
