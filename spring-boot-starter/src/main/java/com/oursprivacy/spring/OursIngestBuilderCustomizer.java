package com.oursprivacy.spring;

import com.oursprivacy.ingest.OursIngest;

/**
 * Adjusts the Ingest API client's builder after the {@code ours.privacy.*} properties were applied
 * and before it is built. Declare any number as beans; they run in {@link
 * org.springframework.core.Ordered} order, so a setting a customizer makes wins over the property.
 *
 * <p>{@link OursPrivacyAutoConfiguration} applies them only to the beans it creates: a bean of the
 * same type the application declares itself is used as it is.
 */
@FunctionalInterface
public interface OursIngestBuilderCustomizer {
  /**
   * Changes the builder in place.
   *
   * @param builder the Ingest API client's builder, with the properties already applied
   */
  void customize(OursIngest.Builder builder);
}
