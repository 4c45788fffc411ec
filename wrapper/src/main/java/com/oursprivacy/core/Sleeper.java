package com.oursprivacy.core;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Waits between retries. The client uses {@link #system()}; tests inject one that records the
 * requested delays and returns at once, so back-off can be asserted without sleeping.
 *
 * <p>Implementations must be thread-safe.
 */
public interface Sleeper {

  /**
   * Blocks the calling thread for {@code delay} (used by synchronous calls).
   *
   * @param delay how long to wait
   * @throws InterruptedException when the thread is interrupted while waiting
   */
  void sleep(Duration delay) throws InterruptedException;

  /**
   * Returns a future completed after {@code delay}, without blocking any thread while waiting (used
   * by asynchronous calls). The default schedules completion on {@code scheduler}.
   *
   * @param delay how long to wait
   * @return a future completed after {@code delay}, without blocking any thread while waiting (used
   *     by asynchronous calls)
   * @param scheduler the client's scheduler; may reject work once the client is closed
   */
  default CompletableFuture<Void> sleepAsync(Duration delay, ScheduledExecutorService scheduler) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    scheduler.schedule(() -> done.complete(null), delay.toNanos(), TimeUnit.NANOSECONDS);
    return done;
  }

  /** {@return the real thing: {@link Thread#sleep} and a scheduled completion} */
  static Sleeper system() {
    return delay -> {
      long nanos = delay.toNanos();
      if (nanos > 0) {
        TimeUnit.NANOSECONDS.sleep(nanos);
      }
    };
  }
}
