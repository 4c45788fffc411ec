package com.oursprivacy.ingest;

import java.time.Duration;
import java.util.Random;

/**
 * The ingest API's documented back-off for 429, 5xx and network errors: after the n-th
 * consecutive failure wait {@code min(2 s × 2^(n-1), 60 s)} plus a uniformly random 1–5 s of
 * jitter; a {@code Retry-After} from the server replaces the computed wait.
 */
final class Backoff {
  static final Duration INITIAL = Duration.ofSeconds(2);
  static final Duration MAX = Duration.ofSeconds(60);
  static final long JITTER_MIN_MS = 1_000;
  static final long JITTER_MAX_MS = 5_000;

  private final Random random;

  Backoff(Random random) {
    this.random = random;
  }

  /** The wait after {@code failures} (≥ 1) consecutive failures; {@code retryAfter} may be null. */
  Duration delay(int failures, Duration retryAfter) {
    if (retryAfter != null) {
      return retryAfter.isNegative() ? Duration.ZERO : retryAfter;
    }
    long base = INITIAL.toMillis() << Math.min(Math.max(failures, 1) - 1, 16);
    long capped = Math.min(base, MAX.toMillis());
    long jitter = JITTER_MIN_MS + (long) (random.nextDouble() * (JITTER_MAX_MS - JITTER_MIN_MS));
    return Duration.ofMillis(capped + jitter);
  }
}
