package com.oursprivacy.core;

/**
 * The {@code X-RateLimit-Limit}, {@code -Remaining} and {@code -Reset} response headers of one
 * response. Immutable.
 *
 * <p>Each value is a plain {@code long}; a header that was absent or not a non-negative integer
 * reads as {@link #ABSENT} ({@code -1}), which {@code hasX()} tells apart. A missing header never
 * reads as 0, which would look like an exhausted limit.
 *
 * <pre>{@code
 * raw.rateLimit().ifPresent(r -> System.out.println("remaining: " + r.remaining()));   // remaining: 9
 * }</pre>
 */
public final class RateLimit {
  /** The value of a header the response did not carry (or carried malformed). */
  public static final long ABSENT = -1;

  private final long limit;
  private final long remaining;
  private final long reset;

  /** Values already parsed from the headers, each {@link #ABSENT} when missing. */
  RateLimit(long limit, long remaining, long reset) {
    this.limit = limit;
    this.remaining = remaining;
    this.reset = reset;
  }

  /** {@return requests allowed in the current window, or {@link #ABSENT}} */
  public long limit() {
    return limit;
  }

  /** {@return whether {@code X-RateLimit-Limit} was present} */
  public boolean hasLimit() {
    return limit != ABSENT;
  }

  /** {@return requests left in the current window, or {@link #ABSENT}} */
  public long remaining() {
    return remaining;
  }

  /** {@return whether {@code X-RateLimit-Remaining} was present} */
  public boolean hasRemaining() {
    return remaining != ABSENT;
  }

  /**
   * {@return the {@code X-RateLimit-Reset} value as sent, or {@link #ABSENT}} The API does not
   * document its unit (epoch seconds or seconds from now), so it is not converted.
   */
  public long reset() {
    return reset;
  }

  /** {@return whether {@code X-RateLimit-Reset} was present} */
  public boolean hasReset() {
    return reset != ABSENT;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof RateLimit)) {
      return false;
    }
    RateLimit that = (RateLimit) o;
    return limit == that.limit && remaining == that.remaining && reset == that.reset;
  }

  @Override
  public int hashCode() {
    return Long.hashCode(limit) * 961 + Long.hashCode(remaining) * 31 + Long.hashCode(reset);
  }

  /** E.g. {@code RateLimit{limit=100, remaining=9, reset=30}}; absent headers are left out. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("RateLimit{");
    append(sb, "limit", limit);
    append(sb, "remaining", remaining);
    append(sb, "reset", reset);
    return sb.append('}').toString();
  }

  private static void append(StringBuilder sb, String name, long value) {
    if (value != ABSENT) {
      sb.append(sb.length() > "RateLimit{".length() ? ", " : "")
          .append(name)
          .append('=')
          .append(value);
    }
  }
}
