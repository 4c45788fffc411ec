package com.oursprivacy.core;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * When a failed request is sent again, and how long the client waits first. Immutable and
 * thread-safe.
 *
 * <h2>What is retried</h2>
 *
 * <p>A request is retried only while attempts remain ({@link #maxRetries()}) and only when a repeat
 * cannot do harm. "Idempotent" methods are those in {@link #idempotentMethods()} (by default {@code
 * GET HEAD OPTIONS PUT DELETE}); {@code POST} and {@code PATCH} are not, because a {@code POST}
 * create that reached the server may already have created the resource, and a retry would create a
 * second one.
 *
 * <table>
 *   <caption>Retry decisions</caption>
 *   <tr><th>outcome of an attempt</th><th>idempotent method</th><th>POST, PATCH</th><th>why</th></tr>
 *   <tr><td>could not connect (refused, DNS, connect timeout)</td><td>retry</td><td>retry</td>
 *       <td>no byte of the request left the client</td></tr>
 *   <tr><td>429 Too Many Requests</td><td>retry</td><td>retry</td>
 *       <td>the server rejected the request without acting on it</td></tr>
 *   <tr><td>408 Request Timeout</td><td>retry</td><td>retry</td>
 *       <td>the server gave up receiving the request, so did not act on it</td></tr>
 *   <tr><td>503 with {@code Retry-After} or {@code retry-after-ms}</td><td>retry</td><td>retry</td>
 *       <td>the server says it is unavailable and when to come back</td></tr>
 *   <tr><td>409 Conflict</td><td>retry</td><td>no</td>
 *       <td>may be a transient lock; for a create it usually means "already exists"</td></tr>
 *   <tr><td>other 5xx</td><td>retry</td><td>no</td><td>the server may have acted before failing</td></tr>
 *   <tr><td>connection lost or read timeout after sending; truncated body</td><td>retry</td><td>no</td>
 *       <td>the server may have acted</td></tr>
 *   <tr><td>any other status (2xx, 400, 401, 403, 404, 422 …)</td><td>no</td><td>no</td>
 *       <td>repeating gives the same answer</td></tr>
 * </table>
 *
 * <h2>How long to wait</h2>
 *
 * <p>When the response carries {@code retry-after-ms} (milliseconds) or {@code Retry-After}
 * (seconds or an HTTP date), the client waits exactly that long, provided it is at most {@link
 * #maxRetryAfter()}; a longer requested wait is not retried at all (the caller gets the {@link
 * com.oursprivacy.errors.RateLimitException} and its {@code retryAfter()}). Otherwise retry {@code
 * n} (1-based) waits
 *
 * <pre>
 *   base  = min(maxDelay, initialDelay * multiplier^(n-1))
 *   delay = base * (1 - jitter * r1) + extraJitterMin + (extraJitterMax - extraJitterMin) * r2
 * </pre>
 *
 * <p>with {@code r1, r2} uniform in [0, 1). With the defaults (0.5 s, ×2, 8 s cap, jitter 0.25, no
 * extra jitter) retries 1, 2, 3, 4, 5 wait 0.375–0.5 s, 0.75–1 s, 1.5–2 s, 3–4 s, 6–8 s.
 */
public final class RetryPolicy {
  private static final RetryPolicy DEFAULTS = builder().build();

  // The Ingest API's documented back-off; POST is repeatable there, every body carries distinctIds.
  private static final RetryPolicy INGEST =
      builder()
          .initialDelay(Duration.ofSeconds(2))
          .maxDelay(Duration.ofSeconds(60))
          .multiplier(2)
          .jitter(0)
          .extraJitter(Duration.ofSeconds(1), Duration.ofSeconds(5))
          .idempotentMethods(Set.of("GET", "HEAD", "OPTIONS", "PUT", "DELETE", "POST"))
          .build();

  private final int maxRetries;
  private final Duration initialDelay;
  private final Duration maxDelay;
  private final double multiplier;
  private final double jitter;
  private final Duration extraJitterMin;
  private final Duration extraJitterMax;
  private final Duration maxRetryAfter;
  private final Set<String> idempotentMethods;

  private RetryPolicy(Builder b) {
    this.maxRetries = b.maxRetries;
    this.initialDelay = b.initialDelay;
    this.maxDelay = b.maxDelay;
    this.multiplier = b.multiplier;
    this.jitter = b.jitter;
    this.extraJitterMin = b.extraJitterMin;
    this.extraJitterMax = b.extraJitterMax;
    this.maxRetryAfter = b.maxRetryAfter;
    this.idempotentMethods = Set.copyOf(b.idempotentMethods);
  }

  /**
   * {@return the platform client's policy: 2 retries, 0.5 s doubling to 8 s, jitter 0.25,
   * Retry-After up to 60 s}
   */
  public static RetryPolicy defaults() {
    return DEFAULTS;
  }

  /**
   * {@return the Ingest API's documented back-off, which {@code OursIngest}, its trackers and the
   * Kafka Connect sink use: 2 retries, 2 s doubling to 60 s plus 1-5 s of extra jitter, Retry-After
   * up to 60 s, POST retried like the idempotent methods (every ingest body carries its
   * distinctIds, so a repeat is deduplicated)}
   */
  public static RetryPolicy ingestDefaults() {
    return INGEST;
  }

  /** {@return a builder starting from {@link #defaults()}' values} */
  public static Builder builder() {
    return new Builder();
  }

  /** {@return a builder holding this policy's values} */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** {@return retries after the first attempt; 0 disables retrying} */
  public int maxRetries() {
    return maxRetries;
  }

  /** {@return upper-case HTTP methods that are safe to repeat after the server may have acted} */
  public Set<String> idempotentMethods() {
    return idempotentMethods;
  }

  /**
   * {@return whether {@code method} (any case) may be repeated after the server may have acted}
   *
   * @param method the method
   */
  public boolean isIdempotent(String method) {
    return idempotentMethods.contains(method.toUpperCase(Locale.ROOT));
  }

  /** {@return the longest server-requested wait that is still honoured by retrying} */
  public Duration maxRetryAfter() {
    return maxRetryAfter;
  }

  /**
   * The computed wait before retry {@code retry} (1-based) when the server did not say how long to
   * wait; see the class documentation for the formula.
   *
   * @param retry the retry
   * @return the computed wait before retry {@code retry} (1-based) when the server did not say how
   *     long to wait; see the class documentation for the formula
   * @param r1 uniform random in [0, 1) for the proportional jitter
   * @param r2 uniform random in [0, 1) for the extra jitter
   */
  public Duration backoff(int retry, double r1, double r2) {
    if (retry < 1) {
      throw new IllegalArgumentException("retry must be >= 1: " + retry);
    }
    double base =
        Math.min(
            (double) maxDelay.toNanos(), initialDelay.toNanos() * Math.pow(multiplier, retry - 1));
    double extraRange = extraJitterMax.toNanos() - extraJitterMin.toNanos();
    double nanos = base * (1 - jitter * r1) + extraJitterMin.toNanos() + extraRange * r2;
    return Duration.ofNanos((long) nanos);
  }

  @Override
  public String toString() {
    return "RetryPolicy{maxRetries="
        + maxRetries
        + ", initialDelay="
        + initialDelay
        + ", maxDelay="
        + maxDelay
        + ", multiplier="
        + multiplier
        + ", jitter="
        + jitter
        + ", extraJitter="
        + extraJitterMin
        + ".."
        + extraJitterMax
        + ", maxRetryAfter="
        + maxRetryAfter
        + ", idempotentMethods="
        + new TreeSet<>(idempotentMethods)
        + '}';
  }

  /** Builds a {@link RetryPolicy}; not thread-safe. */
  public static final class Builder {
    private int maxRetries = 2;
    private Duration initialDelay = Duration.ofMillis(500);
    private Duration maxDelay = Duration.ofSeconds(8);
    private double multiplier = 2.0;
    private double jitter = 0.25;
    private Duration extraJitterMin = Duration.ZERO;
    private Duration extraJitterMax = Duration.ZERO;
    private Duration maxRetryAfter = Duration.ofSeconds(60);
    private Set<String> idempotentMethods = Set.of("GET", "HEAD", "OPTIONS", "PUT", "DELETE");

    private Builder() {}

    private Builder(RetryPolicy p) {
      maxRetries = p.maxRetries;
      initialDelay = p.initialDelay;
      maxDelay = p.maxDelay;
      multiplier = p.multiplier;
      jitter = p.jitter;
      extraJitterMin = p.extraJitterMin;
      extraJitterMax = p.extraJitterMax;
      maxRetryAfter = p.maxRetryAfter;
      idempotentMethods = p.idempotentMethods;
    }

    /**
     * Retries after the first attempt (default 2); 0 disables retrying.
     *
     * @param maxRetries the retries after the first attempt
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
     * The first computed wait (default 0.5 s).
     *
     * @param initialDelay the initial delay
     * @return this builder
     */
    public Builder initialDelay(Duration initialDelay) {
      this.initialDelay = nonNegative(initialDelay, "initialDelay");
      return this;
    }

    /**
     * The cap on the exponential part of the computed wait (default 8 s).
     *
     * @param maxDelay the max delay
     * @return this builder
     */
    public Builder maxDelay(Duration maxDelay) {
      this.maxDelay = nonNegative(maxDelay, "maxDelay");
      return this;
    }

    /**
     * The growth factor per retry (default 2, must be at least 1).
     *
     * @param multiplier the growth factor per retry
     * @return this builder
     */
    public Builder multiplier(double multiplier) {
      if (!(multiplier >= 1.0)) {
        throw new IllegalArgumentException("multiplier must be >= 1: " + multiplier);
      }
      this.multiplier = multiplier;
      return this;
    }

    /**
     * The fraction (0–1, default 0.25) by which a computed wait is randomly shortened.
     *
     * @param jitter the jitter
     * @return this builder
     */
    public Builder jitter(double jitter) {
      if (!(jitter >= 0.0 && jitter <= 1.0)) {
        throw new IllegalArgumentException("jitter must be in [0, 1]: " + jitter);
      }
      this.jitter = jitter;
      return this;
    }

    /**
     * A random extra wait in [min, max) added to each computed wait (default none).
     *
     * @param min the min
     * @param max the max
     * @return this builder
     */
    public Builder extraJitter(Duration min, Duration max) {
      nonNegative(min, "min");
      nonNegative(max, "max");
      if (max.compareTo(min) < 0) {
        throw new IllegalArgumentException("extraJitter max < min");
      }
      this.extraJitterMin = min;
      this.extraJitterMax = max;
      return this;
    }

    /**
     * The longest {@code Retry-After} still honoured by retrying (default 60 s).
     *
     * @param maxRetryAfter the max retry after
     * @return this builder
     */
    public Builder maxRetryAfter(Duration maxRetryAfter) {
      this.maxRetryAfter = nonNegative(maxRetryAfter, "maxRetryAfter");
      return this;
    }

    /**
     * Methods safe to repeat after the server may have acted (default {@code GET HEAD OPTIONS PUT
     * DELETE}). Add {@code POST} only for APIs that deduplicate, such as ingest rows carrying a
     * {@code distinctId}.
     *
     * @param methods the methods
     * @return this builder
     */
    public Builder idempotentMethods(Set<String> methods) {
      Objects.requireNonNull(methods, "methods == null");
      Set<String> upper = new TreeSet<>();
      for (String m : methods) {
        upper.add(Objects.requireNonNull(m, "method == null").toUpperCase(Locale.ROOT));
      }
      this.idempotentMethods = upper;
      return this;
    }

    /** {@return the policy} */
    public RetryPolicy build() {
      return new RetryPolicy(this);
    }

    private static Duration nonNegative(Duration d, String name) {
      Objects.requireNonNull(d, name + " == null");
      if (d.isNegative()) {
        throw new IllegalArgumentException(name + " is negative: " + d);
      }
      return d;
    }
  }
}
