package com.oursprivacy.spring;

import com.oursprivacy.OursPrivacy;
import com.oursprivacy.core.ClientBuilder;
import com.oursprivacy.errors.OursValidationException;
import com.oursprivacy.ingest.Mode;
import com.oursprivacy.ingest.OursIngest;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;

/**
 * The Ours Privacy clients as beans, from the {@code ours.privacy.*} properties ({@link
 * OursPrivacyProperties}):
 *
 * <ul>
 *   <li>an {@link OursPrivacy} when {@code ours.privacy.api-key} is set (or {@code
 *       OURS_PRIVACY_API_KEY});
 *   <li>an {@link OursIngest} when {@code ours.privacy.ingest.token} or {@code test-token} is set
 *       (or {@code OURS_PRIVACY_INGEST_TOKEN} / {@code OURS_PRIVACY_INGEST_TEST_TOKEN});
 *   <li>the tracker: see {@link OursTrackerAutoConfiguration}.
 * </ul>
 *
 * <p>A bean of the same type the application declares wins; {@link OursPrivacyBuilderCustomizer}
 * and {@link OursIngestBuilderCustomizer} beans adjust what the properties cannot express (a proxy,
 * a shared {@code OkHttpClient}, a retry policy). {@code ours.privacy.enabled=false} turns all of
 * it off. A setting the SDK refuses stops startup with the property to fix.
 */
@AutoConfiguration
@ConditionalOnClass(OursPrivacy.class)
@ConditionalOnProperty(
    prefix = OursPrivacyProperties.PREFIX,
    name = "enabled",
    havingValue = "true",
    matchIfMissing = true)
@EnableConfigurationProperties(OursPrivacyProperties.class)
public class OursPrivacyAutoConfiguration {
  private static final String INGEST_PROPERTIES = "the ours.privacy.ingest.* properties";

  /** Creates the auto-configuration; Spring does. */
  public OursPrivacyAutoConfiguration() {}

  /**
   * The Platform REST API client.
   *
   * @param properties the bound {@code ours.privacy.*} properties
   * @param customizers applied in order after the properties
   * @return the client; Spring closes it with the context
   */
  @Bean
  @ConditionalOnMissingBean
  @Conditional(SecretConditions.ApiKey.class)
  public OursPrivacy oursPrivacy(
      OursPrivacyProperties properties, ObjectProvider<OursPrivacyBuilderCustomizer> customizers) {
    OursPrivacy.Builder b =
        http(OursPrivacy.builder(), properties)
            .apiKey(properties.getApiKey())
            .baseUrl(properties.getBaseUrl())
            .maxRetries(properties.getMaxRetries());
    if (properties.getLogLevel() != null) {
      b.logLevel(properties.getLogLevel());
    }
    customizers.orderedStream().forEach(c -> c.customize(b));
    return ConfigProblem.build(
        b::build,
        "the Platform API client",
        "ours.privacy.api-key, ours.privacy.base-url and the ours.privacy.* HTTP settings");
  }

  /**
   * The Ingest API client.
   *
   * @param properties the bound {@code ours.privacy.*} properties
   * @param customizers applied in order after the properties
   * @return the client; Spring closes it with the context
   */
  @Bean
  @ConditionalOnMissingBean
  @Conditional(SecretConditions.IngestToken.class)
  public OursIngest oursIngest(
      OursPrivacyProperties properties, ObjectProvider<OursIngestBuilderCustomizer> customizers) {
    OursPrivacyProperties.Ingest in = properties.getIngest();
    OursIngest.Builder b =
        http(OursIngest.builder(), properties)
            .token(in.getToken())
            .testToken(in.getTestToken())
            .baseUrl(in.getBaseUrl())
            .maxRetries(in.getMaxRetries());
    if (in.getMode() != null) {
      b.mode(in.getMode());
    }
    if (in.isRequireTestMode()) {
      b.requireTestMode();
    }
    if (properties.getLogLevel() != null) {
      b.logLevel(properties.getLogLevel());
    }
    customizers.orderedStream().forEach(c -> c.customize(b));
    try {
      return b.build();
    } catch (IllegalStateException e) {
      // Mode and tokens: name the Spring property, not the builder method, system property and
      // environment variable the SDK's message names. Only after the SDK refused, so a token a
      // customizer supplies counts.
      explainMode(in, e);
      throw ConfigProblem.refused(e, "the Ingest API client", INGEST_PROPERTIES);
    } catch (IllegalArgumentException | OursValidationException e) {
      throw ConfigProblem.refused(e, "the Ingest API client", INGEST_PROPERTIES);
    }
  }

  /** Throws a {@link ConfigProblem} naming the property when the properties explain {@code e}. */
  private static void explainMode(OursPrivacyProperties.Ingest in, IllegalStateException e) {
    boolean live = SecretConditions.hasText(in.getToken());
    boolean test = SecretConditions.hasText(in.getTestToken());
    Mode mode = in.getMode() != null ? in.getMode() : (live ? Mode.LIVE : Mode.TEST);
    if (in.isRequireTestMode() && mode != Mode.TEST) {
      throw new ConfigProblem(
          "ours.privacy.ingest.mode",
          "ours.privacy.ingest.require-test-mode is true but the ingest mode is LIVE"
              + (in.getMode() == null ? " (a live token is set and no mode is)" : ""),
          "Set ours.privacy.ingest.mode=test and ours.privacy.ingest.test-token, or remove"
              + " ours.privacy.ingest.require-test-mode.",
          e);
    }
    if (mode == Mode.TEST && !test) {
      throw new ConfigProblem(
          "ours.privacy.ingest.test-token",
          "the ingest mode is TEST but no test token is set (the live token is never sent in test"
              + " mode)",
          "Set ours.privacy.ingest.test-token (or the environment variable"
              + " OURS_PRIVACY_INGEST_TEST_TOKEN).",
          e);
    }
    if (mode == Mode.LIVE && !live) {
      throw new ConfigProblem(
          "ours.privacy.ingest.token",
          "the ingest mode is LIVE but no live token is set",
          "Set ours.privacy.ingest.token (or the environment variable OURS_PRIVACY_INGEST_TOKEN),"
              + " or ours.privacy.ingest.mode=test.",
          e);
    }
  }

  /** The HTTP settings both builders share. */
  static <B extends ClientBuilder<B>> B http(B b, OursPrivacyProperties p) {
    return b.connectTimeout(p.getConnectTimeout())
        .readTimeout(p.getReadTimeout())
        .callTimeout(p.getCallTimeout())
        .maxResponseBytes(p.getMaxResponseBytes().toBytes());
  }
}
