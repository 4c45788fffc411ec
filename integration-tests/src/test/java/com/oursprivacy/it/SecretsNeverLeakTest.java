package com.oursprivacy.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.oursprivacy.OursPrivacy;
import com.oursprivacy.core.LogLevel;
import com.oursprivacy.errors.OursException;
import com.oursprivacy.ingest.BatchReport;
import com.oursprivacy.ingest.Event;
import com.oursprivacy.ingest.Mode;
import com.oursprivacy.ingest.OursIngest;
import com.oursprivacy.resources.DestinationUpdateParams;
import com.oursprivacy.testing.RecordingSleeper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A representative DEBUG run — platform calls with an API key, ingest with live and test tokens
 * (the test token fetched from the platform), retries, failures, servers that echo secrets back —
 * and then a search for every secret in everything the SDK logged (SLF4J, routed to
 * java.util.logging by this module's test-scoped slf4j-jdk14) through {@code com.oursprivacy}, in
 * exception messages and in {@code toString()} of clients, builders, events and reports.
 */
@SpecCheckedWireMockTest
class SecretsNeverLeakTest {
  private static final String SOURCE_TOKEN = "ours_src_live_91c0ffee77aa";
  private static final String SOURCE_TEST_TOKEN = "ours_src_test_42deadbeef11";
  private static final List<String> SECRETS =
      List.of(
          Clients.API_KEY,
          "Bearer " + Clients.API_KEY,
          Clients.INGEST_TOKEN,
          Clients.INGEST_TEST_TOKEN,
          SOURCE_TOKEN,
          SOURCE_TEST_TOKEN);
  private static final String DESTINATION =
      "{\"id\":\"d1\",\"name\":\"Mixpanel\",\"type\":\"Mixpanel\",\"status\":\"Enabled\"}";

  private final Logger sdkLogger = Logger.getLogger("com.oursprivacy");
  private final List<String> logged = Collections.synchronizedList(new ArrayList<>());
  private final Handler capture =
      new Handler() {
        private final SimpleFormatter format = new SimpleFormatter();

        @Override
        public void publish(LogRecord r) {
          logged.add(format.format(r));
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };
  private Level previousLevel;

  @BeforeEach
  void captureSdkLogging() {
    previousLevel = sdkLogger.getLevel();
    sdkLogger.setLevel(Level.ALL);
    capture.setLevel(Level.ALL);
    sdkLogger.addHandler(capture);
  }

  @AfterEach
  void restoreLogging() {
    sdkLogger.removeHandler(capture);
    sdkLogger.setLevel(previousLevel);
  }

  @Test
  @SuppressWarnings(
      "ObjectToString") // checks that no toString, even the default one, shows a secret
  void noKeyOrTokenAppearsInLogsExceptionMessagesOrToString(WireMockRuntimeInfo info) {
    WireMock wm = info.getWireMock();
    List<String> visible = new ArrayList<>();
    RecordingSleeper sleeper = new RecordingSleeper();

    // Platform: success, a retried 503, a PATCH, a 401 that echoes the key, the source's tokens.
    wm.register(
        get(urlPathEqualTo("/rest/v1/destinations/d1"))
            .inScenario("get")
            .whenScenarioStateIs(Scenario.STARTED)
            .willSetStateTo("ok")
            .willReturn(aResponse().withStatus(503).withHeader("Retry-After", "0")));
    wm.register(
        get(urlPathEqualTo("/rest/v1/destinations/d1"))
            .inScenario("get")
            .whenScenarioStateIs("ok")
            .willReturn(okJson(DESTINATION)));
    wm.register(patch(urlPathEqualTo("/rest/v1/destinations/d1")).willReturn(okJson(DESTINATION)));
    wm.register(
        get(urlPathEqualTo("/rest/v1/destinations/d2"))
            .willReturn(
                aResponse()
                    .withStatus(401)
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"error\":\"invalid key\",\"details\":\"Bearer "
                            + Clients.API_KEY
                            + " is revoked\"}")));
    wm.register(
        get(urlPathEqualTo("/rest/v1/sources/s1/tokens"))
            .willReturn(
                okJson(
                    "{\"sourceType\":\"pixel\",\"token\":\""
                        + SOURCE_TOKEN
                        + "\",\"testToken\":\""
                        + SOURCE_TEST_TOKEN
                        + "\","
                        + "\"installScript\":\"<script src=ours.js></script>\","
                        + "\"testInstallScript\":\"<script src=ours.js></script>\"}")));
    // Ingest: a reset then success on /track, a 500 then a 207 on /batch, a 401 echoing the token.
    wm.register(
        post(urlPathEqualTo("/api/v1/track"))
            .inScenario("track")
            .whenScenarioStateIs(Scenario.STARTED)
            .willSetStateTo("ok")
            .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
    wm.register(
        post(urlPathEqualTo("/api/v1/track"))
            .inScenario("track")
            .whenScenarioStateIs("ok")
            .willReturn(okJson("{\"success\":true}")));
    wm.register(
        post(urlPathEqualTo("/api/v1/batch"))
            .inScenario("batch")
            .whenScenarioStateIs(Scenario.STARTED)
            .willSetStateTo("ok")
            .willReturn(aResponse().withStatus(500).withBody("{\"success\":false}")));
    wm.register(
        post(urlPathEqualTo("/api/v1/batch"))
            .inScenario("batch")
            .whenScenarioStateIs("ok")
            .willReturn(
                aResponse()
                    .withStatus(207)
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"success\":false,\"accepted\":1,\"failed\":1,\"results\":[{\"index\":0,\"success\":true},"
                            + "{\"index\":1,\"success\":false,\"code\":\"invalid_event\",\"message\":\"event not allowed\"}]}")));
    wm.register(
        post(urlPathEqualTo("/api/v1/identify"))
            .willReturn(
                aResponse()
                    .withStatus(401)
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"success\":false,\"error\":\"bad token "
                            + Clients.INGEST_TOKEN
                            + "\"}")));

    OursPrivacy.Builder platformBuilder =
        OursPrivacy.builder()
            .apiKey(Clients.API_KEY)
            .baseUrl(info.getHttpBaseUrl())
            .logLevel(LogLevel.DEBUG)
            .sleeper(sleeper);
    visible.add(platformBuilder.toString());
    OursIngest.Builder liveBuilder =
        OursIngest.builder()
            .token(Clients.INGEST_TOKEN)
            .testToken(Clients.INGEST_TEST_TOKEN)
            .baseUrl(Clients.ingestBaseUrl(info))
            .logLevel(LogLevel.DEBUG)
            .sleeper(sleeper);
    visible.add(liveBuilder.toString());

    try (OursPrivacy ours = platformBuilder.build();
        OursIngest live = liveBuilder.build()) {
      visible.add(ours.toString());
      visible.add(live.toString());
      visible.add(String.valueOf(ours.destinations().get("d1")));
      ours.destinations().update("d1", DestinationUpdateParams.builder().name("Renamed").build());
      visible.add(describe(catchThrowable(() -> ours.destinations().get("d2"))));
      visible.add(
          String.valueOf(ours.sources().tokens("s1"))
              .replace(SOURCE_TOKEN, "<the source's own token, returned by design>")
              .replace(SOURCE_TEST_TOKEN, "<test token, returned by design>"));

      Event tracked = live.track(Event.named("Purchase").userId("u1").property("sku", "A1"));
      visible.add(tracked.toString());
      BatchReport report =
          live.batch(
              List.of(Event.named("A").userId("u1"), Event.named("B").email("b@example.com")));
      visible.add(report.toString());
      report.failures().forEach(f -> visible.add(f.toString()));
      visible.add(
          describe(
              catchThrowable(
                  () ->
                      live.identify(
                          com.oursprivacy.ingest.Identify.user("u1")
                              .userProperties(
                                  com.oursprivacy.ingest.UserProperties.builder()
                                      .firstName("Ada")
                                      .build())))));

      OursIngest.Builder testBuilder =
          OursIngest.builder()
              .source(ours, "s1")
              .mode(Mode.TEST)
              .baseUrl(Clients.ingestBaseUrl(info))
              .logLevel(LogLevel.DEBUG);
      visible.add(testBuilder.toString());
      try (OursIngest test = testBuilder.build()) {
        visible.add(test.toString());
        visible.add(test.track(Event.named("Signup").email("ada@example.com")).toString());
      }
    }

    List<String> everything = new ArrayList<>(logged);
    everything.addAll(visible);
    assertThat(String.join("\n", logged))
        .as("DEBUG logging really ran: headers and bodies, redacted")
        .contains("Authorization")
        .contains("[redacted]")
        .contains("/api/v1/track")
        .contains("/rest/v1/sources/s1/tokens");
    assertThat(sleeper.delays()).as("the run included retries").isNotEmpty();
    for (String secret : SECRETS) {
      assertThat(everything)
          .as("lines containing %s", secret)
          .noneMatch(line -> line.contains(secret));
    }
  }

  @Test
  void aSourceTokenEmbeddedInTheInstallScriptIsRedactedToo(WireMockRuntimeInfo info) {
    info.getWireMock()
        .register(
            get(urlPathEqualTo("/rest/v1/sources/s1/tokens"))
                .willReturn(
                    okJson(
                        "{\"sourceType\":\"pixel\",\"token\":\""
                            + SOURCE_TOKEN
                            + "\",\"testToken\":\""
                            + SOURCE_TEST_TOKEN
                            + "\","
                            + "\"installScript\":\"<script>ours('"
                            + SOURCE_TOKEN
                            + "')</script>\","
                            + "\"testInstallScript\":\"<script>ours('"
                            + SOURCE_TEST_TOKEN
                            + "')</script>\"}")));
    try (OursPrivacy ours =
        OursPrivacy.builder()
            .apiKey(Clients.API_KEY)
            .baseUrl(info.getHttpBaseUrl())
            .logLevel(LogLevel.DEBUG)
            .build()) {
      ours.sources().tokens("s1");
    }
    assertThat(String.join("\n", logged))
        .contains("[redacted]")
        .doesNotContain(SOURCE_TOKEN)
        .doesNotContain(SOURCE_TEST_TOKEN);
  }

  @Test
  void aBatchReportDoesNotRepeatATokenTheServerEchoed(WireMockRuntimeInfo info) {
    info.getWireMock()
        .register(
            post(urlPathEqualTo("/api/v1/batch"))
                .willReturn(
                    aResponse()
                        .withStatus(207)
                        .withHeader("Content-Type", "application/json")
                        .withBody(
                            "{\"success\":false,\"accepted\":1,\"failed\":1,\"results\":[{\"index\":0,\"success\":true},"
                                + "{\"index\":1,\"success\":false,\"code\":\"invalid_event\",\"message\":\"token "
                                + Clients.INGEST_TOKEN
                                + " not allowed\"}]}")));
    try (OursIngest live =
        OursIngest.builder()
            .token(Clients.INGEST_TOKEN)
            .baseUrl(Clients.ingestBaseUrl(info))
            .build()) {
      BatchReport report =
          live.batch(List.of(Event.named("A").userId("u1"), Event.named("B").userId("u2")));
      assertThat(report.failures()).hasSize(1);
      assertThat(report.toString()).doesNotContain(Clients.INGEST_TOKEN);
      assertThat(report.failures().get(0).toString()).doesNotContain(Clients.INGEST_TOKEN);
    }
  }

  /** An exception as a user would see it: class, message, causes and their messages. */
  private static String describe(Throwable t) {
    assertThat(t).isInstanceOf(OursException.class);
    StringWriter out = new StringWriter();
    t.printStackTrace(new PrintWriter(out));
    return out.toString();
  }
}
