package com.oursprivacy.core;

import com.oursprivacy.internal.HeaderRules;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Per-request overrides of the client's settings. Immutable and thread-safe; {@link #none()}
 * changes nothing.
 *
 * <pre>{@code
 * RequestOptions opts = RequestOptions.builder()
 *     .timeout(Duration.ofSeconds(5))
 *     .maxRetries(0)
 *     .header("X-Trace", "abc")
 *     .build();
 * }</pre>
 */
public final class RequestOptions {
  private static final RequestOptions NONE = new Builder().build();

  private final Duration timeout;
  private final Integer maxRetries;
  private final Map<String, String> headers;
  private final Map<String, String> queryParams;

  private RequestOptions(Builder b) {
    this.timeout = b.timeout;
    this.maxRetries = b.maxRetries;
    this.headers = Collections.unmodifiableMap(new LinkedHashMap<>(b.headers));
    this.queryParams = Collections.unmodifiableMap(new LinkedHashMap<>(b.queryParams));
  }

  /** {@return options that change nothing} */
  public static RequestOptions none() {
    return NONE;
  }

  /** {@return an empty builder} */
  public static Builder builder() {
    return new Builder();
  }

  /** {@return a builder holding these options} */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.timeout = timeout;
    b.maxRetries = maxRetries;
    b.headers.putAll(headers);
    b.queryParams.putAll(queryParams);
    return b;
  }

  /** {@return the whole-call timeout of each attempt, when overridden} */
  public Optional<Duration> timeout() {
    return Optional.ofNullable(timeout);
  }

  /** {@return the number of retries, when overridden} */
  public OptionalInt maxRetries() {
    return maxRetries == null ? OptionalInt.empty() : OptionalInt.of(maxRetries);
  }

  /**
   * {@return headers set on the request, replacing any of the same name; unmodifiable, in insertion
   * order}
   */
  public Map<String, String> headers() {
    return headers;
  }

  /** {@return query parameters set on the request, replacing any of the same name; unmodifiable} */
  public Map<String, String> queryParams() {
    return queryParams;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof RequestOptions)) {
      return false;
    }
    RequestOptions that = (RequestOptions) o;
    return Objects.equals(timeout, that.timeout)
        && Objects.equals(maxRetries, that.maxRetries)
        && headers.equals(that.headers)
        && queryParams.equals(that.queryParams);
  }

  @Override
  public int hashCode() {
    return Objects.hash(timeout, maxRetries, headers, queryParams);
  }

  /** Header values are left out: a caller may pass credentials through them. */
  @Override
  public String toString() {
    return "RequestOptions{timeout="
        + timeout
        + ", maxRetries="
        + maxRetries
        + ", headers="
        + headers.keySet()
        + ", queryParams="
        + queryParams.keySet()
        + '}';
  }

  /** Builds {@link RequestOptions}; not thread-safe. */
  public static final class Builder {
    private Duration timeout;
    private Integer maxRetries;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private final Map<String, String> queryParams = new LinkedHashMap<>();

    private Builder() {}

    /**
     * The whole-call timeout of each attempt (connect, send, wait, read); must be positive.
     *
     * @param timeout how long to wait at most
     * @return this builder
     */
    public Builder timeout(Duration timeout) {
      Objects.requireNonNull(timeout, "timeout == null");
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("timeout must be positive: " + timeout);
      }
      this.timeout = timeout;
      return this;
    }

    /**
     * Retries after the first attempt for this request; 0 disables retrying.
     *
     * @param maxRetries the retries after the first attempt for this request
     * @return this builder
     */
    public Builder maxRetries(int maxRetries) {
      if (maxRetries < 0) {
        throw new IllegalArgumentException("maxRetries < 0: " + maxRetries);
      }
      this.maxRetries = maxRetries;
      return this;
    }

    /**
     * Sets a header, replacing one of the same name (including the client's defaults).
     *
     * @param name the name
     * @param value the value
     * @return this builder
     * @throws com.oursprivacy.errors.OursValidationException when the name is not an HTTP token or
     *     the value holds a control character (CR, LF, …) or non-ASCII; the message gives the
     *     position, never the value
     */
    public Builder header(String name, String value) {
      Objects.requireNonNull(name, "name == null");
      Objects.requireNonNull(value, "value == null");
      HeaderRules.requireName("options.header", name);
      HeaderRules.requireValue("options.header(" + name + ")", value);
      headers.put(name, value);
      return this;
    }

    /**
     * Sets a query parameter, replacing one of the same name.
     *
     * @param name the name
     * @param value the value
     * @return this builder
     */
    public Builder queryParam(String name, String value) {
      queryParams.put(
          Objects.requireNonNull(name, "name == null"),
          Objects.requireNonNull(value, "value == null"));
      return this;
    }

    /** {@return the options} */
    public RequestOptions build() {
      return new RequestOptions(this);
    }
  }
}
