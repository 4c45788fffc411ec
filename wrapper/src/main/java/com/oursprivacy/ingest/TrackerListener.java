package com.oursprivacy.ingest;

/**
 * Receives every per-item {@link Outcome} of a {@link Tracker}. Called on the tracker's worker
 * threads, for drops on the thread calling {@code track}, and for ABANDONED items on the thread
 * calling {@code close} (or the shutdown hook's); keep it fast and thread-safe. Anything it throws
 * (also an {@code Error}) is logged and otherwise ignored.
 */
@FunctionalInterface
public interface TrackerListener {
  /** Ignores everything. */
  TrackerListener NONE = outcome -> {};

  /**
   * Called once per outcome.
   *
   * @param outcome the outcome
   */
  void onOutcome(Outcome outcome);
}
