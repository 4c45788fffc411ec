package com.oursprivacy.core;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * The {@code X-RateLimit-Limit}, {@code -Remaining} and {@code -Reset} response headers, each
 * empty when absent or not an integer. Immutable.
 */
public final class RateLimit {
  private final OptionalLong limit;
  private final OptionalLong remaining;
  private final OptionalLong reset;

  /** Creates a value from already-parsed headers. */
  public RateLimit(OptionalLong limit, OptionalLong remaining, OptionalLong reset) {
    this.limit = Objects.requireNonNull(limit, "limit == null");
    this.remaining = Objects.requireNonNull(remaining, "remaining == null");
    this.reset = Objects.requireNonNull(reset, "reset == null");
  }

  /** Requests allowed in the current window. */
  public OptionalLong limit() {
    return limit;
  }

  /** Requests left in the current window. */
  public OptionalLong remaining() {
    return remaining;
  }

  /**
   * The {@code X-RateLimit-Reset} value as sent. The API does not document its unit (epoch
   * seconds or seconds from now), so it is not converted.
   */
  public OptionalLong reset() {
    return reset;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof RateLimit)) {
      return false;
    }
    RateLimit that = (RateLimit) o;
    return limit.equals(that.limit) && remaining.equals(that.remaining) && reset.equals(that.reset);
  }

  @Override
  public int hashCode() {
    return Objects.hash(limit, remaining, reset);
  }

  @Override
  public String toString() {
    return "RateLimit{limit=" + limit + ", remaining=" + remaining + ", reset=" + reset + '}';
  }
}
