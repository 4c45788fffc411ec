package com.oursprivacy.ingest;

import com.oursprivacy.lowlevel.ingest.model.BatchResult;
import java.time.Duration;
import java.util.List;

/** What one HTTP attempt produced, reduced to what the tracker decides on. Never holds a token. */
final class Reply {
  /** The HTTP status; 0 when no response arrived (connection refused or reset, timeout). */
  final int status;

  /** Per-row results of /batch, or null when the body had none. */
  final List<BatchResult> results;

  /** The server's Retry-After, or null. */
  final Duration retryAfter;

  /** A short description for listeners, e.g. {@code HTTP 429} or {@code connection reset}. */
  final String error;

  Reply(int status, List<BatchResult> results, Duration retryAfter, String error) {
    this.status = status;
    this.results = results;
    this.retryAfter = retryAfter;
    this.error = error;
  }

  static Reply ok(int status, List<BatchResult> results) {
    return new Reply(status, results, null, null);
  }

  static Reply network(String error) {
    return new Reply(0, null, null, error);
  }

  boolean isSuccess() {
    return status >= 200 && status < 300;
  }

  /** 429, 408, 5xx and network errors: worth the back-off and another attempt. */
  boolean isTransient() {
    return status == 0 || status == 408 || status == 429 || status >= 500;
  }
}
