package com.oursprivacy.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.oursprivacy.ingest.Event;
import com.oursprivacy.ingest.Outcome;
import com.oursprivacy.ingest.Tracker;
import com.oursprivacy.ingest.TrackerListener;
import com.oursprivacy.sandbox.OursSandbox;
import com.oursprivacy.sandbox.RecordedEvent;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The tracker drains when the context closes, and what comes later is reported, not lost. */
class OursTrackerLifecycleTest {
  private final OursSandbox sandbox = OursSandbox.start();
  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(
              AutoConfigurations.of(
                  OursPrivacyAutoConfiguration.class, OursTrackerAutoConfiguration.class))
          .withPropertyValues(SandboxTokens.properties(sandbox));

  @AfterEach
  void stop() {
    sandbox.close();
  }

  @Test
  void closingTheContextDeliversEveryTrackedEventOnceAndDropsLaterOnes() {
    Outcomes.seen.clear();
    AtomicReference<Tracker> tracker = new AtomicReference<>();
    runner
        .withUserConfiguration(Outcomes.class)
        .withPropertyValues(
            "ours.privacy.tracker.flush-interval=1h") // the last batch waits for the close
        .run(
            ctx -> {
              tracker.set(ctx.getBean(Tracker.class));
              for (int i = 0; i < 250; i++) {
                assertThat(tracker.get().track(Event.named("e" + i).userId("u" + i))).isTrue();
              }
            }); // the runner closes the context here
    List<RecordedEvent> got = sandbox.ingest().testEvents();
    assertThat(got).hasSize(250);
    assertThat(got.stream().map(RecordedEvent::distinctId).distinct()).hasSize(250);
    assertThat(sandbox.ingest().duplicates()).isZero();

    assertThat(tracker.get().track(Event.named("late").userId("u"))).isFalse();
    assertThat(Outcomes.seen.stream().map(Outcome::kind).collect(Collectors.toList()))
        .containsOnly(Outcome.Kind.SENT, Outcome.Kind.DROPPED)
        .filteredOn(k -> k == Outcome.Kind.DROPPED)
        .hasSize(1);
    assertThat(tracker.get().stats().dropped()).isEqualTo(1);
  }

  @Test
  void theTrackerStopsAfterTheWebServerAndPlainLifecycleBeans() {
    runner.run(
        ctx -> {
          OursTrackerLifecycle l = ctx.getBean(OursTrackerLifecycle.class);
          assertThat(l.isAutoStartup()).isTrue();
          assertThat(l.isRunning()).isTrue();
          // Boot 3.5 and 4.0: graceful shutdown DEFAULT_PHASE - 1024, web server - 2048.
          assertThat(l.getPhase()).isLessThan(SmartLifecycle.DEFAULT_PHASE - 2048).isNegative();
        });
  }

  @Test
  void aFailedStartStillClosesTheTracker() {
    Failing.lifecycle.set(null);
    runner
        .withUserConfiguration(Failing.class)
        .run(
            ctx -> {
              assertThat(ctx).hasFailed();
              assertThat(Failing.lifecycle.get().isClosed()).isTrue();
              assertThat(Failing.lifecycle.get().closeReport().completed()).isTrue();
            });
  }

  @Configuration(proxyBeanMethods = false)
  static class Outcomes {
    static final List<Outcome> seen = new CopyOnWriteArrayList<>();

    @Bean
    TrackerListener recorder() {
      return seen::add;
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class Failing {
    static final AtomicReference<OursTrackerLifecycle> lifecycle = new AtomicReference<>();

    @Bean
    String fails(OursTrackerLifecycle l) {
      lifecycle.set(l);
      throw new IllegalStateException("the application fails to start");
    }
  }
}
