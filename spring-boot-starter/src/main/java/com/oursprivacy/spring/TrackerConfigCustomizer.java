package com.oursprivacy.spring;

import com.oursprivacy.ingest.TrackerConfig;

/**
 * Adjusts the tracker's configuration after the {@code ours.privacy.*} properties were applied and
 * before it is built. Declare any number as beans; they run in {@link
 * org.springframework.core.Ordered} order, so a setting a customizer makes wins over the property.
 *
 * <p>{@link OursPrivacyAutoConfiguration} applies them only to the beans it creates: a bean of the
 * same type the application declares itself is used as it is.
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
