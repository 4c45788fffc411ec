package com.oursprivacy.spring;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Whether a credential is configured. Relaxed binding reads it from properties, system properties
 * ({@code ours.privacy.apiKey}) and environment variables ({@code OURS_PRIVACY_API_KEY}) alike, the
 * same places the SDK's builders look; blank counts as unset, as in the SDK.
 */
final class SecretConditions {
  private SecretConditions() {}

  static boolean hasText(@Nullable String s) {
    return s != null && !s.isBlank();
  }

  static boolean isSet(Environment env, String property) {
    return hasText(Binder.get(env).bind(property, String.class).orElse(null));
  }

  /** {@code ours.privacy.api-key} is set. */
  static final class ApiKey extends SpringBootCondition {
    @Override
    public ConditionOutcome getMatchOutcome(
        ConditionContext context, AnnotatedTypeMetadata metadata) {
      return isSet(context.getEnvironment(), "ours.privacy.api-key")
          ? ConditionOutcome.match("ours.privacy.api-key is set")
          : ConditionOutcome.noMatch("ours.privacy.api-key is not set");
    }
  }

  /** {@code ours.privacy.ingest.token} or {@code ours.privacy.ingest.test-token} is set. */
  static final class IngestToken extends SpringBootCondition {
    @Override
    public ConditionOutcome getMatchOutcome(
        ConditionContext context, AnnotatedTypeMetadata metadata) {
      Environment env = context.getEnvironment();
      return isSet(env, "ours.privacy.ingest.token") || isSet(env, "ours.privacy.ingest.test-token")
          ? ConditionOutcome.match("an ingest token is set")
          : ConditionOutcome.noMatch(
              "neither ours.privacy.ingest.token nor ours.privacy.ingest.test-token is set");
    }
  }
}
