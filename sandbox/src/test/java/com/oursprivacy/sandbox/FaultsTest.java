package com.oursprivacy.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.oursprivacy.OursPrivacy;
import com.oursprivacy.errors.InternalServerException;
import com.oursprivacy.errors.OursTimeoutException;
import com.oursprivacy.errors.RateLimitException;
import com.oursprivacy.models.Destination;
import com.oursprivacy.pagination.Page;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FaultsTest {
  private OursSandbox sandbox;

  @BeforeEach
  void start() {
    sandbox = OursSandbox.start();
  }

  @AfterEach
  void stop() {
    sandbox.close();
  }

  @Test
  void failNextFailsExactlyNRequests() {
    sandbox.faults().failNext(1, 500);
    try (OursPrivacy ours = sandbox.clientBuilder().maxRetries(0).build()) {
      assertThatThrownBy(() -> ours.destinations().list().firstPage())
          .isInstanceOf(InternalServerException.class);
      Page<Destination> page = ours.destinations().list().firstPage();
      assertThat(page.items()).isEmpty();
    }
  }

  @Test
  void sdkRetriesPastInjected503s() {
    sandbox.faults().failNext(2, 503);
    try (OursPrivacy ours =
        sandbox
            .clientBuilder()
            .maxRetries(2)
            .retryPolicy(
                com.oursprivacy.core.RetryPolicy.builder()
                    .initialDelay(Duration.ofMillis(1))
                    .maxDelay(Duration.ofMillis(2))
                    .build())
            .build()) {
      assertThat(ours.destinations().list().firstPage().items()).isEmpty();
    }
  }

  @Test
  void rateLimitAnswers429WithRetryAfter() {
    sandbox.faults().rateLimit(2, Duration.ofMinutes(5));
    try (OursPrivacy ours = sandbox.clientBuilder().maxRetries(0).build()) {
      ours.destinations().list().firstPage();
      ours.destinations().list().firstPage();
      assertThatThrownBy(() -> ours.destinations().list().firstPage())
          .isInstanceOfSatisfying(
              RateLimitException.class,
              e -> {
                assertThat(e.retryAfter()).isPresent();
                assertThat(e.retryAfter().get()).isGreaterThan(Duration.ofMinutes(4));
              });
      sandbox.faults().reset();
      assertThat(ours.destinations().list().firstPage().items()).isEmpty();
    }
  }

  @Test
  void latencyBeyondTheClientTimeoutTimesOut() {
    sandbox.faults().latency(Duration.ofSeconds(2));
    try (OursPrivacy ours =
        sandbox.clientBuilder().maxRetries(0).callTimeout(Duration.ofMillis(200)).build()) {
      assertThatThrownBy(() -> ours.destinations().list().firstPage())
          .isInstanceOf(OursTimeoutException.class);
    }
  }

  @Test
  void faultsReachTheIngestSideInItsShape() throws Exception {
    sandbox.faults().failNext(1, 500);
    java.net.http.HttpResponse<String> r =
        java.net.http.HttpClient.newHttpClient()
            .send(
                java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(sandbox.ingestBaseUrl() + "/track"))
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}"))
                    .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(500);
    assertThat(r.body()).contains("\"success\":false");
  }
}
