package com.oursprivacy.internal;

import com.oursprivacy.core.RawResponse;
import com.oursprivacy.errors.OursException;
import java.time.Duration;

/** What one attempt led to: a response, a final failure, or a retry after a delay. */
final class Step<T> {
  final RawResponse<T> response;
  final OursException failure;
  final Duration retryDelay;

  private Step(RawResponse<T> response, OursException failure, Duration retryDelay) {
    this.response = response;
    this.failure = failure;
    this.retryDelay = retryDelay;
  }

  static <T> Step<T> done(RawResponse<T> response) {
    return new Step<>(response, null, null);
  }

  static <T> Step<T> fail(OursException failure) {
    return new Step<>(null, failure, null);
  }

  static <T> Step<T> retry(Duration delay) {
    return new Step<>(null, null, delay);
  }
}
