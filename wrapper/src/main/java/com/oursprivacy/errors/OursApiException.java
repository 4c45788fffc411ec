package com.oursprivacy.errors;

import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The server answered with a non-2xx status. Carries the status, the error body's {@code error} and
 * {@code details} (or {@code message}) fields, the response headers and the raw body.
 *
 * <p>{@link #rawBody()} and {@link #headers()} are redacted the same way as the SDK's logs
 * (credential headers, secret JSON members such as {@code token} or {@code apiKey}, the client's
 * own API key or token wherever echoed), because exceptions end up in logs and error trackers.
 * {@link #unredactedRawBody()} gives the body exactly as received. None of the three is serialized:
 * a deserialized exception keeps the status, {@code error}, {@code details} and message, and has an
 * empty body and no headers.
 *
 * <p>Create one with {@link #of}, which picks the subclass for the status.
 */
public class OursApiException extends OursException {
  private static final long serialVersionUID = 1L;

  /**
   * @serial the HTTP status
   */
  private final int statusCode;

  /**
   * @serial the body's {@code error} field, or null
   */
  private final String error;

  /**
   * @serial the body's {@code details} or {@code message} field, or null
   */
  private final String details;

  private final transient Map<String, List<String>> headers;
  private final transient String rawBody;
  private final transient String unredactedRawBody;

  /**
   * For subclasses; use {@link #of} to create one.
   *
   * @param statusCode the HTTP status code
   * @param error the {@code error} member of the response body, or {@code null}
   * @param details the {@code details} member of the response body, or {@code null}
   * @param headers the response headers (secrets redacted)
   * @param rawBody the response body as received (secrets redacted)
   */
  protected OursApiException(
      int statusCode,
      @Nullable String error,
      @Nullable String details,
      Map<String, List<String>> headers,
      @Nullable String rawBody) {
    this(statusCode, error, details, headers, rawBody, rawBody);
  }

  /**
   * For subclasses; use {@link #of} to create one.
   *
   * @param statusCode the HTTP status code
   * @param error the {@code error} member of the response body, or {@code null}
   * @param details the {@code details} member of the response body, or {@code null}
   * @param headers the response headers (secrets redacted)
   * @param rawBody the body as {@link #rawBody()} shows it (redacted)
   * @param unredactedRawBody the body as received
   */
  protected OursApiException(
      int statusCode,
      @Nullable String error,
      @Nullable String details,
      Map<String, List<String>> headers,
      @Nullable String rawBody,
      @Nullable String unredactedRawBody) {
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
    this.unredactedRawBody = unredactedRawBody == null ? this.rawBody : unredactedRawBody;
  }

  /**
   * The exception for {@code statusCode}: {@link BadRequestException} for 400, … {@link
   * InternalServerException} for any 5xx, {@link UnexpectedStatusCodeException} otherwise.
   *
   * @param statusCode the HTTP status code
   * @return the exception for {@code statusCode}: {@link BadRequestException} for 400, … {@link
   *     InternalServerException} for any 5xx, {@link UnexpectedStatusCodeException} otherwise
   * @param error the body's {@code error} field, or null
   * @param details the body's {@code details} (or {@code message}) field, or null
   * @param headers response headers (copied; looked up case-insensitively)
   * @param rawBody the body, or null; {@link #rawBody()} and {@link #unredactedRawBody()} both
   *     return it as given
   */
  public static OursApiException of(
      int statusCode,
      @Nullable String error,
      @Nullable String details,
      Map<String, List<String>> headers,
      @Nullable String rawBody) {
    return of(statusCode, error, details, headers, rawBody, rawBody);
  }

  /**
   * Like {@link #of(int, String, String, Map, String)}, with the redacted body (what {@link
   * #rawBody()} returns) and the body as received (what {@link #unredactedRawBody()} returns) given
   * separately; {@code headers} should already be redacted.
   *
   * @param statusCode the HTTP status code
   * @param error the {@code error} member of the response body, or {@code null}
   * @param details the {@code details} member of the response body, or {@code null}
   * @param headers the response headers (secrets redacted)
   * @param rawBody the response body as received (secrets redacted)
   * @param unredactedRawBody the unredacted raw body
   * @return like {@link #of(int, String, String, Map, String)}, with the redacted body (what {@link
   *     #rawBody()} returns) and the body as received (what {@link #unredactedRawBody()} returns)
   *     given separately; {@code headers} should already be redacted
   * @since 0.1.0
   */
  public static OursApiException of(
      int statusCode,
      @Nullable String error,
      @Nullable String details,
      Map<String, List<String>> headers,
      @Nullable String rawBody,
      @Nullable String unredactedRawBody) {
    String b = rawBody;
    String u = unredactedRawBody;
    if (statusCode >= 300 && statusCode <= 399) {
      return new RedirectException(statusCode, error, details, headers, b, u);
    }
    switch (statusCode) {
      case 400:
        return new BadRequestException(error, details, headers, b, u);
      case 401:
        return new UnauthorizedException(error, details, headers, b, u);
      case 403:
        return new PermissionDeniedException(error, details, headers, b, u);
      case 404:
        return new NotFoundException(error, details, headers, b, u);
      case 409:
        return new ConflictException(error, details, headers, b, u);
      case 422:
        return new UnprocessableEntityException(error, details, headers, b, u);
      case 429:
        return new RateLimitException(error, details, headers, b, u);
      default:
        if (statusCode >= 500 && statusCode <= 599) {
          return new InternalServerException(statusCode, error, details, headers, b, u);
        }
        return new UnexpectedStatusCodeException(statusCode, error, details, headers, b, u);
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

  /** {@return the HTTP status code} */
  public int statusCode() {
    return statusCode;
  }

  /** {@return the error body's {@code error} field, when the body had one} */
  public Optional<String> error() {
    return Optional.ofNullable(error);
  }

  /**
   * {@return the error body's {@code details} (or {@code message}) field, when the body had one}
   */
  public Optional<String> details() {
    return Optional.ofNullable(details);
  }

  /**
   * {@return response headers, keys case-insensitive, unmodifiable; credential headers ({@code
   * Set-Cookie}, …) masked and a {@code Location}'s userinfo removed} Empty after deserialization.
   */
  public Map<String, List<String>> headers() {
    return headers == null ? Map.of() : headers;
  }

  /**
   * {@return the first value of response header {@code name} (case-insensitive)}
   *
   * @param name the name
   */
  public Optional<String> header(String name) {
    List<String> v = headers().get(name.toLowerCase(Locale.ROOT));
    return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v.get(0));
  }

  /**
   * {@return the wait the server asked for, from {@code retry-after-ms}, else {@code Retry-After}
   * (seconds or an HTTP date, relative to now); empty when neither is present or parseable} Set on
   * 429s, and on 503s that say when to come back.
   */
  public Optional<java.time.Duration> retryAfter() {
    return com.oursprivacy.internal.RetryAfter.parse(
        header("retry-after-ms").orElse(null),
        header("retry-after").orElse(null),
        java.time.Instant.now());
  }

  /**
   * {@return the response body, redacted like the SDK's log lines (secret JSON members and the
   * client's own credentials masked); empty when there was none, and after deserialization}
   */
  public String rawBody() {
    return rawBody == null ? "" : rawBody;
  }

  /**
   * The response body exactly as received, server echoes of API keys and tokens included: do not
   * log it. Empty when there was none, and after deserialization.
   *
   * @return the response body exactly as received, server echoes of API keys and tokens included:
   *     do not log it
   * @since 0.1.0
   */
  public String unredactedRawBody() {
    return unredactedRawBody == null ? "" : unredactedRawBody;
  }
}
