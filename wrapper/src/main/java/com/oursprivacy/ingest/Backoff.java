package com.oursprivacy.ingest;

import com.oursprivacy.core.RetryPolicy;
import java.time.Duration;
import java.util.Random;
import java.util.Set;

/**
 * The ingest API's documented back-off for 429, 5xx and network errors: after the n-th
 * consecutive failure wait {@code min(2 s × 2^(n-1), 60 s)} plus a uniformly random 1–5 s of
 * jitter; a {@code Retry-After} from the server replaces the computed wait.
 *
 * <p>It is expressed as a {@link RetryPolicy}, so the plain client's retries and the tracker's
 * pauses use one formula.
 */
final class Backoff {
  /** The documented schedule; POST is repeatable because every body carries its distinctIds. */
  static final RetryPolicy POLICY =
      RetryPolicy.builder()
          .initialDelay(Duration.ofSeconds(2))
          .maxDelay(Duration.ofSeconds(60))
          .multiplier(2)
          .jitter(0)
          .extraJitter(Duration.ofSeconds(1), Duration.ofSeconds(5))
          .idempotentMethods(Set.of("GET", "HEAD", "OPTIONS", "PUT", "DELETE", "POST"))
          .build();

  private final Random random;

  Backoff(Random random) {
    this.random = random;
  }

  /** The wait after {@code failures} (≥ 1) consecutive failures; {@code retryAfter} may be null. */
  Duration delay(int failures, Duration retryAfter) {
    if (retryAfter != null) {
      return retryAfter.isNegative() ? Duration.ZERO : retryAfter;
    }
    return POLICY.backoff(Math.min(Math.max(failures, 1), 64), 0, random.nextDouble());
  }
}
