package com.oursprivacy.ingest;

import java.time.Instant;

/**
 * One queued item (an {@link Event}, an {@link Identify}) and its delivery state, or a flush marker
 * ({@code item == null}).
 */
final class Envelope {
  /** The item; an event gets its distinctId on the worker unless the spool gave it one. */
  volatile Object item;

  final Instant tracked;
  final long trackedNanos;

  /** HTTP attempts made; guarded by the dispatcher's worker lock. */
  int attempts;

  /** The flush generation it was taken in (worker lock). */
  long gen;

  /** Set once, under the worker lock, when its final outcome is decided. */
  boolean resolved;

  /** The spool segment holding it, or -1. */
  long segment = -1;

  /**
   * Taken from the queue by a worker (worker lock); for a flush marker, also the generation it
   * closed is in {@link #gen}.
   */
  boolean taken;

  /**
   * Whether it holds one of the capacity's slots (released at its final outcome). False for events
   * recovered from the spool: they were admitted by an earlier process.
   */
  boolean holdsSlot = true;

  Envelope(Object item, Instant tracked, long trackedNanos) {
    this.item = item;
    this.tracked = tracked;
    this.trackedNanos = trackedNanos;
  }

  static Envelope marker() {
    return new Envelope(null, null, 0);
  }

  boolean isMarker() {
    return item == null;
  }

  /** The event's distinctId, or null (identify calls, events not yet given one). */
  String distinctId() {
    return item instanceof Event && ((Event) item).hasDistinctId()
        ? ((Event) item).distinctId()
        : null;
  }
}
