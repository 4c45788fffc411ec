package com.oursprivacy;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.google.gson.JsonObject;
import com.oursprivacy.core.LogLevel;
import com.oursprivacy.core.RequestOptions;
import com.oursprivacy.lowlevel.platform.api.SourcesApi;
import com.oursprivacy.models.SourceTokensResponse;
import com.oursprivacy.testing.LogCapture;
import com.oursprivacy.testing.Loopback;
import com.oursprivacy.testing.LowLevel;
import com.oursprivacy.testing.RecordingSleeper;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class LoggingRedactionTest {
  @RegisterExtension static WireMockExtension wm = Loopback.wireMock();

  private static final String API_KEY = "sk_live_SECRET_API_KEY_123";
  private static final String LIVE_TOKEN = "tok_live_SECRET_456";
  private static final String TEST_TOKEN = "tok_test_SECRET_789";
  private static final String BODY_TOKEN = "tok_body_SECRET_000";

  private OursPrivacy client(LogLevel level) {
    return OursPrivacy.builder()
        .apiKey(API_KEY)
        .baseUrl("http://127.0.0.1:" + wm.getPort())
        .logLevel(level)
        .sleeper(new RecordingSleeper())
        .build();
  }

  @Test
  void debugLogsBodiesButNeverTheKeyOrAnyToken() {
    wm.stubFor(
        get("/rest/v1/sources/src_1/tokens")
            .willReturn(
                okJson(
                    "{\"sourceType\":\"pixel\",\"token\":\""
                        + LIVE_TOKEN
                        + "\",\"testToken\":\""
                        + TEST_TOKEN
                        + "\"}")));
    wm.stubFor(post("/rest/v1/echo").inScenario("s").willReturn(aResponse().withStatus(503)));
    JsonObject body = new JsonObject();
    body.addProperty("token", BODY_TOKEN);
    body.addProperty("event", "Signed Up");

    String logs;
    Throwable failure;
    SourceTokensResponse tokens;
    try (LogCapture capture = new LogCapture();
        OursPrivacy ours = client(LogLevel.DEBUG)) {
      tokens =
          ours.core()
              .execute(
                  LowLevel.call(
                      ours.raw(SourcesApi.class),
                      "GET /rest/v1/sources/{id}/tokens",
                      "id",
                      "src_1"),
                  RequestOptions.none());
      failure =
          catchThrowable(
              () ->
                  ours.core()
                      .execute(
                          "POST",
                          "rest/v1/echo",
                          null,
                          body,
                          JsonObject.class,
                          RequestOptions.none()));
      logs = capture.text();
    }

    assertThat(tokens.getToken()).isEqualTo(LIVE_TOKEN); // the caller still gets the real value
    assertThat(logs)
        .contains("GET /rest/v1/sources/src_1/tokens", " 200 ", "POST /rest/v1/echo", " 503 ")
        .contains(
            "\"event\":\"Signed Up\"", "\"token\":\"[redacted]\"", "\"testToken\":\"[redacted]\"")
        .contains("Authorization: [redacted]")
        .doesNotContain(API_KEY, LIVE_TOKEN, TEST_TOKEN, BODY_TOKEN);
    assertThat(failure).isNotNull();
    assertThat(failure.getMessage()).doesNotContain(API_KEY, BODY_TOKEN);
  }

  @Test
  @SuppressWarnings("CheckReturnValue") // the call fails on purpose; only the log lines count
  void infoLogsOneLinePerAttemptAndRetriesButNoBodies() {
    wm.stubFor(
        get("/rest/v1/x")
            .willReturn(aResponse().withStatus(500).withBody("{\"error\":\"boom-body\"}")));
    String logs;
    try (LogCapture capture = new LogCapture();
        OursPrivacy ours = client(LogLevel.INFO)) {
      catchThrowable(
          () ->
              ours.core()
                  .execute(
                      "GET", "rest/v1/x", null, null, JsonObject.class, RequestOptions.none()));
      logs = capture.text();
    }
    assertThat(logs)
        .contains(
            "<-- GET /rest/v1/x 500", "attempt 3 of 3", "retrying GET /rest/v1/x after HTTP 500")
        .doesNotContain("boom-body", "Authorization");
  }

  @Test
  void attemptLinesGoToComOursprivacyHttpAtInfoAndBodiesAtDebug() {
    wm.stubFor(get("/rest/v1/x").willReturn(okJson("{\"name\":\"body-text\"}")));
    List<LogRecord> records;
    try (LogCapture capture = new LogCapture();
        OursPrivacy ours = client(LogLevel.DEBUG)) {
      ours.core().execute("GET", "rest/v1/x", null, null, JsonObject.class, RequestOptions.none());
      records = capture.records();
    }
    assertThat(records).extracting(LogRecord::getLoggerName).containsOnly("com.oursprivacy.http");
    assertThat(records)
        .filteredOn(r -> Level.INFO.equals(r.getLevel()))
        .extracting(LogRecord::getMessage)
        .singleElement()
        .asString()
        .startsWith("<-- GET /rest/v1/x 200")
        .doesNotContain("body-text");
    assertThat(records)
        .filteredOn(r -> Level.FINE.equals(r.getLevel()))
        .extracting(LogRecord::getMessage)
        .anySatisfy(m -> assertThat(m).contains("body-text"));
  }

  @Test
  void aBackendAtInfoShowsTheAttemptLinesOfDebugButNoBodies() {
    wm.stubFor(get("/rest/v1/x").willReturn(okJson("{\"name\":\"body-text\"}")));
    try (LogCapture capture = new LogCapture();
        OursPrivacy ours = client(LogLevel.DEBUG)) {
      Logger.getLogger("com.oursprivacy")
          .setLevel(Level.INFO); // the backend's choice; close() restores
      ours.core().execute("GET", "rest/v1/x", null, null, JsonObject.class, RequestOptions.none());
      assertThat(capture.text())
          .contains("<-- GET /rest/v1/x 200")
          .doesNotContain("body-text", "-->");
    }
  }

  @Test
  void offLogsNothing() {
    wm.stubFor(get("/rest/v1/x").willReturn(okJson("{}")));
    try (LogCapture capture = new LogCapture();
        OursPrivacy ours = client(LogLevel.OFF)) {
      ours.core().execute("GET", "rest/v1/x", null, null, JsonObject.class, RequestOptions.none());
      assertThat(capture.text()).isEmpty();
    }
  }

  @Test
  void errorMessagesFromTheServerHaveTheKeyMasked() {
    wm.stubFor(
        get("/rest/v1/x")
            .willReturn(
                aResponse()
                    .withStatus(401)
                    .withBody("{\"error\":\"invalid key " + API_KEY + "\"}")));
    try (OursPrivacy ours = client(LogLevel.OFF)) {
      Throwable t =
          catchThrowable(
              () ->
                  ours.core()
                      .execute(
                          "GET", "rest/v1/x", null, null, JsonObject.class, RequestOptions.none()));
      assertThat(t.getMessage()).contains("invalid key [redacted]").doesNotContain(API_KEY);
    }
  }

  @Test
  void toStringNeverShowsTheKey() {
    try (OursPrivacy ours = client(LogLevel.OFF)) {
      assertThat(ours.toString()).doesNotContain(API_KEY).contains("[redacted]");
      assertThat(ours.core().toString()).doesNotContain(API_KEY);
      assertThat(OursPrivacy.builder().apiKey(API_KEY).toString()).doesNotContain(API_KEY);
    }
  }
}
