package com.oursprivacy.ingest;

/** What {@link Tracker#track} does when the queue is full. Every drop reaches the listener. */
public enum OverflowPolicy {
  /** Refuse the new event at once (the default): {@code track} returns false. */
  DROP_NEWEST,
  /** Wait up to {@link TrackerConfig#blockTimeout()} for space, then drop the new event. */
  BLOCK,
  /** Evict the oldest queued (not yet sent) event to make room for the new one. */
  DROP_OLDEST
}
