package com.oursprivacy.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The README's ingest snippets, compiled and run against WireMock (README changes go here too). */
class ReadmeSnippetsTest {
  private final FakeTime time = new FakeTime(Instant.now());

  @Test
  void quickSend() throws Exception {
    String clientIp = "203.0.113.7";
    String clientUserAgent = "Mozilla/5.0";
    try (IngestServer server = new IngestServer();
        OursIngest ingest =
            OursIngest.builder()
                .token("live-token")
                .baseUrl(server.baseUrl())
                .lookups(k -> null, k -> null)
                .build()) {
      Event sent =
          ingest.track(
              Event.named("Purchase")
                  .userId("u1")
                  .property("sku", "A1")
                  .property("price", 19.99)
                  .identityContext(IdentityContext.of(clientIp, clientUserAgent))
                  .at(Instant.now()));
      String id = sent.distinctId();
      assertThat(id).hasSize(36);

      ingest.identify(
          Identify.user("u1")
              .userProperties(
                  UserProperties.builder()
                      .firstName("Ada")
                      .city("London")
                      .custom("plan", "pro")
                      .build()));

      BatchReport report =
          ingest.batch(List.of(Event.named("A").userId("u1"), Event.named("B").userId("u2")));
      assertThat(report.retryable()).isEmpty();
      ingest.batch(report.retryable()); // nothing failed: sends nothing (request count below)

      CompletableFuture<Event> later =
          ingest.trackAsync(Event.named("Signup").email("ada@example.com"));
      assertThat(later.get().name()).isEqualTo("Signup");
      assertThat(server.requests()).hasSize(4);
    }
  }

  @Test
  void httpSettingsAndBaseUrlPointTheClientAtTheSandbox() {
    try (IngestServer server = new IngestServer()) {
      server.wm.stubFor(
          com.github.tomakehurst.wiremock.client.WireMock.get("/rest/v1/sources/src_123/tokens")
              .willReturn(
                  com.github.tomakehurst.wiremock.client.WireMock.okJson(
                      "{\"sourceType\":\"pixel\",\"token\":\"live\",\"testToken\":\"test\"}")));
      okhttp3.OkHttpClient sharedOkHttp = new okhttp3.OkHttpClient();
      String sandboxIngestBaseUrl = server.baseUrl();
      try (com.oursprivacy.OursPrivacy ours =
              com.oursprivacy.OursPrivacy.builder()
                  .apiKey("key")
                  .baseUrl("http://127.0.0.1:" + server.wm.port())
                  .build();
          OursIngest ingest =
              OursIngest.builder()
                  .baseUrl(sandboxIngestBaseUrl)
                  .source(ours, "src_123")
                  .mode(Mode.TEST)
                  .httpClient(sharedOkHttp)
                  .readTimeout(Duration.ofSeconds(10))
                  .callTimeout(Duration.ofSeconds(20))
                  .lookups(k -> null, k -> null)
                  .build()) {
        ingest.track(Event.named("A").userId("u1"));
        assertThat(ingest.mode()).isEqualTo(Mode.TEST);
      }
      assertThat(server.requests())
          .extracting(e -> e.getRequest().getUrl())
          .contains("/api/v1/track");
    }
  }

  @Test
  void testMode() {
    try (IngestServer server = new IngestServer()) {
      OursIngest ingest =
          OursIngest.builder()
              .token("live")
              .testToken("test")
              .mode(Mode.TEST)
              .baseUrl(server.baseUrl())
              .lookups(k -> null, k -> null)
              .build();
      assertThat(ingest.mode()).isEqualTo(Mode.TEST);
      ingest.close();
      OursIngest guarded =
          OursIngest.builder()
              .requireTestMode()
              .testToken("test")
              .baseUrl(server.baseUrl())
              .lookups(k -> null, k -> null)
              .build();
      assertThat(guarded.requireTestMode()).isSameAs(guarded);
      guarded.close();
      assertThatThrownBy(
              () ->
                  OursIngest.builder()
                      .requireTestMode()
                      .token("live")
                      .lookups(k -> null, k -> null)
                      .build())
          .isInstanceOf(IllegalStateException.class);
    }
  }

  @Test
  void backgroundTrackerWithDefaultShutdownHook() {
    try (IngestServer server = new IngestServer();
        OursIngest ingest =
            OursIngest.builder()
                .token("live")
                .baseUrl(server.baseUrl())
                .lookups(k -> null, k -> null)
                .build()) {
      Tracker tracker =
          ingest.tracker(
              TrackerConfig.builder()
                  .capacity(10_000)
                  .overflow(OverflowPolicy.DROP_NEWEST)
                  .batchSize(100)
                  .flushInterval(Duration.ofSeconds(5))
                  .maxAttempts(10)
                  .maxAge(Duration.ofHours(24))
                  .shutdownTimeout(Duration.ofSeconds(5))
                  .listener(
                      o -> {
                        if (o.kind() == Outcome.Kind.FAILED
                            || o.kind() == Outcome.Kind.DROPPED
                            || o.kind() == Outcome.Kind.ABANDONED) {
                          System.err.printf(
                              "event %s %s: %s%n",
                              o.distinctId().orElse("-"), o.kind(), o.reason());
                        }
                      })
                  .clock(time)
                  .sleeper(time)
                  .build());

      assertThat(tracker.track(Event.named("PageView").userId("u1"))).isTrue();
      FlushReport flushed = tracker.flush(Duration.ofSeconds(5));
      TrackerStats stats = tracker.stats();
      FlushReport r = tracker.close(Duration.ofSeconds(10));

      assertThat(flushed.completed()).isTrue();
      assertThat(stats.sent()).isEqualTo(1);
      assertThat(r.completed()).isTrue();
      assertThat(tracker.hook()).isNotNull();
      assertThat(Runtime.getRuntime().removeShutdownHook(tracker.hook()))
          .isFalse(); // close() removed it
    }
  }

  @Test
  void durableTrackerWithSpool(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
    try (IngestServer server = new IngestServer();
        OursIngest ingest =
            OursIngest.builder()
                .token("live")
                .baseUrl(server.baseUrl())
                .lookups(k -> null, k -> null)
                .build()) {
      Tracker durable =
          ingest.tracker(
              TrackerConfig.builder()
                  .spool(dir.resolve("ours-spool"))
                  .spoolFsync(Duration.ofMillis(10))
                  .build());
      assertThat(durable.track(Event.named("Purchase").userId("u1"))).isTrue();
      assertThat(durable.close(Duration.ofSeconds(10)).sent()).isEqualTo(1);
      assertThat(server.bodies()).hasSize(1);
    }
  }
}
