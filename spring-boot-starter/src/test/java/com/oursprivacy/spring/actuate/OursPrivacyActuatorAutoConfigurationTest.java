package com.oursprivacy.spring.actuate;

import static org.assertj.core.api.Assertions.assertThat;

import com.oursprivacy.ingest.Event;
import com.oursprivacy.ingest.Tracker;
import com.oursprivacy.spring.OursPrivacyAutoConfiguration;
import com.oursprivacy.spring.OursTrackerAutoConfiguration;
import com.oursprivacy.spring.OursTrackerLifecycle;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.MapPropertySource;

/**
 * Health, info and secret masking, the same assertions on Boot 3 and Boot 4 (whose health types
 * live in another package, so the indicator is reached by bean name).
 */
class OursPrivacyActuatorAutoConfigurationTest {
  private static final String TOKEN = "tok_secret_for_tests";

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(
              AutoConfigurations.of(
                  OursPrivacyAutoConfiguration.class,
                  OursTrackerAutoConfiguration.class,
                  OursPrivacyActuatorAutoConfiguration.class));

  @SuppressWarnings("unchecked") // the details maps the SDK's starter builds
  private static Map<String, Object> map(Object o) {
    return (Map<String, Object>) o;
  }

  private static Map<String, Object> health(Object indicator, StringBuilder status)
      throws ReflectiveOperationException {
    Method m = indicator.getClass().getMethod("health");
    m.setAccessible(true);
    Object h = m.invoke(indicator);
    Method s = h.getClass().getMethod("getStatus");
    status.append(s.invoke(h));
    return map(h.getClass().getMethod("getDetails").invoke(h));
  }

  @Test
  void healthReportsTheTrackerWithoutSecrets(@TempDir Path spool) {
    runner
        .withPropertyValues(
            "ours.privacy.ingest.test-token=" + TOKEN,
            // nothing listens there: the event stays pending (retrying) until the close
            "ours.privacy.ingest.base-url=http://127.0.0.1:9",
            "ours.privacy.tracker.shutdown-timeout=0s",
            "ours.privacy.tracker.spool.path=" + spool)
        .run(
            ctx -> {
              Tracker tracker = ctx.getBean(Tracker.class);
              assertThat(tracker.track(Event.named("a").userId("u"))).isTrue();
              StringBuilder status = new StringBuilder();
              Map<String, Object> d = health(ctx.getBean("oursPrivacyHealthIndicator"), status);
              assertThat(status.toString()).isEqualTo("UP");
              assertThat(d)
                  .containsEntry("state", "running")
                  .containsEntry("mode", "TEST")
                  .containsEntry("pending", 1L)
                  .containsEntry("queued", 1L)
                  .containsEntry("dropped", 0L)
                  .containsEntry("failed", 0L)
                  .containsEntry("capacity", 10_000)
                  .containsKeys("sent", "abandoned", "retried");
              assertThat(map(d.get("spool")))
                  .containsEntry("enabled", true)
                  .containsEntry("path", spool.toString());
              // the event is on disk before track returns
              assertThat(((Number) map(d.get("spool")).get("bytes")).longValue()).isPositive();
              assertThat(d.toString()).doesNotContain(TOKEN);

              ctx.getBean(OursTrackerLifecycle.class).stop();
              assertThat(tracker.track(Event.named("b").userId("u"))).isFalse();
              status.setLength(0);
              d = health(ctx.getBean("oursPrivacyHealthIndicator"), status);
              assertThat(status.toString()).isEqualTo("OUT_OF_SERVICE");
              assertThat(d)
                  .containsEntry("state", "closed")
                  .containsEntry("pending", 0L)
                  .containsEntry("abandoned", 1L)
                  .containsEntry("dropped", 1L);
            });
  }

  @Test
  void noTrackerNoHealthIndicatorAndItCanBeSwitchedOff() {
    runner.run(ctx -> assertThat(ctx).doesNotHaveBean("oursPrivacyHealthIndicator"));
    runner
        .withPropertyValues(
            "ours.privacy.ingest.test-token=" + TOKEN,
            "management.health.ours-privacy.enabled=false")
        .run(ctx -> assertThat(ctx).doesNotHaveBean("oursPrivacyHealthIndicator"));
  }

  @Test
  void infoGivesTheIngestModeAndVersions() {
    runner
        .withPropertyValues("ours.privacy.ingest.test-token=" + TOKEN)
        .run(
            ctx -> {
              Info.Builder b = new Info.Builder();
              ctx.getBean("oursPrivacyInfoContributor", InfoContributor.class).contribute(b);
              Map<String, Object> d = map(b.build().getDetails().get("oursPrivacy"));
              assertThat(d).containsEntry("ingestMode", "TEST").containsKeys("sdkVersion");
              assertThat(d.toString()).doesNotContain(TOKEN);
            });
  }

  @Test
  void secretsAreMaskedUnderEverySpellingAndNothingElseIs() {
    runner.run(
        ctx -> {
          SanitizingFunction f = ctx.getBean(SanitizingFunction.class);
          MapPropertySource src = new MapPropertySource("test", Map.of());
          for (String key :
              new String[] {
                "ours.privacy.api-key",
                "ours.privacy.apiKey",
                "OURS_PRIVACY_API_KEY",
                "ours.privacy.ingest.token",
                "OURS_PRIVACY_INGEST_TOKEN",
                "ours.privacy.ingest.test-token",
                "ours.privacy.ingest.testToken",
                "OURS_PRIVACY_INGEST_TEST_TOKEN"
              }) {
            assertThat(f.apply(new SanitizableData(src, key, TOKEN)).getValue())
                .as(key)
                .isEqualTo(SanitizableData.SANITIZED_VALUE);
          }
          assertThat(f.apply(new SanitizableData(src, "ours.privacy.base-url", "x")).getValue())
              .isEqualTo("x");
        });
  }

  @Test
  void withoutActuatorThereAreNoActuatorBeans() {
    runner
        .withClassLoader(new FilteredClassLoader("org.springframework.boot.actuate"))
        .withPropertyValues("ours.privacy.ingest.test-token=" + TOKEN)
        .run(
            ctx -> {
              assertThat(ctx).hasNotFailed().hasSingleBean(Tracker.class);
              assertThat(ctx).doesNotHaveBean("oursPrivacyHealthIndicator");
              assertThat(ctx).doesNotHaveBean("oursPrivacyInfoContributor");
              assertThat(ctx).doesNotHaveBean("oursPrivacySanitizingFunction");
            });
  }
}
