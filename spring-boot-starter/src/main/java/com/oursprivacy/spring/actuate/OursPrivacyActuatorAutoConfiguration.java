package com.oursprivacy.spring.actuate;

import com.oursprivacy.ingest.OursIngest;
import com.oursprivacy.ingest.Tracker;
import com.oursprivacy.spring.OursPrivacyAutoConfiguration;
import com.oursprivacy.spring.OursPrivacyProperties;
import com.oursprivacy.spring.OursTrackerAutoConfiguration;
import com.oursprivacy.spring.OursTrackerLifecycle;
import java.util.Locale;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Actuator support, on Boot 3 and Boot 4 alike: a health indicator {@code oursPrivacy} for the
 * tracker (state, pending, failures, drops, spool use), an info contributor (SDK version, ingest
 * mode) and a sanitizing function that masks the API key and ingest tokens in {@code /actuator/env}
 * and {@code /actuator/configprops} however they were set (property, system property or environment
 * variable), also with {@code show-values=always}.
 *
 * <p>{@code management.health.ours-privacy.enabled=false} turns the health indicator off; {@code
 * management.info.ours-privacy.enabled=false} the info contributor.
 */
@AutoConfiguration(after = {OursPrivacyAutoConfiguration.class, OursTrackerAutoConfiguration.class})
@ConditionalOnClass(name = "org.springframework.boot.actuate.info.InfoContributor")
@ConditionalOnProperty(
    prefix = OursPrivacyProperties.PREFIX,
    name = "enabled",
    havingValue = "true",
    matchIfMissing = true)
public class OursPrivacyActuatorAutoConfiguration {
  /**
   * The secret properties, normalized (lower case; dots, dashes and underscores dropped): {@code
   * ours.privacy.api-key}, {@code ours.privacy.ingest.token}, {@code
   * ours.privacy.ingest.test-token} in every spelling Spring binds.
   */
  private static final Set<String> SECRETS =
      Set.of("oursprivacyapikey", "oursprivacyingesttoken", "oursprivacyingesttesttoken");

  /** Creates the auto-configuration; Spring does. */
  public OursPrivacyActuatorAutoConfiguration() {}

  /**
   * Masks the API key and tokens in the env and configprops endpoints.
   *
   * @return the function Boot's endpoints apply to every value they show
   */
  @Bean
  @ConditionalOnMissingBean(name = "oursPrivacySanitizingFunction")
  public SanitizingFunction oursPrivacySanitizingFunction() {
    return data -> isSecret(data) ? data.withSanitizedValue() : data;
  }

  static boolean isSecret(SanitizableData data) {
    return SECRETS.contains(normalize(data.getKey()));
  }

  static String normalize(String key) {
    StringBuilder sb = new StringBuilder(key.length());
    for (char c : key.toLowerCase(Locale.ROOT).toCharArray()) {
      if (c != '.' && c != '-' && c != '_') {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  /**
   * SDK version and ingest mode in {@code /actuator/info}.
   *
   * @param ingest the ingest client, when there is one
   * @return the contributor
   */
  @Bean
  @ConditionalOnMissingBean(name = "oursPrivacyInfoContributor")
  @ConditionalOnProperty(
      prefix = "management.info.ours-privacy",
      name = "enabled",
      havingValue = "true",
      matchIfMissing = true)
  public InfoContributor oursPrivacyInfoContributor(ObjectProvider<OursIngest> ingest) {
    return new OursPrivacyInfoContributor(ingest.getIfUnique());
  }

  /** The health indicator on Boot 3. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "org.springframework.boot.actuate.health.HealthIndicator")
  @ConditionalOnBean(Tracker.class)
  @ConditionalOnProperty(
      prefix = "management.health.ours-privacy",
      name = "enabled",
      havingValue = "true",
      matchIfMissing = true)
  static class Boot3Health {
    @Bean
    @ConditionalOnMissingBean(name = "oursPrivacyHealthIndicator")
    org.springframework.boot.actuate.health.HealthIndicator oursPrivacyHealthIndicator(
        Tracker tracker, ObjectProvider<OursTrackerLifecycle> lifecycle) {
      return new Boot3TrackerHealthIndicator(new TrackerHealth(tracker, lifecycle.getIfUnique()));
    }
  }

  /** The health indicator on Boot 4 (the health API moved to spring-boot-health). */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
  @ConditionalOnBean(Tracker.class)
  @ConditionalOnProperty(
      prefix = "management.health.ours-privacy",
      name = "enabled",
      havingValue = "true",
      matchIfMissing = true)
  static class Boot4Health {
    @Bean
    @ConditionalOnMissingBean(name = "oursPrivacyHealthIndicator")
    org.springframework.boot.health.contributor.HealthIndicator oursPrivacyHealthIndicator(
        Tracker tracker, ObjectProvider<OursTrackerLifecycle> lifecycle) {
      return new Boot4TrackerHealthIndicator(new TrackerHealth(tracker, lifecycle.getIfUnique()));
    }
  }
}
