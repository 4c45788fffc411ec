package com.oursprivacy.core;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A logical call ended ({@link CallListener#onCallEnd}): its final status, how many attempts it
 * took, how long, and the exception it ended with, if any. Immutable.
 */
public final class CallEnd {
  private final CallInfo call;
  private final int statusCode;
  private final int attempts;
  private final Duration duration;
  private final @Nullable Throwable exception;

  /**
   * The event; the SDK makes these, listeners' tests may too.
   *
   * @param call the call
   * @param statusCode the last response's status, or 0 when none arrived
   * @param attempts how many attempts were started (0 if it ended before the first)
   * @param duration from the call's start to its end, retry delays included
   * @param exception what the call ended with, or null when it succeeded
   * @throws NullPointerException if {@code call} or {@code duration} is null
   */
  public CallEnd(
      CallInfo call,
      int statusCode,
      int attempts,
      Duration duration,
      @Nullable Throwable exception) {
    this.call = Objects.requireNonNull(call, "call == null");
    this.statusCode = statusCode;
    this.attempts = attempts;
    this.duration = Objects.requireNonNull(duration, "duration == null");
    this.exception = exception;
  }

  /**
   * The call that ended.
   *
   * @return the call
   */
  public CallInfo call() {
    return call;
  }

  /**
   * The HTTP status of the last response.
   *
   * @return the status, or 0 when no response arrived
   */
  public int statusCode() {
    return statusCode;
  }

  /**
   * How many attempts were started.
   *
   * @return at least 1, unless the call was cancelled or the client closed before the first
   */
  public int attempts() {
    return attempts;
  }

  /**
   * How many times the call was retried.
   *
   * @return {@code max(0, attempts() - 1)}
   */
  public int retries() {
    return Math.max(0, attempts - 1);
  }

  /**
   * How long the call took.
   *
   * @return from its start to its end, retry delays included
   */
  public Duration duration() {
    return duration;
  }

  /**
   * Whether the call succeeded (the caller got a value).
   *
   * @return true when it ended without an exception
   */
  public boolean succeeded() {
    return exception == null;
  }

  /**
   * What the call failed with: usually an {@code OursException} (an {@code OursApiException} for an
   * error status); a {@code CancellationException} when the caller cancelled it.
   *
   * @return the exception, or empty when it succeeded
   */
  public Optional<Throwable> exception() {
    return Optional.ofNullable(exception);
  }

  /**
   * The simple class name of {@link #exception()}, a low-cardinality error type.
   *
   * @return e.g. {@code NotFoundException}, or empty when the call succeeded
   */
  public Optional<String> errorType() {
    return exception == null ? Optional.empty() : Optional.of(errorType(exception));
  }

  private static String errorType(Throwable t) {
    String simple = t.getClass().getSimpleName();
    return simple.isEmpty() ? t.getClass().getName() : simple;
  }

  @Override
  public String toString() {
    return "CallEnd{"
        + call.operation()
        + ", status="
        + statusCode
        + ", attempts="
        + attempts
        + ", duration="
        + duration
        + (exception == null ? "" : ", error=" + errorType(exception))
        + "}";
  }
}
