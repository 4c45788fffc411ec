package com.oursprivacy.errors;

import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The server answered with a non-2xx status. Carries the status, the error body's {@code error}
 * and {@code details} (or {@code message}) fields, the response headers and the raw body.
 *
 * <p>Create one with {@link #of}, which picks the subclass for the status.
 */
public class OursApiException extends OursException {
  private static final long serialVersionUID = 1L;

  /** @serial the HTTP status */
  private final int statusCode;
  /** @serial the body's {@code error} field, or null */
  private final String error;
  /** @serial the body's {@code details} or {@code message} field, or null */
  private final String details;
  private final transient Map<String, List<String>> headers;
  /** @serial the body as received */
  private final String rawBody;

  /** For subclasses; use {@link #of} to create one. */
  protected OursApiException(
      int statusCode, @Nullable String error, @Nullable String details, Map<String, List<String>> headers,
      @Nullable String rawBody) {
    super(message(statusCode, error, details));
    this.statusCode = statusCode;
    this.error = error;
    this.details = details;
    TreeMap<String, List<String>> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    if (headers != null) {
      headers.forEach((k, v) -> h.put(k, List.copyOf(v)));
    }
    this.headers = Collections.unmodifiableMap(h);
    this.rawBody = rawBody == null ? "" : rawBody;
  }

  /**
   * The exception for {@code statusCode}: {@link BadRequestException} for 400, … {@link
   * InternalServerException} for any 5xx, {@link UnexpectedStatusCodeException} otherwise.
   *
   * @param error the body's {@code error} field, or null
   * @param details the body's {@code details} (or {@code message}) field, or null
   * @param headers response headers (copied; looked up case-insensitively)
   * @param rawBody the body as received, or null
   */
  public static OursApiException of(
      int statusCode, @Nullable String error, @Nullable String details, Map<String, List<String>> headers,
      @Nullable String rawBody) {
    switch (statusCode) {
      case 400:
        return new BadRequestException(error, details, headers, rawBody);
      case 401:
        return new UnauthorizedException(error, details, headers, rawBody);
      case 403:
        return new PermissionDeniedException(error, details, headers, rawBody);
      case 404:
        return new NotFoundException(error, details, headers, rawBody);
      case 409:
        return new ConflictException(error, details, headers, rawBody);
      case 422:
        return new UnprocessableEntityException(error, details, headers, rawBody);
      case 429:
        return new RateLimitException(error, details, headers, rawBody);
      default:
        if (statusCode >= 500 && statusCode <= 599) {
          return new InternalServerException(statusCode, error, details, headers, rawBody);
        }
        return new UnexpectedStatusCodeException(statusCode, error, details, headers, rawBody);
    }
  }

  private static String message(int status, String error, String details) {
    StringBuilder sb = new StringBuilder().append(status);
    if (error != null && !error.isEmpty()) {
      sb.append(": ").append(error);
    }
    if (details != null && !details.isEmpty()) {
      sb.append(" (").append(details).append(')');
    }
    return sb.toString();
  }

  /** The HTTP status code. */
  public int statusCode() {
    return statusCode;
  }

  /** The error body's {@code error} field, when the body had one. */
  public Optional<String> error() {
    return Optional.ofNullable(error);
  }

  /** The error body's {@code details} (or {@code message}) field, when the body had one. */
  public Optional<String> details() {
    return Optional.ofNullable(details);
  }

  /** Response headers, keys case-insensitive, unmodifiable. */
  public Map<String, List<String>> headers() {
    return headers == null ? Map.of() : headers;
  }

  /** The first value of response header {@code name} (case-insensitive). */
  public Optional<String> header(String name) {
    List<String> v = headers().get(name.toLowerCase(Locale.ROOT));
    return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v.get(0));
  }

  /**
   * The wait the server asked for, from {@code retry-after-ms}, else {@code Retry-After} (seconds
   * or an HTTP date, relative to now); empty when neither is present or parseable. Set on 429s,
   * and on 503s that say when to come back.
   */
  public Optional<java.time.Duration> retryAfter() {
    return com.oursprivacy.internal.RetryAfter.parse(
        header("retry-after-ms").orElse(null), header("retry-after").orElse(null), java.time.Instant.now());
  }

  /** The response body exactly as received; empty when there was none. */
  public String rawBody() {
    return rawBody;
  }
}
