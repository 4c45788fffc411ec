package com.oursprivacy.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Keeps the README's first command true: the quick start runs on the sandbox and says what
 * happened.
 */
class QuickStartTest {
  @Test
  void quickStartRunsOnTheSandboxAndReportsEachStep() {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    QuickStart.run(new PrintStream(buf, true, StandardCharsets.UTF_8), null);
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
  void maskNeverShowsAShortSecretAndHidesTheMiddleOfALongOne() {
    assertThat(QuickStart.mask("short")).isEqualTo("…");
    assertThat(QuickStart.mask("test_0123456789abcdef0123"))
        .isEqualTo("test_…0123")
        .doesNotContain("456789");
  }
}
