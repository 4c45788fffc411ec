package com.oursprivacy.core;

import com.oursprivacy.internal.ResponseHeaders;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * A successful (2xx) response with its metadata and the parsed value. Immutable; the value is
 * whatever the parser produced (null for an empty body or a {@code Void} response type).
 *
 * @param <T> the parsed body's type
 */
public final class RawResponse<T> {
  private final int statusCode;
  private final Map<String, List<String>> headers;
  private final @Nullable T value;
  private final int retries;

  /**
   * @param statusCode the HTTP status
   * @param headers the response headers (copied; looked up case-insensitively)
   * @param value the parsed body, or null
   * @param retries how many retries it took (0 when the first attempt succeeded)
   */
  public RawResponse(
      int statusCode, Map<String, List<String>> headers, @Nullable T value, int retries) {
    Objects.requireNonNull(headers, "headers == null");
    this.statusCode = statusCode;
    this.headers = headers instanceof ResponseHeaders ? headers : copy(headers);
    this.value = value;
    this.retries = retries;
  }

  /** The SDK's own header views are immutable already; anything else is copied. */
  private static Map<String, List<String>> copy(Map<String, List<String>> headers) {
    TreeMap<String, List<String>> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    headers.forEach((k, v) -> h.put(k, List.copyOf(v)));
    return Collections.unmodifiableMap(h);
  }

  /** {@return the HTTP status code} */
  public int statusCode() {
    return statusCode;
  }

  /** {@return all response headers; keys case-insensitive, unmodifiable} */
  public Map<String, List<String>> headers() {
    return headers;
  }

  /**
   * {@return the first value of header {@code name} (case-insensitive)}
   *
   * @param name the name
   */
  public Optional<String> header(String name) {
    List<String> v = headers.get(Objects.requireNonNull(name, "name == null"));
    return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v.get(0));
  }

  /**
   * {@return the parsed body (envelope already unwrapped); null for an empty body or {@code Void}}
   */
  public @Nullable T value() {
    return value;
  }

  /** {@return how many retries preceded this response} */
  public int retries() {
    return retries;
  }

  /**
   * {@return the server's request id ({@code X-Request-Id}, else {@code Request-Id}), for support
   * tickets}
   */
  public Optional<String> requestId() {
    Optional<String> id = header("x-request-id");
    return id.isPresent() ? id : header("request-id");
  }

  /**
   * {@return the rate-limit headers, when at least one of them is present and a non-negative
   * integer}
   */
  public Optional<RateLimit> rateLimit() {
    long limit = number("x-ratelimit-limit");
    long remaining = number("x-ratelimit-remaining");
    long reset = number("x-ratelimit-reset");
    if (limit == RateLimit.ABSENT && remaining == RateLimit.ABSENT && reset == RateLimit.ABSENT) {
      return Optional.empty();
    }
    return Optional.of(new RateLimit(limit, remaining, reset));
  }

  private long number(String name) {
    Optional<String> v = header(name);
    if (v.isEmpty()) {
      return RateLimit.ABSENT;
    }
    try {
      long n = Long.parseLong(v.get().trim());
      return n < 0 ? RateLimit.ABSENT : n;
    } catch (NumberFormatException e) {
      return RateLimit.ABSENT;
    }
  }

  @Override
  public String toString() {
    return "RawResponse{statusCode="
        + statusCode
        + ", retries="
        + retries
        + ", requestId="
        + requestId().orElse(null)
        + '}';
  }
}
