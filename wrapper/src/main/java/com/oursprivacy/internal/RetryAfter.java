package com.oursprivacy.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * The one reader of a server's requested wait: {@code retry-after-ms} (milliseconds), else {@code
 * Retry-After} (seconds, or an RFC 1123 date relative to {@code now}). Negative waits become zero;
 * unparseable values are ignored. Internal, no compatibility guarantee.
 */
public final class RetryAfter {
  private RetryAfter() {}

  /**
   * Reads how long the server asks us to wait from its retry headers.
   *
   * @param retryAfterMs the {@code retry-after-ms} header value, or null
   * @param retryAfter the {@code Retry-After} header value, or null
   * @param now the instant an HTTP date is measured from
   * @return the wait, or empty when neither header holds a usable value
   */
  public static Optional<Duration> parse(String retryAfterMs, String retryAfter, Instant now) {
    if (retryAfterMs != null) {
      try {
        return Optional.of(
            nonNegative(Duration.ofMillis((long) Double.parseDouble(retryAfterMs.trim()))));
      } catch (NumberFormatException ignored) {
        // fall through to Retry-After
      }
    }
    if (retryAfter == null) {
      return Optional.empty();
    }
    String v = retryAfter.trim();
    try {
      return Optional.of(nonNegative(Duration.ofMillis((long) (Double.parseDouble(v) * 1000))));
    } catch (NumberFormatException notSeconds) {
      try {
        ZonedDateTime at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
        return Optional.of(nonNegative(Duration.between(now, at.toInstant())));
      } catch (DateTimeParseException notDate) {
        return Optional.empty();
      }
    }
  }

  private static Duration nonNegative(Duration d) {
    return d.isNegative() ? Duration.ZERO : d;
  }
}
