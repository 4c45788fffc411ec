package com.oursprivacy.spring;

import com.oursprivacy.OursPrivacy;

/**
 * Adjusts the Platform API client's builder after the {@code ours.privacy.*} properties were
 * applied and before it is built. Declare any number as beans; they run in {@link
 * org.springframework.core.Ordered} order, so a setting a customizer makes wins over the property.
 *
 * <p>{@link OursPrivacyAutoConfiguration} applies them only to the beans it creates: a bean of the
 * same type the application declares itself is used as it is.
 */
@FunctionalInterface
public interface OursPrivacyBuilderCustomizer {
  /**
   * Changes the builder in place.
   *
   * @param builder the Platform API client's builder, with the properties already applied
   */
  void customize(OursPrivacy.Builder builder);
}
