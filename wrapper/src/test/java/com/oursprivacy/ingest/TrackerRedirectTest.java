package com.oursprivacy.ingest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Issue 12 item 1, tracker transport: a 307 on a batch never sends the token elsewhere. */
class TrackerRedirectTest {
  @Test
  void aTrackerBatchAnswered307IsNotResentToTheLocation() {
    WireMockServer elsewhere =
        new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
    elsewhere.start();
    IngestServer server = new IngestServer();
    FakeTime time = new FakeTime(Instant.parse("2026-03-01T12:00:00Z"));
    try (OursIngest ingest =
        OursIngest.builder()
            .token("live-SECRET-token")
            .baseUrl(server.baseUrl())
            .clock(time)
            .lookups(k -> null, k -> null)
            .build()) {
      elsewhere.stubFor(any(anyUrl()).willReturn(okJson("{\"success\":true}")));
      server.wm.stubFor(
          post(urlPathEqualTo("/api/v1/batch"))
              .willReturn(
                  aResponse()
                      .withStatus(307)
                      .withHeader(
                          "Location", "http://localhost:" + elsewhere.port() + "/api/v1/batch")));
      Tracker tracker =
          ingest.tracker(
              TrackerConfig.builder()
                  .flushInterval(Duration.ofHours(1))
                  .clock(time)
                  .sleeper(time)
                  .build());
      tracker.track(Event.named("Purchase").userId("u1"));
      tracker.flush(Duration.ofSeconds(10));
      tracker.close();
      assertThat(server.requests()).isNotEmpty();
      assertThat(elsewhere.getAllServeEvents()).isEmpty();
    } finally {
      server.close();
      elsewhere.stop();
    }
  }
}
