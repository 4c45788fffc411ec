package com.oursprivacy.ingest;

/**
 * Receives every per-item {@link Outcome} of a {@link Tracker}. Called on the tracker's worker
 * threads (and, for drops, on the thread calling {@code track}); keep it fast and thread-safe. An
 * exception it throws is logged and otherwise ignored.
 */
@FunctionalInterface
public interface TrackerListener {
  /** Ignores everything. */
  TrackerListener NONE = outcome -> {};

  /** Called once per outcome. */
  void onOutcome(Outcome outcome);
}
