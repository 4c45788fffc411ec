package com.oursprivacy.ingest;

/**
 * Counters of a {@link Tracker} since it started. Immutable snapshot. {@code queued} counts
 * accepted items; {@code retried} counts retry decisions (one item may add several); an item is
 * counted once in exactly one of sent, failed, dropped or abandoned, or is still pending.
 */
public final class TrackerStats {
  private final long queued;
  private final long sent;
  private final long retried;
  private final long failed;
  private final long dropped;
  private final long abandoned;
  private final long pending;

  TrackerStats(
      long queued,
      long sent,
      long retried,
      long failed,
      long dropped,
      long abandoned,
      long pending) {
    this.queued = queued;
    this.sent = sent;
    this.retried = retried;
    this.failed = failed;
    this.dropped = dropped;
    this.abandoned = abandoned;
    this.pending = pending;
  }

  /** {@return items accepted into the queue} */
  public long queued() {
    return queued;
  }

  /** {@return items the server accepted} */
  public long sent() {
    return sent;
  }

  /** {@return retry decisions made (an item retried three times counts three)} */
  public long retried() {
    return retried;
  }

  /** {@return items rejected by the server or given up after the retry limit} */
  public long failed() {
    return failed;
  }

  /** {@return items never sent because the queue was full or the tracker closed} */
  public long dropped() {
    return dropped;
  }

  /** {@return items still undelivered when close() ran out of time} */
  public long abandoned() {
    return abandoned;
  }

  /** {@return items queued, in flight or waiting for a retry right now} */
  public long pending() {
    return pending;
  }

  @Override
  public String toString() {
    return "TrackerStats{queued="
        + queued
        + ", sent="
        + sent
        + ", retried="
        + retried
        + ", failed="
        + failed
        + ", dropped="
        + dropped
        + ", abandoned="
        + abandoned
        + ", pending="
        + pending
        + "}";
  }
}
