package com.oursprivacy.ingest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import com.oursprivacy.errors.OursValidationException;
import com.oursprivacy.errors.UnauthorizedException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OursIngestTest {
  private static final String LIVE = "live-SECRET-token";
  private static final String TEST = "test-token-123";
  private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

  private final FakeTime time = new FakeTime(NOW);
  private IngestServer server;
  private final List<OursIngest> clients = new ArrayList<>();

  @BeforeEach
  void start() {
    server = new IngestServer();
  }

  @AfterEach
  void stop() {
    clients.forEach(OursIngest::close);
    server.close();
  }

  private OursIngest.Builder builder() {
    return OursIngest.builder()
        .baseUrl(server.baseUrl())
        .clock(time)
        .sleeper(d -> {})
        .lookups(k -> null, k -> null);
  }

  private OursIngest client(OursIngest.Builder b) {
    OursIngest c = b.build();
    clients.add(c);
    return c;
  }

  @ParameterizedTest(name = "async={0}")
  @ValueSource(booleans = {false, true})
  void trackSendsTheEventWithTokenDistinctIdAndMillisecondTime(boolean async) throws Exception {
    OursIngest ingest = client(builder().token(LIVE));
    Event e =
        Event.named("Purchase")
            .userId("u1")
            .property("sku", "A1")
            .property("qty", 2)
            .at(NOW.minusSeconds(60))
            .identityContext(IdentityContext.of("203.0.113.7", "Mozilla/5.0"))
            .userProperties(UserProperties.builder().firstName("Ada").custom("plan", "pro").build())
            .defaultProperties(
                DefaultProperties.builder().property("utm_source", "newsletter").build());

    Event sent = async ? ingest.trackAsync(e).get() : ingest.track(e);

    JsonObject body = server.bodies().get(0);
    assertThat(server.requests().get(0).getRequest().getUrl()).isEqualTo("/api/v1/track");
    assertThat(body.get("token").getAsString()).isEqualTo(LIVE);
    assertThat(body.get("event").getAsString()).isEqualTo("Purchase");
    assertThat(body.get("time").getAsLong()).isEqualTo(NOW.minusSeconds(60).toEpochMilli());
    assertThat(body.get("distinctId").getAsString()).isEqualTo(sent.distinctId()).hasSize(36);
    assertThat(body.getAsJsonObject("eventProperties").get("qty").getAsInt()).isEqualTo(2);
    assertThat(body.getAsJsonObject("identityContext").get("userAgent").getAsString())
        .isEqualTo("Mozilla/5.0");
    assertThat(body.getAsJsonObject("userProperties").get("first_name").getAsString())
        .isEqualTo("Ada");
    assertThat(
            body.getAsJsonObject("userProperties")
                .getAsJsonObject("custom_properties")
                .get("plan")
                .getAsString())
        .isEqualTo("pro");
    assertThat(body.getAsJsonObject("defaultProperties").get("utm_source").getAsString())
        .isEqualTo("newsletter");
    assertThat(server.requests().get(0).getRequest().containsHeader("Authorization")).isFalse();
  }

  private void stub207(String body) {
    server.wm.stubFor(
        post(urlPathEqualTo("/api/v1/batch"))
            .willReturn(
                aResponse()
                    .withStatus(207)
                    .withHeader("Content-Type", "application/json")
                    .withBody(body)));
  }

  @ParameterizedTest(name = "async={0}")
  @ValueSource(booleans = {false, true})
  void batch207IsReportedRowByRowWithTheRowsToResend(boolean async) throws Exception {
    stub207(
        "{\"success\":false,\"accepted\":1,\"failed\":2,\"results\":["
            + "{\"index\":0,\"success\":true},"
            + "{\"index\":1,\"success\":false,\"code\":\"queue_failed\",\"message\":\"try again\"},"
            + "{\"index\":2,\"success\":false,\"code\":\"invalid_event\",\"message\":\"not allowed\"}]}");
    OursIngest ingest = client(builder().token(LIVE));
    List<Event> events =
        List.of(
            Event.named("A").userId("u"),
            Event.named("B").userId("u").distinctId("order-7"),
            Event.named("C").userId("u"));

    BatchReport report = async ? ingest.batchAsync(events).get() : ingest.batch(events);

    assertThat(report.statusCode()).isEqualTo(207);
    assertThat(report.accepted()).isEqualTo(1);
    assertThat(report.failures())
        .extracting(BatchReport.Failure::code)
        .containsExactly("queue_failed", "invalid_event");
    assertThat(report.retryable()).extracting(Event::distinctId).containsExactly("order-7");
    JsonObject body = server.bodies().get(0);
    assertThat(body.getAsJsonArray("events")).hasSize(3);
    assertThat(
            body.getAsJsonArray("events").get(1).getAsJsonObject().get("distinctId").getAsString())
        .isEqualTo("order-7");
  }

  @Test
  void aRowThe207GivesNoResultForIsAFailureToResend() {
    stub207("{\"success\":false,\"results\":[{\"index\":0,\"success\":true}]}");
    OursIngest ingest = client(builder().token(LIVE));

    BatchReport report =
        ingest.batch(List.of(Event.named("A").userId("u"), Event.named("B").userId("u")));

    assertThat(report.failures()).hasSize(1);
    BatchReport.Failure missing = report.failures().get(0);
    assertThat(missing.index()).isEqualTo(1);
    assertThat(missing.code()).isEqualTo(RowResults.MISSING_CODE);
    // the tracker's outcome reason for the same row (RowResultsTest) reads the same
    assertThat(missing.code() + ": " + missing.message())
        .isEqualTo("missing_result: no result for this row");
    assertThat(missing.retryable()).isTrue();
  }

  @Test
  void transientFailuresAreRetriedWithTheSameDistinctId() {
    server.wm.stubFor(
        post(urlPathEqualTo("/api/v1/track"))
            .inScenario("flaky")
            .whenScenarioStateIs("Started")
            .willReturn(aResponse().withStatus(500).withBody("{\"success\":false}"))
            .willSetStateTo("ok"));
    OursIngest ingest = client(builder().token(LIVE));

    ingest.track(Event.named("Signup").email("a@example.com"));

    List<JsonObject> bodies = server.bodies();
    assertThat(bodies).hasSize(2);
    assertThat(bodies.get(1).get("distinctId")).isEqualTo(bodies.get(0).get("distinctId"));
  }

  @Test
  void identifySendsUserIdAndProperties() {
    OursIngest ingest = client(builder().token(LIVE));

    ingest.identify(
        Identify.user("u1").userProperties(UserProperties.builder().city("Paris").build()));

    JsonObject body = server.bodies().get(0);
    assertThat(server.requests().get(0).getRequest().getUrl()).isEqualTo("/api/v1/identify");
    assertThat(body.get("userId").getAsString()).isEqualTo("u1");
    assertThat(body.getAsJsonObject("userProperties").get("city").getAsString()).isEqualTo("Paris");
  }

  @Test
  void clearingAKnownUserPropertySendsAnExplicitNull() {
    OursIngest ingest = client(builder().token(LIVE));

    ingest.identify(
        Identify.user("u1")
            .userProperties(UserProperties.builder().clear("city").firstName("Ada").build()));

    String raw = server.requests().get(0).getRequest().getBodyAsString();
    assertThat(raw).contains("\"city\":null").contains("\"first_name\":\"Ada\"");
  }

  @Test
  void theModeIsLoggedOnceAtInfoWhenTheClientLogsAndNeverTheToken() {
    java.util.logging.Logger logger =
        java.util.logging.Logger.getLogger(OursIngest.class.getName());
    List<java.util.logging.LogRecord> records = new java.util.concurrent.CopyOnWriteArrayList<>();
    java.util.logging.Handler h =
        new java.util.logging.Handler() {
          @Override
          public void publish(java.util.logging.LogRecord r) {
            records.add(r);
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    java.util.logging.Level old = logger.getLevel();
    logger.addHandler(h);
    logger.setLevel(java.util.logging.Level.ALL);
    try {
      client(
          builder()
              .token(LIVE)
              .testToken(TEST)
              .mode(Mode.TEST)
              .logLevel(com.oursprivacy.core.LogLevel.INFO));
      client(builder().token(LIVE).testToken(TEST).mode(Mode.TEST));
    } finally {
      logger.removeHandler(h);
      logger.setLevel(old);
    }
    assertThat(records)
        .extracting(java.util.logging.LogRecord::getLevel)
        .containsExactly(java.util.logging.Level.INFO, java.util.logging.Level.FINE);
    assertThat(records)
        .allSatisfy(
            r ->
                assertThat(r.getMessage())
                    .contains("mode=TEST")
                    .doesNotContain(LIVE)
                    .doesNotContain(TEST));
  }

  @Test
  void theLogLevelComesFromOursPrivacyLogWhenNotSet() {
    java.util.logging.Logger logger =
        java.util.logging.Logger.getLogger(OursIngest.class.getName());
    List<java.util.logging.LogRecord> records = new java.util.concurrent.CopyOnWriteArrayList<>();
    java.util.logging.Handler h =
        new java.util.logging.Handler() {
          @Override
          public void publish(java.util.logging.LogRecord r) {
            records.add(r);
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    logger.addHandler(h);
    try {
      client(
          builder()
              .token(LIVE)
              .lookups(k -> k.equals("OURS_PRIVACY_LOG") ? "info" : null, k -> null));
    } finally {
      logger.removeHandler(h);
    }
    assertThat(records)
        .extracting(java.util.logging.LogRecord::getLevel)
        .containsExactly(java.util.logging.Level.INFO);
  }

  @Test
  void onlyKnownUserPropertiesCanBeCleared() {
    assertThatThrownBy(() -> UserProperties.builder().clear("plan"))
        .isInstanceOf(com.oursprivacy.errors.OursValidationException.class)
        .hasMessageContaining("userProperties.plan");
  }

  @Test
  void closingTheClientFirstClosesItsTrackersAndLosesNothingItCouldSend() {
    OursIngest ingest = client(builder().token(LIVE));
    List<Outcome> outcomes = new java.util.concurrent.CopyOnWriteArrayList<>();
    Tracker tracker =
        ingest.tracker(
            TrackerConfig.builder()
                .clock(time)
                .sleeper(time)
                .shutdownHook(false)
                .shutdownTimeout(Duration.ofSeconds(30))
                .listener(outcomes::add)
                .build());
    for (int i = 0; i < 5; i++) {
      tracker.track(Event.named("T").userId("u" + i));
    }

    ingest.close(); // a DI container's usual order: the client before the tracker

    assertThat(tracker.stats().sent()).isEqualTo(5);
    assertThat(server.requests()).isNotEmpty();
    assertThat(tracker.track(Event.named("Late").userId("u"))).isFalse();
    assertThat(outcomes)
        .filteredOn(o -> o.kind() == Outcome.Kind.DROPPED)
        .singleElement()
        .satisfies(o -> assertThat(o.reason()).isEqualTo("tracker is closed"));
    assertThat(tracker.close(Duration.ZERO).completed()).isTrue(); // already closed: a no-op
    assertThatThrownBy(() -> ingest.tracker())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");
  }

  @Test
  void testModeNeverSendsTheLiveTokenOnAnyPath() {
    OursIngest ingest = client(builder().token(LIVE).testToken(TEST).mode(Mode.TEST));
    ingest.track(Event.named("A").userId("u"));
    ingest.identify(Identify.user("u"));
    ingest.batch(List.of(Event.named("B").userId("u"), Event.named("C").userId("u")));
    Tracker tracker = ingest.tracker(TrackerConfig.builder().clock(time).sleeper(time).build());
    for (int i = 0; i < 50; i++) {
      tracker.track(Event.named("T").userId("u" + i));
    }
    tracker.identify(Identify.user("u"));
    Tracker single =
        ingest.tracker(TrackerConfig.builder().batching(false).clock(time).sleeper(time).build());
    single.track(Event.named("S").userId("u"));
    tracker.close(Duration.ofSeconds(10));
    single.close(Duration.ofSeconds(10));

    assertThat(server.requests()).hasSizeGreaterThanOrEqualTo(6);
    assertThat(server.requests())
        .allSatisfy(
            r -> {
              assertThat(r.getRequest().getBodyAsString())
                  .doesNotContain(LIVE)
                  .contains("\"token\":\"" + TEST + "\"");
              assertThat(r.getRequest().getHeaders().all().toString()).doesNotContain(LIVE);
            });
    assertThat(ingest.mode()).isEqualTo(Mode.TEST);
    assertThat(ingest.requireTestMode()).isSameAs(ingest);
    assertThat(tracker.mode()).isEqualTo(Mode.TEST);
  }

  @Test
  void testModeWithoutATestTokenFailsAtBuild() {
    assertThatThrownBy(() -> builder().token(LIVE).mode(Mode.TEST).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("mode TEST needs a test token")
        .hasMessageNotContaining(LIVE);
  }

  @Test
  void requireTestModeMakesALiveClientImpossible() {
    assertThatThrownBy(() -> builder().token(LIVE).requireTestMode().build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("mode is LIVE");
    OursIngest live = client(builder().token(LIVE));
    assertThatThrownBy(live::requireTestMode).isInstanceOf(IllegalStateException.class);
    assertThat(server.requests()).isEmpty();
  }

  @Test
  void requireTestModeBlamesTheInferenceNotTheModeVariableWhenNoModeWasSet() {
    assertThatThrownBy(() -> builder().token(LIVE).requireTestMode().build())
        .hasMessageContaining("no mode was set and a live token came from token(String)")
        .hasMessageNotContaining("OURS_PRIVACY_INGEST_MODE");
    assertThatThrownBy(
            () ->
                builder()
                    .token(LIVE)
                    .requireTestMode()
                    .lookups(Map.of("OURS_PRIVACY_INGEST_MODE", "live")::get, k -> null)
                    .build())
        .hasMessageContaining("environment variable OURS_PRIVACY_INGEST_MODE");
  }

  @Test
  void aTokenFromAnUnsetVariableIsNotABareNullPointerException() {
    String unset = System.getenv("OURS_PRIVACY_TEST_SURELY_UNSET_VARIABLE");
    assertThatThrownBy(() -> builder().token(unset).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("token(String)")
        .hasMessageContaining("ours.privacy.ingest.token")
        .hasMessageContaining("OURS_PRIVACY_INGEST_TOKEN");
  }

  @Test
  void aTokenWithAControlCharacterIsRejectedAtBuildWithoutEchoingIt() {
    assertThatThrownBy(() -> builder().token("tok_live_\nabc").build())
        .isInstanceOf(OursValidationException.class)
        .hasMessageContaining("token(String)")
        .hasMessageNotContaining("tok_live");
    assertThatThrownBy(
            () ->
                builder()
                    .lookups(
                        Map.of("OURS_PRIVACY_INGEST_TEST_TOKEN", "tok_test_\u0007x")::get,
                        k -> null)
                    .build())
        .isInstanceOf(OursValidationException.class)
        .hasMessageContaining("OURS_PRIVACY_INGEST_TEST_TOKEN")
        .hasMessageNotContaining("tok_test");
    assertThat(server.requests()).isEmpty();
  }

  @Test
  void aBlankLogVariableIsIgnoredLikeOursPrivacyDoes() {
    OursIngest ingest =
        client(
            builder()
                .token(LIVE)
                .lookups(
                    Map.of("OURS_PRIVACY_LOG", "")::get, Map.of("ours.privacy.log", " ")::get));
    assertThat(ingest.mode()).isEqualTo(Mode.LIVE);
  }

  @Test
  void tokensAndModeComeFromSystemPropertiesBeforeTheEnvironment() {
    Map<String, String> env =
        Map.of(
            "OURS_PRIVACY_INGEST_TOKEN",
            LIVE,
            "OURS_PRIVACY_INGEST_TEST_TOKEN",
            "env-test",
            "OURS_PRIVACY_INGEST_MODE",
            "live");
    Map<String, String> sys =
        Map.of("ours.privacy.ingest.testToken", TEST, "ours.privacy.ingest.mode", "TEST");
    OursIngest ingest = client(builder().lookups(env::get, sys::get));

    ingest.track(Event.named("A").userId("u"));

    assertThat(ingest.mode()).isEqualTo(Mode.TEST);
    assertThat(server.bodies().get(0).get("token").getAsString()).isEqualTo(TEST);
    assertThat(client(builder().lookups(env::get, k -> null)).mode()).isEqualTo(Mode.LIVE);
    assertThat(
            client(
                    builder()
                        .lookups(Map.of("OURS_PRIVACY_INGEST_TEST_TOKEN", TEST)::get, k -> null))
                .mode())
        .isEqualTo(Mode.TEST);
    assertThatThrownBy(
            () ->
                builder()
                    .lookups(Map.of("OURS_PRIVACY_INGEST_MODE", "staging")::get, k -> null)
                    .build())
        .hasMessageContaining("must be LIVE or TEST");
    assertThatThrownBy(() -> builder().build()).hasMessageContaining("no ingest token");
  }

  @Test
  void theModeIsLoggedOnceAndNoTokenAppearsInLogsToStringOrErrors() {
    List<LogRecord> records = new ArrayList<>();
    Logger logger = Logger.getLogger(OursIngest.class.getName());
    Handler h =
        new Handler() {
          @Override
          public void publish(LogRecord r) {
            records.add(r);
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    logger.addHandler(h);
    try {
      server.wm.stubFor(
          post(urlPathEqualTo("/api/v1/track"))
              .willReturn(
                  aResponse()
                      .withStatus(401)
                      .withHeader("Content-Type", "application/json")
                      .withBody("{\"success\":false,\"error\":\"bad token\"}")));
      OursIngest ingest =
          client(
              builder()
                  .token(LIVE)
                  .testToken(TEST)
                  .mode(Mode.LIVE)
                  .logLevel(com.oursprivacy.core.LogLevel.INFO));

      assertThatThrownBy(() -> ingest.track(Event.named("A").userId("u")))
          .isInstanceOf(UnauthorizedException.class)
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain(LIVE).doesNotContain(TEST));
      assertThat(records).hasSize(1);
      assertThat(records.get(0).getMessage())
          .contains("mode=LIVE")
          .doesNotContain(LIVE)
          .doesNotContain(TEST);
      assertThat(ingest.toString()).contains("LIVE").doesNotContain(LIVE);
      assertThat(ingest.tracker().toString()).doesNotContain(LIVE);
    } finally {
      logger.removeHandler(h);
    }
  }

  @Test
  void forSourceReadsTheTokensFromThePlatformAndKeepsOnlyTheTestTokenInTestMode() {
    server.wm.stubFor(
        com.github.tomakehurst.wiremock.client.WireMock.get(
                urlPathEqualTo("/rest/v1/sources/src_1/tokens"))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"sourceType\":\"pixel\",\"token\":\""
                            + LIVE
                            + "\",\"testToken\":\""
                            + TEST
                            + "\"}")));
    try (com.oursprivacy.OursPrivacy ours =
        com.oursprivacy.OursPrivacy.builder()
            .apiKey("org-key")
            .baseUrl("http://127.0.0.1:" + server.wm.port())
            .build()) {
      OursIngest ingest = client(builder().source(ours, "src_1").mode(Mode.TEST));
      ingest.track(Event.named("A").userId("u"));

      assertThat(ingest.mode()).isEqualTo(Mode.TEST);
      List<com.github.tomakehurst.wiremock.stubbing.ServeEvent> sends =
          new ArrayList<>(server.requests());
      sends.removeIf(r -> r.getRequest().getUrl().startsWith("/rest/"));
      assertThat(sends)
          .singleElement()
          .satisfies(
              r ->
                  assertThat(r.getRequest().getBodyAsString()).contains(TEST).doesNotContain(LIVE));
      try (OursIngest viaFactory = OursIngest.forSource(ours, "src_1", Mode.LIVE)) {
        assertThat(viaFactory.mode()).isEqualTo(Mode.LIVE);
      }
    }
  }
}
