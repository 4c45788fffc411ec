package com.oursprivacy;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.oursprivacy.core.AttemptEnd;
import com.oursprivacy.core.AttemptStart;
import com.oursprivacy.core.CallEnd;
import com.oursprivacy.core.CallInfo;
import com.oursprivacy.core.CallListener;
import com.oursprivacy.core.RetryDecision;
import com.oursprivacy.errors.NotFoundException;
import com.oursprivacy.ingest.Event;
import com.oursprivacy.ingest.OursIngest;
import com.oursprivacy.models.Destination;
import com.oursprivacy.testing.Calls;
import com.oursprivacy.testing.LogCapture;
import com.oursprivacy.testing.Loopback;
import com.oursprivacy.testing.RecordingSleeper;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Issue 26: the core's call listener sees logical calls, their attempts and retries. */
class CallListenerTest {
  private static final String DESTINATION =
      "{\"id\":\"dst_1\",\"type\":\"Klaviyo\",\"status\":\"Enabled\","
          + "\"createdAt\":\"2026-01-01T00:00:00Z\",\"name\":\"n\"}";

  @RegisterExtension static WireMockExtension wm = Loopback.wireMock();

  /** Writes each event as one line, in order. */
  static final class Recorder implements CallListener {
    final List<String> lines = new ArrayList<>();
    final List<CallInfo> calls = new ArrayList<>();
    final List<CallEnd> ends = new ArrayList<>();

    @Override
    public synchronized void onCallStart(CallInfo call) {
      calls.add(call);
      lines.add(
          "start "
              + call.api()
              + " "
              + call.operation()
              + " "
              + call.method()
              + " "
              + call.pathTemplate());
    }

    @Override
    public synchronized void onAttemptStart(AttemptStart a) {
      check(a.call());
      lines.add("attempt " + a.attempt());
    }

    @Override
    public synchronized void onAttemptEnd(AttemptEnd a) {
      check(a.call());
      lines.add(
          "attempt end "
              + a.attempt()
              + " "
              + a.statusCode()
              + a.exception().map(e -> " " + e.getClass().getSimpleName()).orElse(""));
    }

    @Override
    public synchronized void onRetry(RetryDecision r) {
      check(r.call());
      lines.add("retry after " + r.attempt() + ": " + r.reason());
    }

    @Override
    public synchronized void onCallEnd(CallEnd e) {
      check(e.call());
      ends.add(e);
      lines.add(
          "end "
              + e.statusCode()
              + " attempts="
              + e.attempts()
              + " retries="
              + e.retries()
              + " "
              + e.errorType().orElse("ok"));
    }

    private void check(CallInfo call) {
      assertThat(call).isSameAs(calls.get(calls.size() - 1));
    }
  }

  /** Throws from every method. */
  static final class Thrower implements CallListener {
    int calls;

    private void boom() {
      calls++;
      throw new IllegalStateException("listener bug");
    }

    @Override
    public void onCallStart(CallInfo call) {
      boom();
    }

    @Override
    public void addHeaders(CallInfo call, BiConsumer<String, String> header) {
      boom();
    }

    @Override
    public void onAttemptStart(AttemptStart attempt) {
      boom();
    }

    @Override
    public void onAttemptEnd(AttemptEnd attempt) {
      boom();
    }

    @Override
    public void onRetry(RetryDecision retry) {
      boom();
    }

    @Override
    public void onCallEnd(CallEnd end) {
      boom();
    }
  }

  private static void stub503Then200() {
    wm.stubFor(
        get("/rest/v1/destinations/dst_1")
            .inScenario("retry")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(aResponse().withStatus(503))
            .willSetStateTo("ok"));
    wm.stubFor(
        get("/rest/v1/destinations/dst_1")
            .inScenario("retry")
            .whenScenarioStateIs("ok")
            .willReturn(okJson(DESTINATION)));
  }

  @ParameterizedTest(name = "async={0}")
  @ValueSource(booleans = {false, true})
  void aRetriedCallIsOneCallWithTwoAttemptsAndOneRetry(boolean async) {
    stub503Then200();
    Recorder r = new Recorder();
    try (OursPrivacy ours = Loopback.client(wm.baseUrl()).listener(r).build()) {
      Destination d =
          Calls.run(
              async,
              () -> ours.destinations().get("dst_1"),
              () -> ours.destinations().getAsync("dst_1"));
      assertThat(d.getId()).isEqualTo("dst_1");
    }
    assertThat(r.lines)
        .containsExactly(
            "start PLATFORM destinations.retrieve GET /rest/v1/destinations/{id}",
            "attempt 1",
            "attempt end 1 503",
            "retry after 1: HTTP 503",
            "attempt 2",
            "attempt end 2 200",
            "end 200 attempts=2 retries=1 ok");
    assertThat(r.calls.get(0).maxAttempts()).isEqualTo(3);
    assertThat(r.ends.get(0).succeeded()).isTrue();
  }

  @ParameterizedTest(name = "async={0}")
  @ValueSource(booleans = {false, true})
  void anErrorStatusEndsTheCallWithItsExceptionType(boolean async) {
    wm.stubFor(
        get("/rest/v1/destinations/dst_404")
            .willReturn(
                aResponse().withStatus(404).withBody("{\"error\":\"not found\",\"details\":[]}")));
    Recorder r = new Recorder();
    try (OursPrivacy ours = Loopback.client(wm.baseUrl()).listener(r).build()) {
      assertThatThrownBy(
              () ->
                  Calls.run(
                      async,
                      () -> ours.destinations().get("dst_404"),
                      () -> ours.destinations().getAsync("dst_404")))
          .isInstanceOf(NotFoundException.class);
    }
    assertThat(r.lines)
        .containsExactly(
            "start PLATFORM destinations.retrieve GET /rest/v1/destinations/{id}",
            "attempt 1",
            "attempt end 1 404",
            "end 404 attempts=1 retries=0 NotFoundException");
    assertThat(r.ends.get(0).exception()).containsInstanceOf(NotFoundException.class);
  }

  @ParameterizedTest(name = "async={0}")
  @ValueSource(booleans = {false, true})
  void aThrowingListenerChangesNoResultAndLaterListenersStillHearEverything(boolean async) {
    stub503Then200();
    Thrower thrower = new Thrower();
    Recorder r = new Recorder();
    try (LogCapture log = new LogCapture();
        OursPrivacy ours = Loopback.client(wm.baseUrl()).listener(thrower).listener(r).build()) {
      Destination d =
          Calls.run(
              async,
              () -> ours.destinations().get("dst_1"),
              () -> ours.destinations().getAsync("dst_1"));
      assertThat(d.getId()).isEqualTo("dst_1");
      assertThat(log.records())
          .filteredOn(rec -> Level.WARNING.equals(rec.getLevel()))
          .singleElement()
          .satisfies(rec -> assertThat(rec.getLoggerName()).endsWith("CallListener"));
    }
    assertThat(thrower.calls).isEqualTo(8); // start, headers, 2 × (attempt, end), retry, end
    assertThat(r.lines).hasSize(7).last().isEqualTo("end 200 attempts=2 retries=1 ok");
  }

  @Test
  void headersFromAListenerAreSentButNeverReplaceTheClientsOwn() {
    wm.stubFor(get("/rest/v1/destinations/dst_1").willReturn(okJson(DESTINATION)));
    CallListener headers =
        new CallListener() {
          @Override
          public void addHeaders(CallInfo call, BiConsumer<String, String> header) {
            header.accept("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
            header.accept("Authorization", "Bearer stolen");
            header.accept("X-Bad", "line\r\nbreak");
          }
        };
    try (OursPrivacy ours = Loopback.client(wm.baseUrl()).listener(headers).build()) {
      ours.destinations().get("dst_1");
    }
    wm.verify(
        getRequestedFor(urlEqualTo("/rest/v1/destinations/dst_1"))
            .withHeader(
                "traceparent", equalTo("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"))
            .withHeader("Authorization", equalTo("Bearer k-123456"))
            .withHeader("X-Bad", absent()));
  }

  @Test
  void ingestCallsAreNamedAndTemplated() {
    wm.stubFor(post("/api/v1/track").willReturn(okJson("{\"success\":true}")));
    Recorder r = new Recorder();
    try (OursIngest ingest =
        OursIngest.builder()
            .token("live-token-123")
            .baseUrl(wm.baseUrl() + "/api/v1")
            .sleeper(new RecordingSleeper())
            .listener(r)
            .build()) {
      ingest.track(Event.named("Purchase").userId("u1"));
    }
    assertThat(r.lines)
        .containsExactly(
            "start INGEST track POST /track",
            "attempt 1",
            "attempt end 1 200",
            "end 200 attempts=1 retries=0 ok");
  }
}
