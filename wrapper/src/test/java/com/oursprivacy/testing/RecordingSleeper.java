package com.oursprivacy.testing;

import com.oursprivacy.core.Sleeper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;

/** Records every requested wait and returns at once, so back-off is asserted without sleeping. */
public final class RecordingSleeper implements Sleeper {
  private final List<Duration> delays = new ArrayList<>();

  @Override
  public synchronized void sleep(Duration delay) {
    delays.add(delay);
  }

  @Override
  public CompletableFuture<Void> sleepAsync(Duration delay, ScheduledExecutorService scheduler) {
    sleep(delay);
    return CompletableFuture.completedFuture(null);
  }

  public synchronized List<Duration> delays() {
    return List.copyOf(delays);
  }
}
