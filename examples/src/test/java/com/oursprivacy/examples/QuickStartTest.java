package com.oursprivacy.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.oursprivacy.sandbox.OursSandbox;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Keeps the README's first command true: the quick start runs on the sandbox and says what
 * happened.
 */
class QuickStartTest {
  @Test
  void quickStartRunsOnTheSandboxAndReportsEachStep() {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    QuickStart.run(new PrintStream(buf, true, StandardCharsets.UTF_8), false, null);
    String out = buf.toString(StandardCharsets.UTF_8);

    assertThat(out).startsWith("Ours Privacy quick start: embedded sandbox at http://127.0.0.1:");
    assertThat(out)
        .contains("created   3 destinations (Mixpanel, status Enabled)")
        .contains("listed    3 of them with a pager: 2 pages of at most 2")
        .contains("cleared settings.legacyKey, kept {region=us}")
        .contains("tracked   3 events in TEST mode, flushed: 3 sent, 0 failed, 0 pending")
        .contains("sandbox   recorded 3 test events, 0 dispatched to destinations")
        .contains("cleaned   deleted 3 destinations and 1 source");
    assertThat(out.lines().count()).isLessThanOrEqualTo(10);
    assertThat(out).doesNotContain("Exception").doesNotContain("WARN");
  }

  @Test
  void countsTheEventsTheWorkerSentBeforeTheFlush() {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    QuickStart.run(
        new PrintStream(buf, true, StandardCharsets.UTF_8),
        false,
        null,
        tracker -> {
          // the worker sends all three before flush() is called, as on a busy machine: flush()
          // itself then sends none, and the printed count must not depend on it
          assertThat(tracker.flush(Duration.ofSeconds(60)).completed()).isTrue();
          assertThat(tracker.stats().sent()).isEqualTo(3);
        });
    String out = buf.toString(StandardCharsets.UTF_8);

    assertThat(out)
        .contains("tracked   3 events in TEST mode, flushed: 3 sent, 0 failed, 0 pending")
        .contains("sandbox   recorded 3 test events, 0 dispatched to destinations");
  }

  @Test
  void aKeyInTheEnvironmentIsNotUsedWithoutTheLiveFlag() {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    // Were the key used, the quick start would call the real API (and fail here: no network).
    QuickStart.run(
        new PrintStream(buf, true, StandardCharsets.UTF_8), false, "sk_live_0123456789abcdefXYZ");
    String out = buf.toString(StandardCharsets.UTF_8);

    assertThat(out.lines().findFirst().orElse(""))
        .startsWith("Ours Privacy quick start: embedded sandbox at http://127.0.0.1:")
        .contains("OURS_PRIVACY_API_KEY is set but not used")
        .contains("--live");
    assertThat(out)
        .contains("cleaned   deleted 3 destinations and 1 source")
        .doesNotContain("0123456789abcdef");
  }

  @Test
  void onlyTheFlagOrThePropertyAsksForTheRealApi() {
    String before = System.getProperty(QuickStart.LIVE_PROPERTY);
    try {
      System.clearProperty(QuickStart.LIVE_PROPERTY);
      assertThat(QuickStart.live(new String[0])).isFalse();
      assertThat(QuickStart.live(new String[] {"live"})).isFalse();
      assertThat(QuickStart.live(new String[] {"--live"})).isTrue();
      System.setProperty(QuickStart.LIVE_PROPERTY, "true");
      assertThat(QuickStart.live(new String[0])).isTrue();
    } finally {
      if (before == null) {
        System.clearProperty(QuickStart.LIVE_PROPERTY);
      } else {
        System.setProperty(QuickStart.LIVE_PROPERTY, before);
      }
    }
  }

  @Test
  void theRealisticProgramSaysItRunsOnTheSandboxWhateverTheEnvironment() {
    try (OursSandbox sandbox = OursSandbox.start()) {
      assertThat(RealisticProgram.banner(sandbox, "sk_live_0123456789abcdefXYZ"))
          .startsWith("RealisticProgram: embedded sandbox at http://127.0.0.1:")
          .contains("OURS_PRIVACY_API_KEY is set but never used here")
          .doesNotContain("0123456789abcdef");
      assertThat(RealisticProgram.banner(sandbox, null)).endsWith("(no API key needed)");
    }
  }

  @Test
  void maskNeverShowsAShortSecretAndHidesTheMiddleOfALongOne() {
    assertThat(QuickStart.mask("short")).isEqualTo("…");
    assertThat(QuickStart.mask("test_0123456789abcdef0123"))
        .isEqualTo("test_…0123")
        .doesNotContain("456789");
  }
}
