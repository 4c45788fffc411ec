package com.oursprivacy.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.oursprivacy.errors.UnauthorizedException;
import com.oursprivacy.ingest.BatchReport;
import com.oursprivacy.ingest.Event;
import com.oursprivacy.ingest.FlushReport;
import com.oursprivacy.ingest.Mode;
import com.oursprivacy.ingest.OursIngest;
import com.oursprivacy.ingest.Tracker;
import com.oursprivacy.ingest.TrackerConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class IngestSandboxTest {
  private OursSandbox sandbox;
  private String sourceId;

  @BeforeEach
  void start() {
    sandbox = OursSandbox.start();
    sourceId = sandbox.createSource("web");
  }

  @AfterEach
  void stop() {
    sandbox.close();
  }

  @Test
  void testTokenEventsAreStoredButNeverDispatched() {
    try (OursIngest test = sandbox.newIngest(sourceId, Mode.TEST);
        OursIngest live = sandbox.newIngest(sourceId, Mode.LIVE)) {
      test.track(Event.named("Signup").userId("u1").property("plan", "pro"));
      live.track(Event.named("Purchase").email("ada@example.com"));
    }
    assertThat(sandbox.ingest().events()).hasSize(2);
    assertThat(sandbox.ingest().testEvents())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.event()).isEqualTo("Signup");
              assertThat(e.test()).isTrue();
              assertThat(e.dispatched()).isFalse();
              assertThat(e.sourceId()).isEqualTo(sourceId);
              assertThat(e.properties()).containsEntry("plan", "pro");
              assertThat(e.json()).doesNotContain("token");
            });
    assertThat(sandbox.ingest().dispatched())
        .extracting(RecordedEvent::event)
        .containsExactly("Purchase");
  }

  @Test
  void sameDistinctIdIsRecordedOnce() {
    try (OursIngest ingest = sandbox.newIngest(sourceId, Mode.TEST)) {
      ingest.track(Event.named("Order").userId("u1").distinctId("order-1"));
      ingest.track(Event.named("Order").userId("u1").distinctId("order-1"));
    }
    assertThat(sandbox.ingest().events()).hasSize(1);
    assertThat(sandbox.ingest().duplicates()).isEqualTo(1);
  }

  @Test
  void unknownTokenIs401() {
    try (OursIngest ingest =
        OursIngest.builder()
            .testToken("test_not_a_real_token")
            .mode(Mode.TEST)
            .baseUrl(sandbox.ingestBaseUrl())
            .maxRetries(0)
            .build()) {
      org.assertj.core.api.Assertions.assertThatThrownBy(
              () -> ingest.track(Event.named("X").userId("u1")))
          .isInstanceOf(UnauthorizedException.class);
    }
    assertThat(sandbox.ingest().events()).isEmpty();
  }

  @Test
  void batchAnswers207WithPerRowResults() throws Exception {
    String testToken;
    try (com.oursprivacy.OursPrivacy ours = sandbox.newClient()) {
      testToken = ours.sources().tokens(sourceId).getTestToken();
    }
    String body =
        "{\"token\":\""
            + testToken
            + "\",\"events\":["
            + "{\"event\":\"A\",\"userId\":\"u1\",\"distinctId\":\"d1\"},"
            + "{\"event\":\"B\",\"userId\":\"u1\"},"
            + "{\"event\":\"C\",\"distinctId\":\"d3\"},"
            + "{\"event\":\"D\",\"email\":\"e@example.com\",\"distinctId\":\"d4\",\"time\":1000}]}";
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(sandbox.ingestBaseUrl() + "/batch"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(207);
    assertThat(r.body())
        .contains(
            "\"accepted\":1",
            "\"failed\":3",
            "events[1].distinctId: required",
            "events[2]: at least one of userId",
            "events[3].time: more than 7 days");
    assertThat(sandbox.ingest().testEvents())
        .extracting(RecordedEvent::distinctId)
        .containsExactly("d1");
  }

  @Test
  void batchThroughTheSdkReportsTheInvalidRow() {
    try (OursIngest ingest = sandbox.newIngest(sourceId, Mode.TEST)) {
      BatchReport report =
          ingest.batch(List.of(Event.named("A").userId("u1"), Event.named("B").userId("u2")));
      assertThat(report.toString()).isNotBlank();
    }
    assertThat(sandbox.ingest().testEvents())
        .extracting(RecordedEvent::event)
        .containsExactly("A", "B");
  }

  @Test
  void trackerDeliversThroughBatchInTestMode() {
    try (OursIngest ingest = sandbox.newIngest(sourceId, Mode.TEST)) {
      Tracker tracker = ingest.tracker(TrackerConfig.builder().batchSize(10).build());
      for (int i = 0; i < 25; i++) {
        tracker.track(Event.named("PageView").userId("u" + i));
      }
      FlushReport report = tracker.close(Duration.ofSeconds(20));
      assertThat(report.sent()).isEqualTo(25);
    }
    assertThat(sandbox.ingest().testEvents())
        .hasSize(25)
        .allMatch(e -> e.endpoint().equals("batch"));
    assertThat(sandbox.ingest().dispatched()).isEmpty();
  }

  @Test
  void identifyIsRecorded() {
    try (OursIngest ingest = sandbox.newIngest(sourceId, Mode.TEST)) {
      ingest.identify(
          com.oursprivacy.ingest.Identify.user("u1")
              .userProperties(
                  com.oursprivacy.ingest.UserProperties.builder().firstName("Ada").build()));
    }
    assertThat(sandbox.ingest().identifiedUsers()).containsExactly("u1");
  }
}
