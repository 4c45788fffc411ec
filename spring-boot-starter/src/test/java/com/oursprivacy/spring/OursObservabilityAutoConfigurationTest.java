package com.oursprivacy.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.oursprivacy.OursPrivacy;
import com.oursprivacy.ingest.Event;
import com.oursprivacy.ingest.OursIngest;
import com.oursprivacy.ingest.Tracker;
import com.oursprivacy.micrometer.OursObservability;
import com.oursprivacy.micrometer.OursTrackerMetrics;
import com.oursprivacy.resources.DestinationListParams;
import com.oursprivacy.sandbox.OursSandbox;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.ClassUtils;

/**
 * Metrics through ours-privacy-micrometer when Boot's Micrometer auto-configuration provides the
 * registries, against the sandbox; on Boot 3.5 here and on Boot 4.0 in spring-boot-starter-boot4.
 */
class OursObservabilityAutoConfigurationTest {
  private final OursSandbox sandbox = OursSandbox.start();

  /** The clients against the sandbox, without any registry. */
  private final ApplicationContextRunner clients =
      new ApplicationContextRunner()
          .withConfiguration(
              AutoConfigurations.of(
                  OursPrivacyAutoConfiguration.class,
                  OursTrackerAutoConfiguration.class,
                  OursObservabilityAutoConfiguration.class))
          .withPropertyValues(SandboxTokens.properties(sandbox));

  /** The same with Boot's Micrometer auto-configuration: a meter and an observation registry. */
  private final ApplicationContextRunner withActuator =
      clients.withConfiguration(AutoConfigurations.of(bootMicrometerAutoConfigurations()));

  @AfterEach
  void stop() {
    sandbox.close();
  }

  @Test
  void actuatorsRegistriesObserveBothClientsAndTheTracker() {
    withActuator.run(
        ctx -> {
          assertThat(ctx).hasNotFailed().hasSingleBean(OursObservability.class);
          assertThat(ctx).hasSingleBean(OursTrackerMetrics.class);
          assertThat(ctx.getBean(OursObservability.class).propagatesTraceContext()).isFalse();
          MeterRegistry meters = ctx.getBean(MeterRegistry.class);

          listDestinations(ctx);
          assertThat(
                  meters
                      .get("ours.client.requests")
                      .tags("ours.api", "platform", "ours.operation", "destinations.list")
                      .tags("status", "200", "outcome", "SUCCESS")
                      .timer()
                      .count())
              .isEqualTo(1);

          Tracker tracker = ctx.getBean(Tracker.class);
          assertThat(tracker.track(Event.named("Signup").userId("u1"))).isTrue();
          tracker.flush(Duration.ofSeconds(60));
          // The tracker's requests go through the observed ingest client ...
          assertThat(
                  meters
                      .get("ours.client.requests")
                      .tags("ours.api", "ingest", "status", "200")
                      .timer()
                      .count())
              .isPositive();
          assertThat(
                  meters.get(OursObservability.BATCHES).tag("result", "accepted").timer().count())
              .isPositive();
          // ... and its meters read its stats.
          assertThat(
                  meters
                      .get(OursTrackerMetrics.EVENTS)
                      .tag("outcome", "sent")
                      .functionCounter()
                      .count())
              .isEqualTo(1);
          assertThat(meters.get(OursTrackerMetrics.PENDING).gauge().value()).isZero();
          assertThat(sandbox.ingest().testEvents()).hasSize(1);
        });
  }

  @Test
  void withoutTheModuleOnTheClassPathTheClientsAreUnobserved() {
    withActuator
        .withClassLoader(new FilteredClassLoader(OursObservability.class))
        .run(
            ctx -> {
              assertThat(ctx).hasNotFailed().hasSingleBean(OursPrivacy.class);
              assertThat(ctx).hasSingleBean(OursIngest.class).hasSingleBean(Tracker.class);
              assertThat(ctx).doesNotHaveBean("oursObservability");
              assertThat(ctx).doesNotHaveBean("oursTrackerMetrics");
              assertThat(ctx).doesNotHaveBean("oursPrivacyObservabilityCustomizer");
              assertThat(ctx).doesNotHaveBean("oursIngestObservabilityCustomizer");
              listDestinations(ctx);
              assertThat(ctx.getBean(MeterRegistry.class).find("ours.client.requests").meters())
                  .isEmpty();
            });
  }

  @Test
  void withoutRegistriesThereIsNothingToReportTo() {
    clients.run(
        ctx -> {
          assertThat(ctx).hasNotFailed().hasSingleBean(OursPrivacy.class);
          assertThat(ctx).doesNotHaveBean(OursObservability.class);
          assertThat(ctx).doesNotHaveBean(OursTrackerMetrics.class);
          listDestinations(ctx); // the customizers find no listener to add
        });
  }

  @Test
  void aMeterRegistryAloneGetsTimersAndTrackerMeters() {
    clients
        .withUserConfiguration(OwnMeterRegistry.class)
        .run(
            ctx -> {
              assertThat(ctx).hasNotFailed().hasSingleBean(OursObservability.class);
              assertThat(ctx).hasSingleBean(OursTrackerMetrics.class);
              listDestinations(ctx);
              MeterRegistry meters = ctx.getBean(MeterRegistry.class);
              assertThat(
                      meters
                          .get("ours.client.requests")
                          .tag("ours.operation", "destinations.list")
                          .timer()
                          .count())
                  .isEqualTo(1);
              // Without Boot's MeterRegistryPostProcessor nobody binds MeterBinder beans.
              ctx.getBean(OursTrackerMetrics.class).bindTo(meters);
              assertThat(meters.get(OursTrackerMetrics.QUEUE_CAPACITY).gauge().value())
                  .isEqualTo(10_000);
            });
  }

  @Test
  void anObservationRegistryAloneGetsAnObservationPerCall() {
    clients
        .withUserConfiguration(OwnObservationRegistry.class)
        .run(
            ctx -> {
              assertThat(ctx).hasNotFailed().hasSingleBean(OursObservability.class);
              assertThat(ctx).doesNotHaveBean(OursTrackerMetrics.class);
              listDestinations(ctx);
              assertThat(ctx.getBean(OwnObservationRegistry.class).stopped)
                  .containsExactly("ours.client.requests");
            });
  }

  @Test
  void thePropertyTurnsItOff() {
    withActuator
        .withPropertyValues("ours.privacy.observability.enabled=false")
        .run(
            ctx -> {
              assertThat(ctx).hasNotFailed().hasSingleBean(OursPrivacy.class);
              assertThat(ctx).doesNotHaveBean(OursObservability.class);
              assertThat(ctx).doesNotHaveBean(OursTrackerMetrics.class);
              listDestinations(ctx);
              assertThat(ctx.getBean(MeterRegistry.class).find("ours.client.requests").meters())
                  .isEmpty();
            });
  }

  @Test
  void traceContextPropagationIsAProperty() {
    withActuator
        .withPropertyValues("ours.privacy.observability.propagate-trace-context=true")
        .run(
            ctx ->
                assertThat(ctx.getBean(OursObservability.class).propagatesTraceContext()).isTrue());
  }

  @Test
  void theApplicationsOwnObservabilityWinsAndIsWired() {
    withActuator
        .withUserConfiguration(OwnObservability.class)
        .run(
            ctx -> {
              assertThat(ctx).hasNotFailed().hasSingleBean(OursObservability.class);
              assertThat(ctx.getBean(OursObservability.class))
                  .isSameAs(ctx.getBean(OwnObservability.class).observability);
              listDestinations(ctx);
              assertThat(
                      ctx.getBean(OwnObservability.class)
                          .meters
                          .get("ours.client.requests")
                          .tag("ours.operation", "destinations.list")
                          .timer()
                          .count())
                  .isEqualTo(1);
              // Boot's registry gets no second timer: only the application's listener is added.
              assertThat(ctx.getBean(MeterRegistry.class).find("ours.client.requests").meters())
                  .isEmpty();
            });
  }

  private static void listDestinations(AssertableApplicationContext ctx) {
    ctx.getBean(OursPrivacy.class)
        .destinations()
        .list(DestinationListParams.builder().build())
        .firstPage();
  }

  /**
   * Boot's Micrometer auto-configurations, which Actuator brings: in {@code
   * org.springframework.boot.actuate.autoconfigure} on Boot 3, in their own modules on Boot 4.
   */
  static Class<?>[] bootMicrometerAutoConfigurations() {
    boolean boot4 =
        ClassUtils.isPresent(
            "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
            null);
    String metrics =
        boot4
            ? "org.springframework.boot.micrometer.metrics.autoconfigure."
            : "org.springframework.boot.actuate.autoconfigure.metrics.";
    String observation =
        boot4
            ? "org.springframework.boot.micrometer.observation.autoconfigure."
            : "org.springframework.boot.actuate.autoconfigure.observation.";
    return Stream.of(
            metrics + "MetricsAutoConfiguration",
            metrics + "CompositeMeterRegistryAutoConfiguration",
            metrics + "export.simple.SimpleMetricsExportAutoConfiguration",
            observation + "ObservationAutoConfiguration")
        .map(name -> ClassUtils.resolveClassName(name, null))
        .toArray(Class<?>[]::new);
  }

  @Configuration(proxyBeanMethods = false)
  static class OwnMeterRegistry {
    @Bean
    SimpleMeterRegistry meterRegistry() {
      return new SimpleMeterRegistry();
    }
  }

  /** An observation registry that records the names of the observations stopped in it. */
  @Configuration(proxyBeanMethods = false)
  static class OwnObservationRegistry {
    final List<String> stopped = new CopyOnWriteArrayList<>();

    @Bean
    ObservationRegistry observationRegistry() {
      ObservationRegistry registry = ObservationRegistry.create();
      registry
          .observationConfig()
          .observationHandler(
              new ObservationHandler<Observation.Context>() {
                @Override
                public void onStop(Observation.Context context) {
                  stopped.add(context.getName());
                }

                @Override
                public boolean supportsContext(Observation.Context context) {
                  return true;
                }
              });
      return registry;
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class OwnObservability {
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final OursObservability observability = OursObservability.of(meters);

    @Bean
    OursObservability myObservability() {
      return observability;
    }
  }
}
