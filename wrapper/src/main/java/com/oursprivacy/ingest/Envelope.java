package com.oursprivacy.ingest;

import java.time.Instant;

/** One queued item (an {@link Event} with its distinctId, or an {@link Identify}) and its state. */
final class Envelope {
  final long seq;
  final Object item;
  final Instant tracked;
  final long trackedNanos;
  /** HTTP attempts made; guarded by the dispatcher's lock or owned by the sending worker. */
  int attempts;

  Envelope(long seq, Object item, Instant tracked, long trackedNanos) {
    this.seq = seq;
    this.item = item;
    this.tracked = tracked;
    this.trackedNanos = trackedNanos;
  }
}
