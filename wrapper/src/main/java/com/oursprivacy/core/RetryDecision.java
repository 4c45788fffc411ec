package com.oursprivacy.core;

import java.time.Duration;
import java.util.Objects;

/**
 * The SDK will retry a call ({@link CallListener#onRetry}): after which attempt, why, and after
 * what delay. Immutable.
 */
public final class RetryDecision {
  private final CallInfo call;
  private final int attempt;
  private final String reason;
  private final Duration delay;

  /**
   * The event; the SDK makes these, listeners' tests may too.
   *
   * @param call the call
   * @param attempt the attempt that failed and is retried, from 1
   * @param reason why, e.g. {@code HTTP 503} or {@code SocketTimeoutException}
   * @param delay the wait before the next attempt
   * @throws NullPointerException if a reference is null
   */
  public RetryDecision(CallInfo call, int attempt, String reason, Duration delay) {
    this.call = Objects.requireNonNull(call, "call == null");
    this.attempt = attempt;
    this.reason = Objects.requireNonNull(reason, "reason == null");
    this.delay = Objects.requireNonNull(delay, "delay == null");
  }

  /**
   * The call being retried.
   *
   * @return the call
   */
  public CallInfo call() {
    return call;
  }

  /**
   * The attempt that failed; the next one is {@code attempt() + 1}.
   *
   * @return from 1
   */
  public int attempt() {
    return attempt;
  }

  /**
   * Why the call is retried.
   *
   * @return e.g. {@code HTTP 503}, {@code SocketTimeoutException}, {@code a truncated body (HTTP
   *     200)}
   */
  public String reason() {
    return reason;
  }

  /**
   * The wait before the next attempt (from the retry policy's back-off or the server's {@code
   * Retry-After}).
   *
   * @return the delay
   */
  public Duration delay() {
    return delay;
  }

  @Override
  public String toString() {
    return "RetryDecision{"
        + call.operation()
        + ", attempt="
        + attempt
        + ", reason="
        + reason
        + ", delay="
        + delay
        + "}";
  }
}
