package com.oursprivacy.core;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * An attempt of a call ended ({@link CallListener#onAttemptEnd}): with a response (its status), or
 * with a failure (no response, or a response whose body could not be read). Immutable.
 */
public final class AttemptEnd {
  private final CallInfo call;
  private final int attempt;
  private final int statusCode;
  private final @Nullable Throwable exception;
  private final Duration duration;

  /**
   * The event; the SDK makes these, listeners' tests may too.
   *
   * @param call the call
   * @param attempt which attempt, from 1
   * @param statusCode the response's status, or 0 when none arrived
   * @param exception why the attempt failed, or null
   * @param duration from the attempt's start to its end
   * @throws NullPointerException if {@code call} or {@code duration} is null
   */
  public AttemptEnd(
      CallInfo call,
      int attempt,
      int statusCode,
      @Nullable Throwable exception,
      Duration duration) {
    this.call = Objects.requireNonNull(call, "call == null");
    this.attempt = attempt;
    this.statusCode = statusCode;
    this.exception = exception;
    this.duration = Objects.requireNonNull(duration, "duration == null");
  }

  /**
   * The call this attempt belongs to.
   *
   * @return the call
   */
  public CallInfo call() {
    return call;
  }

  /**
   * Which attempt this was.
   *
   * @return 1 for the first, 2 for the first retry, …
   */
  public int attempt() {
    return attempt;
  }

  /**
   * The HTTP status of the attempt's response.
   *
   * @return the status, or 0 when no response arrived
   */
  public int statusCode() {
    return statusCode;
  }

  /**
   * What made the attempt fail without a usable response (a connection failure, a timeout, a body
   * cut off or too large).
   *
   * @return the failure, or empty when a response was read (whatever its status)
   */
  public Optional<Throwable> exception() {
    return Optional.ofNullable(exception);
  }

  /**
   * How long the attempt took.
   *
   * @return from its start to its end
   */
  public Duration duration() {
    return duration;
  }

  @Override
  public String toString() {
    return "AttemptEnd{"
        + call.operation()
        + ", attempt="
        + attempt
        + ", status="
        + statusCode
        + (exception == null ? "" : ", exception=" + exception.getClass().getSimpleName())
        + ", duration="
        + duration
        + "}";
  }
}
