package com.oursprivacy.errors;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * HTTP 429: too many requests. Thrown only once the client's retries are used up (429 is
 * retried). {@link #retryAfter()} says how long the server asked to wait.
 */
public final class RateLimitException extends OursApiException {
  private static final long serialVersionUID = 1L;

  RateLimitException(String error, String details, Map<String, List<String>> headers, String rawBody) {
    super(429, error, details, headers, rawBody);
  }

  /**
   * The wait the server asked for, from {@code retry-after-ms}, else {@code Retry-After} (seconds
   * or an HTTP date, relative to now); empty when neither is present or parseable.
   */
  public Optional<Duration> retryAfter() {
    Optional<String> ms = header("retry-after-ms");
    if (ms.isPresent()) {
      try {
        return Optional.of(Duration.ofMillis((long) Double.parseDouble(ms.get().trim())));
      } catch (NumberFormatException ignored) {
        // fall through to Retry-After
      }
    }
    Optional<String> ra = header("retry-after");
    if (ra.isEmpty()) {
      return Optional.empty();
    }
    String v = ra.get().trim();
    try {
      return Optional.of(Duration.ofMillis((long) (Double.parseDouble(v) * 1000)));
    } catch (NumberFormatException notSeconds) {
      try {
        ZonedDateTime at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
        Duration d = Duration.between(ZonedDateTime.now(at.getZone()), at);
        return Optional.of(d.isNegative() ? Duration.ZERO : d);
      } catch (DateTimeParseException notDate) {
        return Optional.empty();
      }
    }
  }
}
