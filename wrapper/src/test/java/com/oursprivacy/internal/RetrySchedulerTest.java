package com.oursprivacy.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.oursprivacy.core.Sleeper;
import com.oursprivacy.errors.OursIoException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.Test;

/** The retry scheduler is made on the first retry delay, reused, and shut down with the core. */
class RetrySchedulerTest {
  /** Completes every delay at once and records the scheduler it was handed. */
  private static final class RecordingSleeper implements Sleeper {
    final List<ScheduledExecutorService> schedulers = new ArrayList<>();

    @Override
    public void sleep(Duration delay) {}

    @Override
    public CompletableFuture<Void> sleepAsync(Duration delay, ScheduledExecutorService scheduler) {
      schedulers.add(scheduler);
      return CompletableFuture.completedFuture(null);
    }
  }

  private static ClientCore core(Sleeper sleeper) {
    return ClientCore.builder().baseUrl("http://127.0.0.1:1/").sleeper(sleeper).build();
  }

  @Test
  void noSchedulerUntilTheFirstRetryDelayThenTheSameOne() {
    RecordingSleeper sleeper = new RecordingSleeper();
    try (ClientCore core = core(sleeper)) {
      assertThat(core.schedulerIfMade()).isNull();

      assertThat(core.delay(Duration.ofMillis(1))).isCompleted();
      ScheduledExecutorService first = core.schedulerIfMade();
      assertThat(first).isNotNull();
      core.delay(Duration.ofMillis(1));

      assertThat(sleeper.schedulers).containsExactly(first, first);
      assertThat(core.schedulerIfMade()).isSameAs(first);
    }
  }

  @Test
  void closingTheCoreShutsItsSchedulerDown() {
    ClientCore core = core(new RecordingSleeper());
    core.delay(Duration.ofMillis(1));
    ScheduledExecutorService scheduler = core.schedulerIfMade();
    assertThat(scheduler.isShutdown()).isFalse();

    core.close();

    assertThat(scheduler.isShutdown()).isTrue();
  }

  @Test
  void aDelayAfterCloseFailsAndMakesNoScheduler() {
    RecordingSleeper sleeper = new RecordingSleeper();
    ClientCore core = core(sleeper);
    core.close();

    CompletableFuture<Void> d = core.delay(Duration.ofMillis(1));

    assertThat(d).isCompletedExceptionally();
    assertThat(d.handle((v, e) -> e).join()).isInstanceOf(OursIoException.class);
    assertThat(core.schedulerIfMade()).isNull();
    assertThat(sleeper.schedulers).isEmpty();
  }

  @Test
  void closingACoreThatNeverRetriedMakesNoScheduler() {
    ClientCore core = core(new RecordingSleeper());
    core.close();
    assertThat(core.schedulerIfMade()).isNull();
  }
}
