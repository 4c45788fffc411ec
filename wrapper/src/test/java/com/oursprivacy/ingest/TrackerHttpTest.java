package com.oursprivacy.ingest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.http.Fault;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The tracker through the real HTTP stack against WireMock. */
class TrackerHttpTest {
  private final FakeTime time = new FakeTime();
  private final List<Outcome> outcomes = new CopyOnWriteArrayList<>();
  private IngestServer server;
  private OursIngest ingest;

  @BeforeEach
  void start() {
    server = new IngestServer();
    ingest =
        OursIngest.builder()
            .testToken("test-token")
            .baseUrl(server.baseUrl())
            .lookups(k -> null, k -> null)
            .build();
  }

  @AfterEach
  void stop() {
    ingest.close();
    server.close();
  }

  private Tracker tracker() {
    return ingest.tracker(
        TrackerConfig.builder()
            .flushInterval(Duration.ofHours(1))
            .clock(time)
            .sleeper(time)
            .listener(outcomes::add)
            .build());
  }

  private static List<String> ids(JsonObject batchBody) {
    List<String> out = new ArrayList<>();
    for (JsonElement row : batchBody.getAsJsonArray("events")) {
      out.add(row.getAsJsonObject().get("distinctId").getAsString());
    }
    return out;
  }

  @Test
  void a207IsCompletedByResendingExactlyTheQueueFailedRowsWithTheirDistinctIds() {
    server.wm.stubFor(
        post(urlPathEqualTo("/api/v1/batch"))
            .inScenario("207")
            .whenScenarioStateIs("Started")
            .willReturn(
                aResponse()
                    .withStatus(207)
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"success\":false,\"accepted\":2,\"failed\":2,\"results\":["
                            + "{\"index\":0,\"success\":true},"
                            + "{\"index\":1,\"success\":false,\"code\":\"queue_failed\",\"message\":\"q\"},"
                            + "{\"index\":2,\"success\":false,\"code\":\"invalid_event\",\"message\":\"event not allowed\"},"
                            + "{\"index\":3,\"success\":false,\"code\":\"queue_failed\",\"message\":\"q\"}]}"))
            .willSetStateTo("ok"));
    server.wm.stubFor(
        post(urlPathEqualTo("/api/v1/batch"))
            .inScenario("207")
            .whenScenarioStateIs("ok")
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"success\":true,\"accepted\":2,\"failed\":0,\"results\":[]}")));
    Tracker tracker = tracker();
    for (int i = 0; i < 4; i++) {
      tracker.track(Event.named("E" + i).userId("u"));
    }

    FlushReport report = tracker.flush(Duration.ofSeconds(10));

    List<JsonObject> bodies = server.bodies();
    assertThat(bodies).hasSize(2);
    List<String> first = ids(bodies.get(0));
    assertThat(ids(bodies.get(1))).containsExactly(first.get(1), first.get(3));
    assertThat(report.sent()).isEqualTo(3);
    assertThat(report.failed()).isEqualTo(1);
    Outcome failed =
        outcomes.stream().filter(o -> o.kind() == Outcome.Kind.FAILED).findFirst().orElseThrow();
    assertThat(failed.distinctId()).contains(first.get(2));
    assertThat(failed.reason()).isEqualTo("invalid_event: event not allowed");
    tracker.close(Duration.ofSeconds(5));
  }

  @Test
  void rateLimitAndConnectionResetAreRetriedAfterTheDocumentedWaits() {
    server.wm.stubFor(
        post(urlPathEqualTo("/api/v1/batch"))
            .inScenario("s")
            .whenScenarioStateIs("Started")
            .willReturn(
                aResponse()
                    .withStatus(429)
                    .withHeader("Retry-After", "7")
                    .withBody("{\"success\":false}"))
            .willSetStateTo("reset"));
    server.wm.stubFor(
        post(urlPathEqualTo("/api/v1/batch"))
            .inScenario("s")
            .whenScenarioStateIs("reset")
            .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER))
            .willSetStateTo("ok"));
    Tracker tracker =
        ingest.tracker(
            TrackerConfig.builder()
                .flushInterval(Duration.ofHours(1))
                .clock(time)
                .sleeper(time)
                .random(
                    new java.util.Random() {
                      private static final long serialVersionUID = 1L;

                      @Override
                      public double nextDouble() {
                        return 0.0;
                      }
                    })
                .build());
    tracker.track(Event.named("E").userId("u"));

    tracker.flush(Duration.ofSeconds(10));

    // 429 → Retry-After 7 s; then a reset (2nd consecutive failure) → 4 s + 1 s minimum jitter
    assertThat(time.sleeps).containsExactly(Duration.ofSeconds(7), Duration.ofSeconds(5));
    List<JsonObject> bodies = server.bodies();
    assertThat(bodies.stream().map(TrackerHttpTest::ids).distinct().collect(Collectors.toList()))
        .hasSize(1);
    assertThat(tracker.stats().sent()).isEqualTo(1);
    tracker.close(Duration.ofSeconds(5));
  }

  @Test
  void closeWithThousandsPendingDeliversThemAllAndLeavesNoThread() {
    Tracker tracker =
        ingest.tracker(
            TrackerConfig.builder()
                .capacity(20_000)
                .batchSize(250)
                .flushInterval(Duration.ofHours(1))
                .threads(2)
                .clock(time)
                .sleeper(time)
                .build());
    for (int i = 0; i < 5_000; i++) {
      tracker.track(Event.named("E").userId("u" + i));
    }
    long pendingAtClose = tracker.stats().pending();
    long start = System.nanoTime();

    FlushReport report = tracker.close(Duration.ofSeconds(30));

    long ms = (System.nanoTime() - start) / 1_000_000;
    System.out.println(
        "close over HTTP: pending at close="
            + pendingAtClose
            + ", "
            + report
            + " in "
            + ms
            + " ms; requests="
            + server.requests().size());
    assertThat(pendingAtClose).isGreaterThan(1_000);
    assertThat(report.sent()).isEqualTo(pendingAtClose);
    assertThat(report.completed()).isTrue();
    assertThat(report.pending()).isZero();
    assertThat(tracker.stats().sent()).isEqualTo(5_000);
    assertThat(server.bodies().stream().mapToInt(b -> b.getAsJsonArray("events").size()).sum())
        .isEqualTo(5_000);
    assertThat(tracker.workers()).allSatisfy(w -> assertThat(w.isAlive()).isFalse());
  }

  @Test
  void closeThatTimesOutCancelsTheRequestInFlightAndAbandonsTheRest() {
    server.wm.stubFor(
        post(urlPathEqualTo("/api/v1/batch"))
            .willReturn(
                aResponse().withStatus(200).withFixedDelay(20_000).withBody("{\"success\":true}")));
    Tracker tracker =
        ingest.tracker(
            TrackerConfig.builder()
                .batchSize(10)
                .flushInterval(Duration.ZERO)
                .clock(time)
                .sleeper(time)
                .listener(outcomes::add)
                .build());
    for (int i = 0; i < 1_000; i++) {
      tracker.track(Event.named("E").userId("u" + i));
    }

    FlushReport report = tracker.close(Duration.ofMillis(200));

    assertThat(report.completed()).isFalse();
    assertThat(report.abandoned()).isEqualTo(1_000);
    assertThat(outcomes).filteredOn(o -> o.kind() == Outcome.Kind.ABANDONED).hasSize(1_000);
    assertThat(outcomes).filteredOn(o -> o.kind() == Outcome.Kind.SENT).isEmpty();
    assertThat(tracker.workers()).allSatisfy(w -> assertThat(w.isAlive()).isFalse());
  }
}
