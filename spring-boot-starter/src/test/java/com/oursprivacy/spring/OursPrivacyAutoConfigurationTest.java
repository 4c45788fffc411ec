package com.oursprivacy.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.oursprivacy.OursPrivacy;
import com.oursprivacy.ingest.Mode;
import com.oursprivacy.ingest.OursIngest;
import com.oursprivacy.ingest.OverflowPolicy;
import com.oursprivacy.ingest.Tracker;
import com.oursprivacy.ingest.TrackerConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** Which beans exist for which properties and class path, and how they are configured. */
class OursPrivacyAutoConfigurationTest {
  static final String KEY = "key_for_tests";
  static final String TEST_TOKEN = "test_token_for_tests";
  static final String LIVE_TOKEN = "live_token_for_tests";

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(
              AutoConfigurations.of(
                  OursPrivacyAutoConfiguration.class, OursTrackerAutoConfiguration.class));

  @Test
  void withoutKeyOrTokenThereIsNoClient() {
    runner.run(
        ctx -> {
          assertThat(ctx).hasNotFailed();
          assertThat(ctx).doesNotHaveBean(OursPrivacy.class);
          assertThat(ctx).doesNotHaveBean(OursIngest.class);
          assertThat(ctx).doesNotHaveBean(Tracker.class);
          assertThat(ctx).hasSingleBean(OursPrivacyProperties.class);
        });
  }

  @Test
  void anApiKeyGivesThePlatformClientOnly() {
    runner
        .withPropertyValues(
            "ours.privacy.api-key=" + KEY, "ours.privacy.base-url=http://127.0.0.1:1")
        .run(
            ctx -> {
              assertThat(ctx).hasSingleBean(OursPrivacy.class);
              assertThat(ctx.getBean(OursPrivacy.class).toString())
                  .contains("http://127.0.0.1:1")
                  .doesNotContain(KEY);
              assertThat(ctx).doesNotHaveBean(OursIngest.class);
              assertThat(ctx).doesNotHaveBean(Tracker.class);
            });
  }

  @Test
  void aTestTokenGivesATestModeIngestClientAndATrackerWithoutJvmHook() {
    runner
        .withPropertyValues("ours.privacy.ingest.test-token=" + TEST_TOKEN)
        .run(
            ctx -> {
              assertThat(ctx).doesNotHaveBean(OursPrivacy.class);
              assertThat(ctx.getBean(OursIngest.class).mode()).isEqualTo(Mode.TEST);
              Tracker tracker = ctx.getBean(Tracker.class);
              assertThat(tracker.mode()).isEqualTo(Mode.TEST);
              assertThat(tracker.config().shutdownHook()).isFalse();
              assertThat(ctx.getBean(OursTrackerLifecycle.class).tracker()).isSameAs(tracker);
            });
  }

  @Test
  void aLiveTokenGivesLiveModeUnlessTestModeIsAskedFor() {
    runner
        .withPropertyValues("ours.privacy.ingest.token=" + LIVE_TOKEN)
        .run(ctx -> assertThat(ctx.getBean(OursIngest.class).mode()).isEqualTo(Mode.LIVE));
    runner
        .withPropertyValues(
            "ours.privacy.ingest.token=" + LIVE_TOKEN,
            "ours.privacy.ingest.test-token=" + TEST_TOKEN,
            "ours.privacy.ingest.mode=test",
            "ours.privacy.ingest.require-test-mode=true")
        .run(ctx -> assertThat(ctx.getBean(OursIngest.class).mode()).isEqualTo(Mode.TEST));
  }

  @Test
  void theSdksEnvironmentVariablesAndSystemPropertiesWorkAsWithoutSpring() {
    runner
        .withInitializer(
            ctx ->
                ctx.getEnvironment()
                    .getPropertySources()
                    .replace(
                        StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                        new SystemEnvironmentPropertySource(
                            StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                            Map.of(
                                "OURS_PRIVACY_INGEST_TEST_TOKEN",
                                TEST_TOKEN,
                                "OURS_PRIVACY_INGEST_MODE",
                                "test"))))
        .withSystemProperties("ours.privacy.apiKey=" + KEY)
        .run(
            ctx -> {
              assertThat(ctx).hasSingleBean(OursPrivacy.class);
              assertThat(ctx.getBean(OursIngest.class).mode()).isEqualTo(Mode.TEST);
              assertThat(ctx).hasSingleBean(Tracker.class);
            });
  }

  @Test
  void trackerPropertiesReachTheTrackerConfig(@TempDir Path spool) {
    runner
        .withPropertyValues(
            "ours.privacy.ingest.test-token=" + TEST_TOKEN,
            "ours.privacy.tracker.capacity=123",
            "ours.privacy.tracker.overflow=block",
            "ours.privacy.tracker.block-timeout=250ms",
            "ours.privacy.tracker.batching=false",
            "ours.privacy.tracker.batch-size=7",
            "ours.privacy.tracker.flush-interval=2s",
            "ours.privacy.tracker.threads=2",
            "ours.privacy.tracker.max-attempts=4",
            "ours.privacy.tracker.max-age=1h",
            "ours.privacy.tracker.shutdown-timeout=9s",
            "ours.privacy.tracker.spool.path=" + spool,
            "ours.privacy.tracker.spool.fsync=0")
        .run(
            ctx -> {
              TrackerConfig c = ctx.getBean(Tracker.class).config();
              assertThat(c.capacity()).isEqualTo(123);
              assertThat(c.overflow()).isEqualTo(OverflowPolicy.BLOCK);
              assertThat(c.blockTimeout()).isEqualTo(Duration.ofMillis(250));
              assertThat(c.batching()).isFalse();
              assertThat(c.batchSize()).isEqualTo(7);
              assertThat(c.flushInterval()).isEqualTo(Duration.ofSeconds(2));
              assertThat(c.threads()).isEqualTo(2);
              assertThat(c.maxAttempts()).isEqualTo(4);
              assertThat(c.maxAge()).isEqualTo(Duration.ofHours(1));
              assertThat(c.shutdownTimeout()).isEqualTo(Duration.ofSeconds(9));
              assertThat(c.spool()).contains(spool);
              assertThat(c.spoolFsync()).isEqualTo(Duration.ZERO);
            });
  }

  @Test
  void thePropertiesDefaultsAreTheSdks() {
    OursPrivacyProperties p = new OursPrivacyProperties();
    TrackerConfig d = TrackerConfig.defaults();
    OursPrivacyProperties.Tracker t = p.getTracker();
    assertThat(p.getBaseUrl()).isEqualTo(OursPrivacy.DEFAULT_BASE_URL);
    assertThat(p.getIngest().getBaseUrl()).isEqualTo(OursIngest.DEFAULT_BASE_URL);
    assertThat(t.getCapacity()).isEqualTo(d.capacity());
    assertThat(t.getOverflow()).isEqualTo(d.overflow());
    assertThat(t.getBlockTimeout()).isEqualTo(d.blockTimeout());
    assertThat(t.isBatching()).isEqualTo(d.batching());
    assertThat(t.getBatchSize()).isEqualTo(d.batchSize());
    assertThat(t.getFlushInterval()).isEqualTo(d.flushInterval());
    assertThat(t.getThreads()).isEqualTo(d.threads());
    assertThat(t.getMaxAttempts()).isEqualTo(d.maxAttempts());
    assertThat(t.getMaxAge()).isEqualTo(d.maxAge());
    assertThat(t.getShutdownTimeout()).isEqualTo(d.shutdownTimeout());
    assertThat(t.getSpool().getFsync()).isEqualTo(d.spoolFsync());
    assertThat(t.getSpool().getPath()).isNull();
    assertThat(d.spool()).isEmpty();
  }

  @Test
  void theTrackerCanBeSwitchedOffAndEverythingCanBe() {
    runner
        .withPropertyValues(
            "ours.privacy.ingest.test-token=" + TEST_TOKEN, "ours.privacy.tracker.enabled=false")
        .run(
            ctx -> {
              assertThat(ctx).hasSingleBean(OursIngest.class);
              assertThat(ctx).doesNotHaveBean(Tracker.class);
              assertThat(ctx).doesNotHaveBean(OursTrackerLifecycle.class);
            });
    runner
        .withPropertyValues(
            "ours.privacy.enabled=false",
            "ours.privacy.api-key=" + KEY,
            "ours.privacy.ingest.test-token=" + TEST_TOKEN)
        .run(
            ctx -> {
              assertThat(ctx).doesNotHaveBean(OursPrivacy.class);
              assertThat(ctx).doesNotHaveBean(OursIngest.class);
              assertThat(ctx).doesNotHaveBean(Tracker.class);
            });
  }

  @Test
  void withoutTheSdkOnTheClassPathNothingIsConfigured() {
    runner
        .withClassLoader(new FilteredClassLoader(OursPrivacy.class, OursIngest.class))
        .withPropertyValues(
            "ours.privacy.api-key=" + KEY, "ours.privacy.ingest.test-token=" + TEST_TOKEN)
        .run(
            ctx -> {
              assertThat(ctx).hasNotFailed();
              assertThat(ctx).doesNotHaveBean(OursPrivacyProperties.class);
              assertThat(ctx).doesNotHaveBean("oursIngest");
              assertThat(ctx).doesNotHaveBean("oursPrivacyTracker");
            });
  }

  @Test
  void theApplicationsOwnBeansWin() {
    runner
        .withUserConfiguration(OwnClients.class)
        .withPropertyValues(
            "ours.privacy.api-key=" + KEY, "ours.privacy.ingest.test-token=" + TEST_TOKEN)
        .run(
            ctx -> {
              assertThat(ctx).getBean(OursPrivacy.class).isSameAs(ctx.getBean("ownOurs"));
              assertThat(ctx).getBean(OursIngest.class).isSameAs(ctx.getBean("ownIngest"));
              // The tracker is built on the application's client.
              assertThat(ctx.getBean(Tracker.class).mode()).isEqualTo(Mode.LIVE);
            });
    runner
        .withUserConfiguration(OwnTracker.class)
        .withPropertyValues("ours.privacy.ingest.test-token=" + TEST_TOKEN)
        .run(
            ctx -> {
              assertThat(ctx).getBean(Tracker.class).isSameAs(ctx.getBean("ownTracker"));
              assertThat(ctx).doesNotHaveBean(OursTrackerLifecycle.class);
            });
  }

  @Test
  void customizersApplyInOrderAfterTheProperties() {
    runner
        .withUserConfiguration(Customizers.class)
        .withPropertyValues(
            "ours.privacy.api-key=" + KEY,
            "ours.privacy.ingest.test-token=" + TEST_TOKEN,
            "ours.privacy.tracker.capacity=5")
        .run(
            ctx -> {
              assertThat(ctx.getBean(OursPrivacy.class).toString()).contains("http://127.0.0.1:2");
              assertThat(ctx.getBean(OursIngest.class).toString()).contains("http://127.0.0.1:3");
              TrackerConfig c = ctx.getBean(Tracker.class).config();
              assertThat(c.capacity()).isEqualTo(77); // the later customizer wins
              assertThat(c.shutdownHook()).as("the JVM hook stays off").isFalse();
            });
  }

  @Test
  void aTokenACustomizerSuppliesCounts() {
    runner
        .withBean(OursIngestBuilderCustomizer.class, () -> b -> b.testToken(TEST_TOKEN))
        .withPropertyValues(
            "ours.privacy.ingest.token=" + LIVE_TOKEN, "ours.privacy.ingest.mode=test")
        .run(ctx -> assertThat(ctx.getBean(OursIngest.class).mode()).isEqualTo(Mode.TEST));
  }

  @Configuration(proxyBeanMethods = false)
  static class OwnClients {
    @Bean
    OursPrivacy ownOurs() {
      return OursPrivacy.builder().apiKey("own").baseUrl("http://127.0.0.1:4").build();
    }

    @Bean
    OursIngest ownIngest() {
      return OursIngest.builder().token("own_live").baseUrl("http://127.0.0.1:5").build();
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class OwnTracker {
    @Bean
    Tracker ownTracker(OursIngest ingest) {
      return ingest.tracker(TrackerConfig.builder().shutdownHook(false).build());
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class Customizers {
    @Bean
    OursPrivacyBuilderCustomizer platformUrl() {
      return b -> b.baseUrl("http://127.0.0.1:2");
    }

    @Bean
    OursIngestBuilderCustomizer ingestUrl() {
      return b -> b.baseUrl("http://127.0.0.1:3");
    }

    @Bean
    @Order(1)
    TrackerConfigCustomizer first() {
      return b -> b.capacity(66).shutdownHook(true);
    }

    @Bean
    @Order(2)
    TrackerConfigCustomizer second() {
      return b -> b.capacity(77);
    }
  }
}
