package com.oursprivacy;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.request;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.google.gson.JsonObject;
import com.oursprivacy.core.RequestOptions;
import com.oursprivacy.errors.BadRequestException;
import com.oursprivacy.errors.ConflictException;
import com.oursprivacy.errors.InternalServerException;
import com.oursprivacy.errors.OursIoException;
import com.oursprivacy.errors.RateLimitException;
import com.oursprivacy.testing.Calls;
import com.oursprivacy.testing.Loopback;
import com.oursprivacy.testing.RecordingSleeper;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RetryTest {
  @RegisterExtension static WireMockExtension wm = Loopback.wireMock();

  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
  private final RecordingSleeper sleeper = new RecordingSleeper();
  private OursPrivacy ours;

  private OursPrivacy client(String baseUrl) {
    ours =
        OursPrivacy.builder()
            .apiKey("test-key")
            .baseUrl(baseUrl)
            .sleeper(sleeper)
            .clock(Clock.fixed(NOW, ZoneOffset.UTC))
            .build();
    return ours;
  }

  private OursPrivacy client() {
    return client("http://127.0.0.1:" + wm.getPort());
  }

  @AfterEach
  void close() {
    if (ours != null) {
      ours.close();
    }
  }

  private JsonObject send(boolean async, String method) {
    JsonObject body = "GET".equals(method) ? null : new JsonObject();
    return Calls.run(
        async,
        () ->
            client()
                .core()
                .execute(
                    method, "/rest/v1/things", null, body, JsonObject.class, RequestOptions.none()),
        () ->
            client()
                .core()
                .executeAsync(
                    method,
                    "/rest/v1/things",
                    null,
                    body,
                    JsonObject.class,
                    RequestOptions.none()));
  }

  private void failTwiceThenSucceed(
      String method, int status, String retryAfterHeader, String retryAfterValue) {
    com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder failure =
        aResponse()
            .withStatus(status)
            .withHeader("Content-Type", "application/json")
            .withBody("{\"error\":\"busy\"}");
    if (retryAfterHeader != null) {
      failure = failure.withHeader(retryAfterHeader, retryAfterValue);
    }
    wm.stubFor(
        request(method, urlEqualTo("/rest/v1/things"))
            .inScenario("s")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(failure)
            .willSetStateTo("one"));
    wm.stubFor(
        request(method, urlEqualTo("/rest/v1/things"))
            .inScenario("s")
            .whenScenarioStateIs("one")
            .willReturn(failure)
            .willSetStateTo("two"));
    wm.stubFor(
        request(method, urlEqualTo("/rest/v1/things"))
            .inScenario("s")
            .whenScenarioStateIs("two")
            .willReturn(okJson("{\"ok\":true}")));
  }

  @ParameterizedTest(name = "async={0}")
  @ValueSource(booleans = {false, true})
  void getRetries503TwiceWithExponentialJitteredBackoff(boolean async) {
    failTwiceThenSucceed("GET", 503, null, null);

    JsonObject result = send(async, "GET");

    assertThat(result.get("ok").getAsBoolean()).isTrue();
    wm.verify(3, anyRequestedFor(anyUrl()));
    assertThat(sleeper.delays()).hasSize(2);
    // Defaults: retry 1 waits 0.375–0.5 s, retry 2 waits 0.75–1 s.
    assertThat(sleeper.delays().get(0)).isBetween(Duration.ofMillis(375), Duration.ofMillis(500));
    assertThat(sleeper.delays().get(1)).isBetween(Duration.ofMillis(750), Duration.ofMillis(1000));
  }

  @ParameterizedTest(name = "async={0}")
  @ValueSource(booleans = {false, true})
  void getGivesUpAfterMaxRetriesWithTheLastStatusException(boolean async) {
    wm.stubFor(
        get("/rest/v1/things")
            .willReturn(aResponse().withStatus(500).withBody("{\"error\":\"boom\"}")));

    assertThatThrownBy(() -> send(async, "GET"))
        .isInstanceOfSatisfying(
            InternalServerException.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(500);
              assertThat(e.error()).contains("boom");
            });
    wm.verify(3, anyRequestedFor(anyUrl()));
  }

  @Test
  void retryAfterSecondsIsHonouredExactly() {
    failTwiceThenSucceed("GET", 429, "Retry-After", "3");
    send(false, "GET");
    assertThat(sleeper.delays()).containsExactly(Duration.ofSeconds(3), Duration.ofSeconds(3));
  }

  @Test
  void retryAfterMsIsHonouredAndWinsOverRetryAfter() {
    wm.stubFor(
        get("/rest/v1/things")
            .inScenario("s")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(
                aResponse()
                    .withStatus(429)
                    .withHeader("retry-after-ms", "1500")
                    .withHeader("Retry-After", "9"))
            .willSetStateTo("ok"));
    wm.stubFor(
        get("/rest/v1/things").inScenario("s").whenScenarioStateIs("ok").willReturn(okJson("{}")));
    send(false, "GET");
    assertThat(sleeper.delays()).containsExactly(Duration.ofMillis(1500));
  }

  @Test
  void retryAfterHttpDateIsMeasuredAgainstTheInjectedClock() {
    String date =
        DateTimeFormatter.RFC_1123_DATE_TIME.format(NOW.plusSeconds(7).atZone(ZoneOffset.UTC));
    failTwiceThenSucceed("GET", 503, "Retry-After", date);
    send(false, "GET");
    assertThat(sleeper.delays()).containsExactly(Duration.ofSeconds(7), Duration.ofSeconds(7));
  }

  @Test
  void retryAfterLongerThanSixtySecondsIsNotWaitedForButReported() {
    wm.stubFor(
        get("/rest/v1/things")
            .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "3600")));
    assertThatThrownBy(() -> send(false, "GET"))
        .isInstanceOfSatisfying(
            RateLimitException.class,
            e -> assertThat(e.retryAfter()).contains(Duration.ofHours(1)));
    wm.verify(1, anyRequestedFor(anyUrl()));
    assertThat(sleeper.delays()).isEmpty();
  }

  @ParameterizedTest(name = "async={0}")
  @ValueSource(booleans = {false, true})
  void postIsNotRetriedOn500BecauseTheServerMayHaveActed(boolean async) {
    wm.stubFor(post("/rest/v1/things").willReturn(aResponse().withStatus(500)));
    assertThatThrownBy(() -> send(async, "POST")).isInstanceOf(InternalServerException.class);
    wm.verify(1, anyRequestedFor(anyUrl()));
  }

  @Test
  void postIsNotRetriedOn409ButGetIs() {
    wm.stubFor(any(urlEqualTo("/rest/v1/things")).willReturn(aResponse().withStatus(409)));
    assertThatThrownBy(() -> send(false, "POST")).isInstanceOf(ConflictException.class);
    wm.verify(1, anyRequestedFor(anyUrl()));
    wm.resetRequests();
    assertThatThrownBy(() -> send(false, "GET")).isInstanceOf(ConflictException.class);
    wm.verify(3, anyRequestedFor(anyUrl()));
  }

  @Test
  void postIsRetriedOn429AndOn408() {
    failTwiceThenSucceed("POST", 429, null, null);
    send(false, "POST");
    wm.verify(3, anyRequestedFor(anyUrl()));

    wm.resetAll();
    failTwiceThenSucceed("POST", 408, null, null);
    send(false, "POST");
    wm.verify(3, anyRequestedFor(anyUrl()));
  }

  @Test
  void postIsRetriedOn503OnlyWithRetryAfter() {
    failTwiceThenSucceed("POST", 503, "Retry-After", "1");
    send(false, "POST");
    wm.verify(3, anyRequestedFor(anyUrl()));

    wm.resetAll();
    wm.stubFor(post("/rest/v1/things").willReturn(aResponse().withStatus(503)));
    assertThatThrownBy(() -> send(false, "POST")).isInstanceOf(InternalServerException.class);
    wm.verify(1, anyRequestedFor(anyUrl()));
  }

  @Test
  void clientErrorsAreNeverRetried() {
    wm.stubFor(get("/rest/v1/things").willReturn(aResponse().withStatus(400)));
    assertThatThrownBy(() -> send(false, "GET")).isInstanceOf(BadRequestException.class);
    wm.verify(1, anyRequestedFor(anyUrl()));
    assertThat(sleeper.delays()).isEmpty();
  }

  @ParameterizedTest(name = "async={0}")
  @ValueSource(booleans = {false, true})
  void postIsRetriedWhenTheConnectionIsRefusedBecauseNothingWasSent(boolean async)
      throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    client("http://127.0.0.1:" + port);
    JsonObject body = new JsonObject();
    assertThatThrownBy(
            () ->
                Calls.run(
                    async,
                    () ->
                        ours.core()
                            .execute(
                                "POST", "x", null, body, JsonObject.class, RequestOptions.none()),
                    () ->
                        ours.core()
                            .executeAsync(
                                "POST", "x", null, body, JsonObject.class, RequestOptions.none())))
        .isInstanceOf(OursIoException.class)
        .hasMessageContaining("after 3 attempts");
    assertThat(sleeper.delays()).hasSize(2);
  }

  @ParameterizedTest(name = "async={0}")
  @ValueSource(booleans = {false, true})
  void postIsNotRetriedWhenTheConnectionDropsAfterSending(boolean async) {
    wm.stubFor(
        post("/rest/v1/things").willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
    assertThatThrownBy(() -> send(async, "POST")).isInstanceOf(OursIoException.class);
    wm.verify(1, anyRequestedFor(anyUrl()));
  }

  @Test
  void getIsRetriedWhenTheConnectionDrops() {
    wm.stubFor(
        get("/rest/v1/things")
            .inScenario("s")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER))
            .willSetStateTo("ok"));
    wm.stubFor(
        get("/rest/v1/things")
            .inScenario("s")
            .whenScenarioStateIs("ok")
            .willReturn(okJson("{\"ok\":true}")));
    assertThat(send(false, "GET").get("ok").getAsBoolean()).isTrue();
    wm.verify(2, anyRequestedFor(anyUrl()));
  }

  @Test
  void requestOptionsMaxRetriesOverridesTheClient() {
    wm.stubFor(get("/rest/v1/things").willReturn(aResponse().withStatus(502)));
    RequestOptions noRetry = RequestOptions.builder().maxRetries(0).build();
    assertThatThrownBy(
            () ->
                client()
                    .core()
                    .execute("GET", "rest/v1/things", null, null, JsonObject.class, noRetry))
        .isInstanceOf(InternalServerException.class);
    wm.verify(1, anyRequestedFor(anyUrl()));
  }

  @Test
  void builderMaxRetriesSetsTheAttemptCount() {
    wm.stubFor(get("/rest/v1/things").willReturn(aResponse().withStatus(500)));
    ours =
        OursPrivacy.builder()
            .apiKey("k")
            .baseUrl("http://127.0.0.1:" + wm.getPort())
            .sleeper(sleeper)
            .maxRetries(4)
            .build();
    assertThatThrownBy(
            () ->
                ours.core()
                    .execute(
                        "GET",
                        "rest/v1/things",
                        null,
                        null,
                        JsonObject.class,
                        RequestOptions.none()))
        .isInstanceOf(InternalServerException.class);
    wm.verify(5, anyRequestedFor(anyUrl()));
  }
}
