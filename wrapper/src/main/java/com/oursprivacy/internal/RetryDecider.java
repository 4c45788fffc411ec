package com.oursprivacy.internal;

import com.oursprivacy.core.RetryPolicy;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import okhttp3.Headers;

/** Applies a {@link RetryPolicy} to one attempt's outcome: retry after a delay, or not (null). */
final class RetryDecider {
  private final RetryPolicy policy;
  private final Clock clock;

  RetryDecider(RetryPolicy policy, Clock clock) {
    this.policy = policy;
    this.clock = clock;
  }

  RetryPolicy policy() {
    return policy;
  }

  /**
   * The wait before retrying after HTTP {@code status}, or null when it must not be retried.
   *
   * @param retriesSoFar retries already made for this request
   * @param maxRetries the effective limit for this request
   */
  Duration afterStatus(
      String method, int status, Headers headers, int retriesSoFar, int maxRetries) {
    if (retriesSoFar >= maxRetries) {
      return null;
    }
    Optional<Duration> retryAfter = retryAfter(headers);
    boolean idempotent = policy.isIdempotent(method);
    boolean retryable;
    if (status == 429 || status == 408) {
      retryable = true;
    } else if (status == 503) {
      retryable = idempotent || retryAfter.isPresent();
    } else if (status == 409 || (status >= 500 && status <= 599)) {
      retryable = idempotent;
    } else {
      retryable = false;
    }
    if (!retryable) {
      return null;
    }
    if (retryAfter.isPresent()) {
      // A server asking for a longer wait than we are willing to block for gets its answer now.
      return retryAfter.get().compareTo(policy.maxRetryAfter()) <= 0 ? retryAfter.get() : null;
    }
    return computed(retriesSoFar + 1);
  }

  /**
   * The wait before retrying after an I/O failure, or null.
   *
   * @param sent whether the request may have reached the server
   */
  Duration afterFailure(String method, boolean sent, int retriesSoFar, int maxRetries) {
    if (retriesSoFar >= maxRetries || (sent && !policy.isIdempotent(method))) {
      return null;
    }
    return computed(retriesSoFar + 1);
  }

  private Duration computed(int retry) {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    return policy.backoff(retry, r.nextDouble(), r.nextDouble());
  }

  /** The server's requested wait, measured against the injected clock. */
  Optional<Duration> retryAfter(Headers headers) {
    return RetryAfter.parse(
        headers.get("retry-after-ms"), headers.get("retry-after"), clock.instant());
  }
}
