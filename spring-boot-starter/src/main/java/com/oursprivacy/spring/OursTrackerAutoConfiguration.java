package com.oursprivacy.spring;

import com.oursprivacy.ingest.OursIngest;
import com.oursprivacy.ingest.Tracker;
import com.oursprivacy.ingest.TrackerConfig;
import com.oursprivacy.ingest.TrackerListener;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * A background {@link Tracker} from the {@link OursIngest} bean (the application's or {@link
 * OursPrivacyAutoConfiguration}'s), configured by {@code ours.privacy.tracker.*}, when there is no
 * {@code Tracker} bean yet and {@code ours.privacy.tracker.enabled} is not false.
 *
 * <p>Every {@link TrackerListener} bean receives the tracker's outcomes; {@link
 * TrackerConfigCustomizer} beans adjust its configuration. The tracker's JVM shutdown hook is
 * always off: {@link OursTrackerLifecycle} closes it after the web server has drained its requests.
 */
@AutoConfiguration(after = OursPrivacyAutoConfiguration.class)
@ConditionalOnClass(OursIngest.class)
@ConditionalOnBean(OursIngest.class)
@ConditionalOnMissingBean(Tracker.class)
@ConditionalOnProperty(
    prefix = OursPrivacyProperties.PREFIX,
    name = {"enabled", "tracker.enabled"},
    havingValue = "true",
    matchIfMissing = true)
@EnableConfigurationProperties(OursPrivacyProperties.class)
public class OursTrackerAutoConfiguration {
  /** Creates the auto-configuration; Spring does. */
  public OursTrackerAutoConfiguration() {}

  /**
   * The tracker's owner, which closes it when the application stops.
   *
   * @param ingest the client the tracker sends through
   * @param properties the bound {@code ours.privacy.*} properties
   * @param customizers applied in order after the properties
   * @param listeners every one receives each outcome
   * @return the lifecycle that owns the new tracker
   */
  @Bean
  public OursTrackerLifecycle oursPrivacyTrackerLifecycle(
      OursIngest ingest,
      OursPrivacyProperties properties,
      ObjectProvider<TrackerConfigCustomizer> customizers,
      ObjectProvider<TrackerListener> listeners) {
    OursPrivacyProperties.Tracker t = properties.getTracker();
    TrackerConfig.Builder b =
        ConfigProblem.build(
            () -> trackerConfig(t, listeners.orderedStream().collect(Collectors.toList())),
            "the tracker",
            "the ours.privacy.tracker.* properties");
    customizers.orderedStream().forEach(c -> c.customize(b));
    // Spring closes the tracker (OursTrackerLifecycle); a JVM hook would race the context's close.
    TrackerConfig config = b.shutdownHook(false).build();
    return new OursTrackerLifecycle(ingest.tracker(config), t.getShutdownTimeout());
  }

  /**
   * The tracker.
   *
   * @param lifecycle its owner
   * @return the tracker; closed by its owner, not as a bean of its own
   */
  @Bean(destroyMethod = "")
  public Tracker oursPrivacyTracker(OursTrackerLifecycle lifecycle) {
    return lifecycle.tracker();
  }

  private static TrackerConfig.Builder trackerConfig(
      OursPrivacyProperties.Tracker t, List<TrackerListener> listeners) {
    TrackerConfig.Builder b =
        TrackerConfig.builder()
            .capacity(t.getCapacity())
            .overflow(t.getOverflow())
            .blockTimeout(t.getBlockTimeout())
            .batching(t.isBatching())
            .batchSize(t.getBatchSize())
            .flushInterval(t.getFlushInterval())
            .threads(t.getThreads())
            .maxAttempts(t.getMaxAttempts())
            .maxAge(t.getMaxAge())
            .shutdownTimeout(t.getShutdownTimeout())
            .spoolFsync(t.getSpool().getFsync());
    if (t.getSpool().getPath() != null) {
      b.spool(t.getSpool().getPath());
    }
    if (listeners.size() == 1) {
      b.listener(listeners.get(0));
    } else if (!listeners.isEmpty()) {
      // The tracker logs and ignores what a listener throws, so one listener cannot starve the
      // others only if each is called on its own.
      b.listener(
          outcome -> {
            for (TrackerListener l : listeners) {
              try {
                l.onOutcome(outcome);
              } catch (RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(OursTrackerAutoConfiguration.class)
                    .warn("TrackerListener {} failed on {}", l, outcome.kind(), e);
              }
            }
          });
    }
    return b;
  }
}
