package com.oursprivacy.spring;

import com.oursprivacy.ingest.Tracker;
import com.oursprivacy.micrometer.OursObservability;
import com.oursprivacy.micrometer.OursTrackerMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;

/**
 * Metrics and traces through {@code ours-privacy-micrometer}, when it is on the class path (an
 * optional dependency of the starter: add it to use this) and the application has an {@link
 * ObservationRegistry} or a {@link MeterRegistry} bean, as Actuator's Micrometer auto-configuration
 * provides:
 *
 * <ul>
 *   <li>an {@link OursObservability} from those registries, unless the application declares one;
 *   <li>that bean, the application's or this one, as a listener of the {@code OursPrivacy} and
 *       {@code OursIngest} clients the starter builds (and so of their trackers' requests);
 *   <li>the {@link Tracker} bean's meters ({@link OursTrackerMetrics}), bound by Boot to every
 *       meter registry, unless the application declares an {@code OursTrackerMetrics} bean.
 * </ul>
 *
 * <p>{@code ours.privacy.observability.enabled=false} turns it off; {@code
 * ours.privacy.observability.propagate-trace-context=true} sends the calls' W3C {@code traceparent}
 * (off by default, see {@link OursObservability.Builder#propagateTraceContext}).
 */
@AutoConfiguration(
    after = {OursPrivacyAutoConfiguration.class, OursTrackerAutoConfiguration.class},
    afterName = {
      // Boot 3.5
      "org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration",
      "org.springframework.boot.actuate.autoconfigure.observation.ObservationAutoConfiguration",
      // Boot 4.0
      "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
      "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration"
    })
@ConditionalOnClass(
    name = {
      "com.oursprivacy.micrometer.OursObservability",
      "io.micrometer.core.instrument.MeterRegistry",
      "io.micrometer.observation.ObservationRegistry"
    })
@ConditionalOnProperty(
    prefix = OursPrivacyProperties.PREFIX,
    name = {"enabled", "observability.enabled"},
    havingValue = "true",
    matchIfMissing = true)
@EnableConfigurationProperties(OursPrivacyProperties.class)
public class OursObservabilityAutoConfiguration {
  /** Creates the auto-configuration; Spring does. */
  public OursObservabilityAutoConfiguration() {}

  /**
   * The listener: observations (timers, spans) in the observation registry, retry and tracker batch
   * meters in the meter registry.
   *
   * @param properties the bound {@code ours.privacy.*} properties
   * @param observations the observation registry, if there is one
   * @param meters the meter registry, if there is one
   * @return the listener
   */
  @Bean
  @ConditionalOnMissingBean
  @Conditional(OnRegistry.class)
  public OursObservability oursObservability(
      OursPrivacyProperties properties,
      ObjectProvider<ObservationRegistry> observations,
      ObjectProvider<MeterRegistry> meters) {
    OursObservability.Builder b =
        OursObservability.builder()
            .propagateTraceContext(properties.getObservability().isPropagateTraceContext());
    observations.ifUnique(b::observationRegistry);
    meters.ifUnique(b::meterRegistry);
    return b.build();
  }

  /**
   * Adds the {@link OursObservability} bean to the Platform API client the starter builds.
   *
   * @param observability the application's listener or {@link #oursObservability}'s, if any
   * @return the customizer
   */
  @Bean
  public OursPrivacyBuilderCustomizer oursPrivacyObservabilityCustomizer(
      ObjectProvider<OursObservability> observability) {
    return b -> observability.ifUnique(b::listener);
  }

  /**
   * Adds the {@link OursObservability} bean to the Ingest API client the starter builds, and so to
   * its tracker's requests.
   *
   * @param observability the application's listener or {@link #oursObservability}'s, if any
   * @return the customizer
   */
  @Bean
  public OursIngestBuilderCustomizer oursIngestObservabilityCustomizer(
      ObjectProvider<OursObservability> observability) {
    return b -> observability.ifUnique(b::listener);
  }

  /**
   * The tracker's meters ({@code ours.tracker.events}, {@code pending}, …); Boot binds every {@code
   * MeterBinder} bean to the meter registries.
   *
   * @param tracker the tracker bean
   * @return the binder
   */
  @Bean
  @ConditionalOnBean(MeterRegistry.class)
  @ConditionalOnSingleCandidate(Tracker.class)
  @ConditionalOnMissingBean
  public OursTrackerMetrics oursTrackerMetrics(Tracker tracker) {
    return new OursTrackerMetrics(tracker);
  }

  /** An observation registry or a meter registry bean, or both. */
  static final class OnRegistry extends AnyNestedCondition {
    OnRegistry() {
      super(ConfigurationPhase.REGISTER_BEAN);
    }

    @ConditionalOnBean(ObservationRegistry.class)
    static final class Observations {}

    @ConditionalOnBean(MeterRegistry.class)
    static final class Meters {}
  }
}
