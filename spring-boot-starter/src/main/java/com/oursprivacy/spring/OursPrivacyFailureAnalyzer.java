package com.oursprivacy.spring;

import com.oursprivacy.OursPrivacy;
import com.oursprivacy.ingest.OursIngest;
import com.oursprivacy.ingest.Tracker;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.NoSuchBeanDefinitionException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.Ordered;
import org.springframework.core.ResolvableType;

/**
 * Turns a startup failure caused by missing or refused Ours Privacy settings into advice that names
 * the property to set: a component needs an {@code OursPrivacy}, {@code OursIngest} or {@code
 * Tracker} bean that was not created because no API key or token is configured, or the SDK refused
 * a setting. Ordered before Boot's generic "no bean of type" analysis. Registered in {@code
 * META-INF/spring.factories}.
 */
final class OursPrivacyFailureAnalyzer implements FailureAnalyzer, Ordered {
  @Override
  public @Nullable FailureAnalysis analyze(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof ConfigProblem p) {
        return new FailureAnalysis(
            "Ours Privacy is misconfigured (" + p.property() + "): " + p.getMessage(),
            p.action(),
            p);
      }
      if (t instanceof NoSuchBeanDefinitionException e) {
        FailureAnalysis a = missingBean(e);
        if (a != null) {
          return a;
        }
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return null;
  }

  private static @Nullable FailureAnalysis missingBean(NoSuchBeanDefinitionException e) {
    ResolvableType type = e.getResolvableType();
    Class<?> c = type == null ? e.getBeanType() : type.resolve();
    if (c == OursPrivacy.class) {
      return new FailureAnalysis(
          "A component needs an OursPrivacy bean (the Platform API client), but none was created:"
              + " no API key is configured.",
          "Set the property ours.privacy.api-key (or the environment variable"
              + " OURS_PRIVACY_API_KEY), or declare an OursPrivacy bean.",
          e);
    }
    if (c == OursIngest.class) {
      return new FailureAnalysis(
          "A component needs an OursIngest bean (the Ingest API client), but none was created:"
              + " no ingest token is configured.",
          "Set the property ours.privacy.ingest.token (live) or ours.privacy.ingest.test-token"
              + " (test), or the environment variable OURS_PRIVACY_INGEST_TOKEN or"
              + " OURS_PRIVACY_INGEST_TEST_TOKEN, or declare an OursIngest bean.",
          e);
    }
    if (c == Tracker.class) {
      return new FailureAnalysis(
          "A component needs a Tracker bean, but none was created: it needs an OursIngest bean"
              + " (an ingest token) and ours.privacy.tracker.enabled not false.",
          "Set the property ours.privacy.ingest.token or ours.privacy.ingest.test-token (or the"
              + " environment variable OURS_PRIVACY_INGEST_TOKEN or"
              + " OURS_PRIVACY_INGEST_TEST_TOKEN), and leave ours.privacy.tracker.enabled unset"
              + " or true.",
          e);
    }
    return null;
  }

  @Override
  public int getOrder() {
    return Ordered.HIGHEST_PRECEDENCE;
  }
}
