package com.oursprivacy.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.oursprivacy.OursPrivacy;
import com.oursprivacy.ingest.OursIngest;
import com.oursprivacy.ingest.Tracker;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ContextConsumer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Bad or missing configuration stops startup with advice naming the property to set. */
class OursPrivacyFailureAnalyzerTest {
  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(
              AutoConfigurations.of(
                  OursPrivacyAutoConfiguration.class, OursTrackerAutoConfiguration.class));

  private static ContextConsumer<AssertableApplicationContext> failsWith(
      String inDescription, String inAction) {
    return ctx -> {
      assertThat(ctx).hasFailed();
      FailureAnalysis a = new OursPrivacyFailureAnalyzer().analyze(ctx.getStartupFailure());
      assertThat(a).as("analysis of %s", ctx.getStartupFailure()).isNotNull();
      assertThat(a.getDescription()).contains(inDescription);
      assertThat(a.getAction()).contains(inAction);
    };
  }

  @Test
  void aComponentThatNeedsThePlatformClientWithoutAKeyIsToldToSetIt() {
    runner
        .withUserConfiguration(NeedsOurs.class)
        .run(failsWith("OursPrivacy bean", "ours.privacy.api-key"));
  }

  @Test
  void aComponentThatNeedsIngestOrTrackerWithoutATokenIsToldToSetOne() {
    runner
        .withUserConfiguration(NeedsIngest.class)
        .run(failsWith("OursIngest bean", "ours.privacy.ingest.test-token"));
    runner
        .withUserConfiguration(NeedsTracker.class)
        .run(failsWith("Tracker bean", "ours.privacy.ingest.token"));
  }

  @Test
  void testModeWithoutATestTokenNamesTheTestToken() {
    runner
        .withPropertyValues(
            "ours.privacy.ingest.token=live_secret_1", "ours.privacy.ingest.mode=test")
        .run(failsWith("ours.privacy.ingest.test-token", "ours.privacy.ingest.test-token"));
  }

  @Test
  void liveModeWithoutALiveTokenNamesTheToken() {
    runner
        .withPropertyValues(
            "ours.privacy.ingest.test-token=test_secret_1", "ours.privacy.ingest.mode=live")
        .run(failsWith("LIVE", "ours.privacy.ingest.token"));
  }

  @Test
  void requireTestModeMeetingALiveTokenNamesTheMode() {
    runner
        .withPropertyValues(
            "ours.privacy.ingest.token=live_secret_1", "ours.privacy.ingest.require-test-mode=true")
        .run(failsWith("require-test-mode", "ours.privacy.ingest.mode=test"));
  }

  @Test
  void whatTheSdkRefusesIsReportedWithoutTheSecret() {
    runner
        .withPropertyValues("ours.privacy.api-key=sk_secret\u0007key")
        .run(
            ctx -> {
              failsWith("ours.privacy.api-key", "ours.privacy.api-key").accept(ctx);
              FailureAnalysis a = new OursPrivacyFailureAnalyzer().analyze(ctx.getStartupFailure());
              assertThat(a.getDescription())
                  .contains("control character")
                  .doesNotContain("sk_secret");
            });
    runner
        .withPropertyValues("ours.privacy.api-key=k", "ours.privacy.base-url=ftp://example.com")
        .run(failsWith("ours.privacy.base-url", "ours.privacy.base-url"));
    runner
        .withPropertyValues("ours.privacy.ingest.test-token=t", "ours.privacy.tracker.max-age=30d")
        .run(failsWith("7 days", "ours.privacy.tracker"));
  }

  @Test
  void otherFailuresAreLeftToOtherAnalyzers() {
    assertThat(new OursPrivacyFailureAnalyzer().analyze(new IllegalStateException("x"))).isNull();
  }

  @Configuration(proxyBeanMethods = false)
  static class NeedsOurs {
    @Bean
    String usesOurs(OursPrivacy ours) {
      return ours.toString();
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class NeedsIngest {
    @Bean
    String usesIngest(OursIngest ingest) {
      return ingest.toString();
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class NeedsTracker {
    @Bean
    String usesTracker(Tracker tracker) {
      return tracker.toString();
    }
  }
}
