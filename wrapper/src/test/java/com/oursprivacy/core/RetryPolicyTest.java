package com.oursprivacy.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
  @Test
  void defaultBackoffDoublesFromHalfASecondAndCapsAtEight() {
    RetryPolicy p = RetryPolicy.defaults();
    assertThat(p.backoff(1, 0, 0)).isEqualTo(Duration.ofMillis(500));
    assertThat(p.backoff(2, 0, 0)).isEqualTo(Duration.ofSeconds(1));
    assertThat(p.backoff(5, 0, 0)).isEqualTo(Duration.ofSeconds(8));
    assertThat(p.backoff(9, 0, 0)).isEqualTo(Duration.ofSeconds(8));
  }

  @Test
  void jitterShortensByAtMostAQuarter() {
    assertThat(RetryPolicy.defaults().backoff(1, 0.999999, 0))
        .isBetween(Duration.ofMillis(375), Duration.ofMillis(376));
  }

  @Test
  void ingestStylePolicyAddsOneToFiveSecondsOnTopOfTwoDoublingToSixty() {
    RetryPolicy ingest =
        RetryPolicy.builder()
            .initialDelay(Duration.ofSeconds(2))
            .maxDelay(Duration.ofSeconds(60))
            .jitter(0)
            .extraJitter(Duration.ofSeconds(1), Duration.ofSeconds(5))
            .build();
    assertThat(ingest.backoff(1, 0.5, 0)).isEqualTo(Duration.ofSeconds(3));
    assertThat(ingest.backoff(3, 0.5, 0.5)).isEqualTo(Duration.ofSeconds(11));
    assertThat(ingest.backoff(10, 0, 0.999999))
        .isBetween(Duration.ofSeconds(64), Duration.ofSeconds(65));
  }

  @Test
  void ingestDefaultsAreTheIngestApisDocumentedBackoff() {
    RetryPolicy ingest = RetryPolicy.ingestDefaults();
    // api-facts: after the n-th failure min(2 s x 2^(n-1), 60 s) plus 1-5 s of jitter
    assertThat(ingest.backoff(1, 0.7, 0)).isEqualTo(Duration.ofSeconds(3));
    assertThat(ingest.backoff(2, 0.7, 0.5)).isEqualTo(Duration.ofSeconds(7));
    assertThat(ingest.backoff(7, 0.7, 0)).isEqualTo(Duration.ofSeconds(61));
    assertThat(ingest.maxRetryAfter()).isEqualTo(Duration.ofSeconds(60));
    // every ingest body carries its distinctIds: a repeated POST is deduplicated
    assertThat(ingest.idempotentMethods()).contains("POST").doesNotContain("PATCH");
  }

  @Test
  void postAndPatchAreNotIdempotentByDefaultButCanBeDeclaredSo() {
    RetryPolicy p = RetryPolicy.defaults();
    assertThat(p.isIdempotent("get")).isTrue();
    assertThat(p.isIdempotent("DELETE")).isTrue();
    assertThat(p.isIdempotent("POST")).isFalse();
    assertThat(p.isIdempotent("PATCH")).isFalse();
    assertThat(p.toBuilder().idempotentMethods(Set.of("post")).build().isIdempotent("POST"))
        .isTrue();
  }

  @Test
  void invalidSettingsAreRejected() {
    assertThatThrownBy(() -> RetryPolicy.builder().maxRetries(-1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RetryPolicy.builder().jitter(1.5))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RetryPolicy.builder().initialDelay(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("initialDelay == null");
    assertThatThrownBy(() -> RetryPolicy.defaults().backoff(0, 0, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void requestOptionsAreImmutableValues() {
    RequestOptions a = RequestOptions.builder().maxRetries(1).header("X", "1").build();
    RequestOptions b = a.toBuilder().header("Y", "2").build();
    assertThat(a.headers()).containsOnlyKeys("X");
    assertThat(b.headers()).containsOnlyKeys("X", "Y");
    assertThat(a).isEqualTo(a.toBuilder().build()).isNotEqualTo(b);
    assertThat(RequestOptions.builder().header("Authorization", "Bearer s3cret").build().toString())
        .doesNotContain("s3cret");
    assertThatThrownBy(() -> a.headers().put("Z", "3"))
        .isInstanceOf(UnsupportedOperationException.class);
  }
}
