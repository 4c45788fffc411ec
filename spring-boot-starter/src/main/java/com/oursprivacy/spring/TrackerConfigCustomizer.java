package com.oursprivacy.spring;

import com.oursprivacy.ingest.TrackerConfig;

/**
 * Adjusts the tracker's configuration after the {@code ours.privacy.tracker.*} properties were
 * applied and before it is built. Declare any number as beans; they run in {@link
 * org.springframework.core.Ordered} order, so a setting a customizer makes wins over the property.
 *
 * <p>{@link OursTrackerAutoConfiguration} applies them only to the tracker it creates. The JVM
 * shutdown hook stays off whatever a customizer sets: {@link OursTrackerLifecycle} closes the
 * tracker with the application context.
 */
@FunctionalInterface
public interface TrackerConfigCustomizer {
  /**
   * Changes the builder in place.
   *
   * @param builder the tracker's configuration, with the properties already applied
   */
  void customize(TrackerConfig.Builder builder);
}
