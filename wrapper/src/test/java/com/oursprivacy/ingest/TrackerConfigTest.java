package com.oursprivacy.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TrackerConfigTest {
  @Test
  void defaultsAreTheDocumentedOnes() {
    TrackerConfig c = TrackerConfig.defaults();

    assertThat(c.capacity()).isEqualTo(10_000);
    assertThat(c.overflow()).isEqualTo(OverflowPolicy.DROP_NEWEST);
    assertThat(c.blockTimeout()).isEqualTo(Duration.ofSeconds(1));
    assertThat(c.batching()).isTrue();
    assertThat(c.batchSize()).isEqualTo(100);
    assertThat(c.flushInterval()).isEqualTo(Duration.ofSeconds(5));
    assertThat(c.threads()).isEqualTo(1);
    assertThat(c.maxAttempts()).isEqualTo(10);
    assertThat(c.maxAge()).isEqualTo(Duration.ofHours(24));
    assertThat(c.listener()).isSameAs(TrackerListener.NONE);
    assertThat(c.shutdownHook()).isTrue();
    assertThat(c.shutdownTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(c.spool()).isEmpty();
    assertThat(c.spoolFsync()).isEqualTo(Duration.ofMillis(10));
    assertThat(c.sleeper).isNull();
  }

  @Test
  void toBuilderKeepsEverySetting() {
    TrackerListener listener = o -> {};
    FakeTime time = new FakeTime();
    TrackerConfig c =
        TrackerConfig.builder()
            .capacity(7)
            .overflow(OverflowPolicy.BLOCK)
            .blockTimeout(Duration.ofMillis(3))
            .batching(false)
            .batchSize(9)
            .flushInterval(Duration.ofMillis(11))
            .threads(4)
            .maxAttempts(2)
            .maxAge(Duration.ofMinutes(1))
            .listener(listener)
            .shutdownHook(false)
            .shutdownTimeout(Duration.ofMillis(13))
            .spool(Path.of("spool"))
            .spoolFsync(Duration.ZERO)
            .clock(time)
            .sleeper(time)
            .random(TrackerFixture.half())
            .idleWait(Duration.ofMinutes(3))
            .build();

    TrackerConfig d = c.toBuilder().build();

    assertThat(d).usingRecursiveComparison().isEqualTo(c);
    assertThat(d.spool()).contains(Path.of("spool"));
    assertThat(d.threads()).isEqualTo(4);
    assertThat(d.batching()).isFalse();
    assertThat(d.shutdownHook()).isFalse();
  }

  @Test
  void outOfRangeSettingsAreRefusedNamingTheSetting() {
    TrackerConfig.Builder b = TrackerConfig.builder();

    assertThatThrownBy(() -> b.capacity(0)).hasMessage("capacity must be ≥ 1, was 0");
    assertThatThrownBy(() -> b.batchSize(0)).hasMessage("batchSize must be ≥ 1, was 0");
    assertThatThrownBy(() -> b.maxAttempts(0)).hasMessage("maxAttempts must be ≥ 1, was 0");
    assertThatThrownBy(() -> b.threads(0)).hasMessage("threads must be 1–64, was 0");
    assertThatThrownBy(() -> b.threads(65)).hasMessage("threads must be 1–64, was 65");
    assertThatThrownBy(() -> b.flushInterval(Duration.ofMillis(-1)))
        .hasMessageStartingWith("flushInterval must not be negative");
    assertThatThrownBy(() -> b.shutdownTimeout(Duration.ofMillis(-1)))
        .hasMessageStartingWith("shutdownTimeout must not be negative");
    assertThatThrownBy(() -> b.spoolFsync(Duration.ofMillis(-1)))
        .hasMessageStartingWith("spoolFsync must not be negative");
    assertThatThrownBy(() -> b.maxAge(Duration.ofDays(8)))
        .hasMessageStartingWith("maxAge must be at most 7 days");
    assertThatThrownBy(() -> b.spool(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("directory == null");
    assertThatThrownBy(() -> b.blockTimeout(null)).hasMessage("blockTimeout == null");
    assertThat(b.threads(1).threads(64).capacity(1).maxAge(Duration.ofDays(7)).build().threads())
        .isEqualTo(64);
  }
}
