package com.oursprivacy.ingest;

import java.util.List;

/**
 * One HTTP attempt per call, no retries (the tracker owns the back-off). Implementations turn every
 * failure into a {@link Reply} instead of throwing, and are thread-safe.
 */
interface IngestTransport {
  /** POST /batch with {@code token} and these rows (each already has its distinctId). */
  Reply batch(String token, List<Event> rows);

  /** POST /track. */
  Reply track(String token, Event event);

  /** POST /identify. */
  Reply identify(String token, Identify identify);

  /** Aborts calls in flight (used when close() gives up); later calls may fail at once. */
  void cancelAll();
}
