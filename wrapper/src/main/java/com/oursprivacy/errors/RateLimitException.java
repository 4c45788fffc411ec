package com.oursprivacy.errors;

import java.util.List;
import java.util.Map;

/**
 * HTTP 429: too many requests. Thrown only once the client's retries are used up (429 is retried).
 * {@link #retryAfter()} says how long the server asked to wait.
 */
public final class RateLimitException extends OursApiException {
  private static final long serialVersionUID = 1L;

  RateLimitException(
      String error,
      String details,
      Map<String, List<String>> headers,
      String rawBody,
      String unredactedRawBody) {
    super(429, error, details, headers, rawBody, unredactedRawBody);
  }
}
