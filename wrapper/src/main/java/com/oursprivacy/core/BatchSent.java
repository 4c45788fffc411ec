package com.oursprivacy.core;

import java.time.Duration;
import java.util.Objects;

/**
 * A {@code Tracker} sent one batch ({@link CallListener#onBatchSent}): how many items, and what
 * became of the request. What becomes of each item (sent, retried, failed) is the tracker's {@code
 * TrackerListener}'s and {@code TrackerStats}' business. Immutable.
 */
public final class BatchSent {
  /** What a batch's request led to. */
  public enum Result {
    /** A 2xx answer with every row accepted. */
    ACCEPTED,
    /** A 207 (or a 2xx with row results) where some rows were rejected or are to be retried. */
    PARTIAL,
    /** A 4xx answer (other than 408 and 429): the server refused the whole batch. */
    REJECTED,
    /** No answer, 408, 429 or 5xx: the tracker retries it while its attempts last. */
    TRANSIENT_FAILURE
  }

  private final int size;
  private final int statusCode;
  private final Result result;
  private final Duration duration;

  /**
   * The event; the SDK makes these, listeners' tests may too.
   *
   * @param size how many items the request carried
   * @param statusCode the response's status, or 0 when none arrived
   * @param result what the request led to
   * @param duration how long the request took
   * @throws NullPointerException if {@code result} or {@code duration} is null
   */
  public BatchSent(int size, int statusCode, Result result, Duration duration) {
    this.size = size;
    this.statusCode = statusCode;
    this.result = Objects.requireNonNull(result, "result == null");
    this.duration = Objects.requireNonNull(duration, "duration == null");
  }

  /**
   * How many items (events, or one identify) the request carried.
   *
   * @return at least 1
   */
  public int size() {
    return size;
  }

  /**
   * The response's HTTP status.
   *
   * @return the status, or 0 when no response arrived
   */
  public int statusCode() {
    return statusCode;
  }

  /**
   * What the request led to.
   *
   * @return the result
   */
  public Result result() {
    return result;
  }

  /**
   * How long the request took.
   *
   * @return its duration
   */
  public Duration duration() {
    return duration;
  }

  @Override
  public String toString() {
    return "BatchSent{size="
        + size
        + ", status="
        + statusCode
        + ", result="
        + result
        + ", duration="
        + duration
        + "}";
  }
}
