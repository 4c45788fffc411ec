package com.oursprivacy.ingest;

import com.oursprivacy.core.RetryPolicy;
import java.time.Duration;
import java.util.Comparator;
import java.util.Random;
import java.util.function.BinaryOperator;

/**
 * The ingest API's documented back-off for 429, 5xx and network errors: after the n-th failure of a
 * batch wait {@code min(2 s × 2^(n-1), 60 s)} plus a uniformly random 1–5 s of jitter; a {@code
 * Retry-After} from the server (read by {@code internal.RetryAfter}) replaces the computed wait,
 * clamped to {@link #MIN_RETRY_AFTER}–{@link #MAX_RETRY_AFTER}.
 *
 * <p>It is expressed as a {@link RetryPolicy}, so the plain client's retries and the tracker's
 * pauses use one formula.
 */
final class Backoff {
  /** The documented schedule ({@link RetryPolicy#ingestDefaults()}). */
  static final RetryPolicy POLICY = RetryPolicy.ingestDefaults();

  /**
   * The longest server-requested wait honoured: the synchronous client's cap ({@link
   * RetryPolicy#maxRetryAfter()}), so one {@code Retry-After: 3600} cannot silence the tracker for
   * an hour. The tracker waits the cap and tries again rather than giving up.
   */
  static final Duration MAX_RETRY_AFTER = POLICY.maxRetryAfter();

  /** The shortest: {@code Retry-After: 0} must not burn every attempt in milliseconds. */
  static final Duration MIN_RETRY_AFTER = Duration.ofSeconds(1);

  private final Random random;

  Backoff(Random random) {
    this.random = random;
  }

  /**
   * The wait after a batch's {@code failures}-th (≥ 1) failed attempt; {@code retryAfter} may be
   * null. Never longer than 65 s, so adding it to a clock reading cannot overflow.
   */
  Duration delay(int failures, Duration retryAfter) {
    if (retryAfter != null) {
      return clamp(retryAfter);
    }
    return POLICY.backoff(Math.min(Math.max(failures, 1), 64), 0, random.nextDouble());
  }

  private static final BinaryOperator<Duration> LONGER =
      BinaryOperator.maxBy(Comparator.naturalOrder());
  private static final BinaryOperator<Duration> SHORTER =
      BinaryOperator.minBy(Comparator.naturalOrder());

  /**
   * {@code d} within the floor and the cap, compared as durations (no millisecond overflow). The
   * JDK's max and min rather than two if-statements: at a bound both branches return the same
   * value, so a test could never tell {@code <} from {@code <=} there.
   */
  static Duration clamp(Duration d) {
    return SHORTER.apply(LONGER.apply(d, MIN_RETRY_AFTER), MAX_RETRY_AFTER);
  }
}
