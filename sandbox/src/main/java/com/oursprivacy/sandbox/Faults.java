package com.oursprivacy.sandbox;

import java.time.Duration;
import java.util.Objects;

/**
 * Fault knobs for tests, applied to every request of both APIs before anything else (the request is
 * not checked, authorized or acted on). Thread-safe; changes apply to the next request.
 *
 * <pre>{@code
 * sandbox.faults().failNext(2, 503);                       // two 503s, then normal answers
 * sandbox.faults().rateLimit(10, Duration.ofSeconds(30));  // the 11th request within 30 s: 429
 * sandbox.faults().latency(Duration.ofMillis(200));        // every answer 200 ms late
 * sandbox.faults().reset();
 * }</pre>
 */
public final class Faults {
  private int failCount;
  private int failStatus;
  private Duration latency = Duration.ZERO;
  private int rateLimit;
  private Duration window = Duration.ZERO;
  private long windowStart;
  private int inWindow;

  Faults() {}

  /**
   * The next {@code n} requests answer {@code status} with an {@code {error, details}} body (the
   * ingest API's {@code {success: false}} shape is included).
   *
   * @param n the n
   * @param status the status
   * @return the next {@code n} requests answer {@code status} with an {@code {error, details}} body
   *     (the ingest API's {@code {success: false}} shape is included)
   * @throws IllegalArgumentException when {@code n < 0} or {@code status} is not 400–599
   */
  public synchronized Faults failNext(int n, int status) {
    if (n < 0 || status < 400 || status > 599) {
      throw new IllegalArgumentException(
          "failNext(n ≥ 0, status 400–599), was (" + n + ", " + status + ")");
    }
    this.failCount = n;
    this.failStatus = status;
    return this;
  }

  /**
   * {@return delays every answer by {@code delay} ({@link Duration#ZERO} turns it off)}
   *
   * @param delay the delay
   */
  public synchronized Faults latency(Duration delay) {
    Objects.requireNonNull(delay, "delay == null");
    if (delay.isNegative()) {
      throw new IllegalArgumentException("latency must be ≥ 0");
    }
    this.latency = delay;
    return this;
  }

  /**
   * Allows {@code requests} requests per fixed {@code window}; the rest of the window answers 429
   * with {@code Retry-After} (whole seconds until the window ends, at least 1) and {@code
   * X-RateLimit-Limit/-Remaining/-Reset} headers. {@code requests == 0} turns it off.
   *
   * @param requests the requests
   * @param window the window
   * @return these faults
   */
  public synchronized Faults rateLimit(int requests, Duration window) {
    Objects.requireNonNull(window, "window == null");
    if (requests < 0 || (requests > 0 && (window.isZero() || window.isNegative()))) {
      throw new IllegalArgumentException("rateLimit(requests ≥ 0, window > 0)");
    }
    this.rateLimit = requests;
    this.window = window;
    this.inWindow = 0;
    this.windowStart = System.nanoTime();
    return this;
  }

  /**
   * Turns every fault off.
   *
   * @return these faults
   */
  public synchronized Faults reset() {
    failCount = 0;
    latency = Duration.ZERO;
    rateLimit = 0;
    return this;
  }

  synchronized Duration latency() {
    return latency;
  }

  /** The fault for the request arriving now, or null; counts it against the knobs. */
  synchronized Reply next() {
    if (failCount > 0) {
      failCount--;
      return Reply.error(failStatus, "injected by sandbox.faults().failNext()");
    }
    if (rateLimit > 0) {
      long now = System.nanoTime();
      long elapsed = now - windowStart;
      if (elapsed >= window.toNanos()) {
        windowStart = now;
        inWindow = 0;
        elapsed = 0;
      }
      long resetSeconds = Math.max(1, (window.toNanos() - elapsed + 999_999_999L) / 1_000_000_000L);
      if (inWindow >= rateLimit) {
        return Reply.error(
                429, "rate limit of " + rateLimit + " requests per " + window + " exceeded")
            .header("Retry-After", Long.toString(resetSeconds))
            .header("X-RateLimit-Limit", Integer.toString(rateLimit))
            .header("X-RateLimit-Remaining", "0")
            .header("X-RateLimit-Reset", Long.toString(resetSeconds));
      }
      inWindow++;
    }
    return null;
  }

  /** Rate-limit headers for a normal answer, or null when rate limiting is off. */
  synchronized String[] headers() {
    if (rateLimit <= 0) {
      return null;
    }
    return new String[] {
      Integer.toString(rateLimit), Integer.toString(Math.max(0, rateLimit - inWindow))
    };
  }
}
