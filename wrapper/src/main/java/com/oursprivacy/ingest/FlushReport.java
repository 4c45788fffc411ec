package com.oursprivacy.ingest;

/**
 * What {@link Tracker#flush} or {@link Tracker#close} achieved while it blocked. {@code sent},
 * {@code failed} and {@code dropped} count outcomes reached during the call; {@code pending} counts
 * items still undelivered when it returned (for close: the items reported {@link
 * Outcome.Kind#ABANDONED}). Immutable.
 */
public final class FlushReport {
  private final boolean completed;
  private final long sent;
  private final long failed;
  private final long dropped;
  private final long pending;

  FlushReport(boolean completed, long sent, long failed, long dropped, long pending) {
    this.completed = completed;
    this.sent = sent;
    this.failed = failed;
    this.dropped = dropped;
    this.pending = pending;
  }

  /** True when every item queued before the call reached a final outcome in time. */
  public boolean completed() {
    return completed;
  }

  /** Items the server accepted during the call. */
  public long sent() {
    return sent;
  }

  /** Items that failed during the call (rejected, or given up). */
  public long failed() {
    return failed;
  }

  /** Items dropped during the call. */
  public long dropped() {
    return dropped;
  }

  /** Items not delivered when the call returned. */
  public long pending() {
    return pending;
  }

  @Override
  public String toString() {
    return "FlushReport{completed="
        + completed
        + ", sent="
        + sent
        + ", failed="
        + failed
        + ", dropped="
        + dropped
        + ", pending="
        + pending
        + "}";
  }
}
