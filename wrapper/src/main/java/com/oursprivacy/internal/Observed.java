package com.oursprivacy.internal;

import com.oursprivacy.core.AttemptEnd;
import com.oursprivacy.core.AttemptStart;
import com.oursprivacy.core.CallEnd;
import com.oursprivacy.core.CallInfo;
import com.oursprivacy.core.RetryDecision;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * One observed call's state for its {@link Listeners}: made only when the client has listeners, so
 * an unobserved {@link Exchange} carries a null reference and nothing more. Attempts never overlap
 * (see {@link Exchange}); only {@link #end} may race (a cancelled future against the last attempt),
 * and it reports once.
 */
final class Observed {
  final Listeners listeners;
  final CallInfo info;
  private final long startNanos = System.nanoTime();
  private final AtomicBoolean ended = new AtomicBoolean();
  private volatile int attempts;
  private volatile int lastStatus;
  private volatile long attemptStartNanos;
  private @Nullable String retryReason;

  Observed(Listeners listeners, CallInfo info) {
    this.listeners = listeners;
    this.info = info;
  }

  void attemptStart(int attempt) {
    attempts = attempt;
    attemptStartNanos = System.nanoTime();
    listeners.attemptStart(new AttemptStart(info, attempt));
  }

  /** Set by {@link Exchange} when it decides to retry, reported by {@link #attemptEnd}. */
  void retryReason(String reason) {
    retryReason = reason;
  }

  /** Reports the attempt's end and, when {@code retryDelay} is set, the retry decision. */
  void attemptEnd(
      int attempt, int status, @Nullable Throwable exception, @Nullable Duration retryDelay) {
    if (status != 0) {
      lastStatus = status;
    }
    listeners.attemptEnd(
        new AttemptEnd(
            info,
            attempt,
            status,
            exception,
            Duration.ofNanos(System.nanoTime() - attemptStartNanos)));
    if (retryDelay != null) {
      String reason = retryReason;
      retryReason = null;
      listeners.retry(
          new RetryDecision(info, attempt, reason == null ? "unknown" : reason, retryDelay));
    }
  }

  /** Reports the call's end, once. */
  void end(@Nullable Throwable failure) {
    if (ended.compareAndSet(false, true)) {
      listeners.callEnd(
          new CallEnd(
              info,
              lastStatus,
              attempts,
              Duration.ofNanos(System.nanoTime() - startNanos),
              failure));
    }
  }
}
