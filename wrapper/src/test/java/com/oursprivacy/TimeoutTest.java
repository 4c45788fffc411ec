package com.oursprivacy;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.google.gson.JsonObject;
import com.oursprivacy.core.RequestOptions;
import com.oursprivacy.errors.OursTimeoutException;
import com.oursprivacy.testing.Calls;
import com.oursprivacy.testing.Loopback;
import com.oursprivacy.testing.RecordingSleeper;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TimeoutTest {
  @RegisterExtension static WireMockExtension wm = Loopback.wireMock();

  /**
   * WireMock journals a delayed request only once it has finished serving it, after the client
   * already gave up; wait (bounded) for the journal instead of racing it.
   */
  private static int requestsServed(int expected) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    int n = wm.findAll(anyRequestedFor(anyUrl())).size();
    while (n < expected && System.nanoTime() < deadline) {
      Thread.sleep(50);
      n = wm.findAll(anyRequestedFor(anyUrl())).size();
    }
    Thread.sleep(1_100); // a further, unexpected attempt would be journaled by now
    return wm.findAll(anyRequestedFor(anyUrl())).size();
  }

  @ParameterizedTest(name = "async={0}")
  @ValueSource(booleans = {false, true})
  void readTimeoutBecomesOursTimeoutExceptionAfterRetries(boolean async) throws Exception {
    wm.stubFor(get("/rest/v1/slow").willReturn(okJson("{}").withFixedDelay(1_000)));
    try (OursPrivacy ours =
        OursPrivacy.builder()
            .apiKey("k")
            .baseUrl("http://127.0.0.1:" + wm.getPort())
            .readTimeout(Duration.ofMillis(100))
            .maxRetries(1)
            .sleeper(new RecordingSleeper())
            .build()) {
      assertThatThrownBy(
              () ->
                  Calls.run(
                      async,
                      () ->
                          ours.core()
                              .execute(
                                  "GET",
                                  "rest/v1/slow",
                                  null,
                                  null,
                                  JsonObject.class,
                                  RequestOptions.none()),
                      () ->
                          ours.core()
                              .executeAsync(
                                  "GET",
                                  "rest/v1/slow",
                                  null,
                                  null,
                                  JsonObject.class,
                                  RequestOptions.none())))
          .isInstanceOf(OursTimeoutException.class)
          .hasMessageContaining("timed out after 2 attempts");
      assertThat(requestsServed(2)).isEqualTo(2);
    }
  }

  @Test
  void perRequestTimeoutOverridesTheClientAndAPostTimeoutIsNotRetried() throws Exception {
    wm.stubFor(post("/rest/v1/slow").willReturn(okJson("{}").withFixedDelay(1_000)));
    try (OursPrivacy ours =
        OursPrivacy.builder()
            .apiKey("k")
            .baseUrl("http://127.0.0.1:" + wm.getPort())
            .sleeper(new RecordingSleeper())
            .build()) {
      RequestOptions fast = RequestOptions.builder().timeout(Duration.ofMillis(100)).build();
      assertThatThrownBy(
              () ->
                  ours.core()
                      .execute(
                          "POST", "rest/v1/slow", null, new JsonObject(), JsonObject.class, fast))
          .isInstanceOf(OursTimeoutException.class);
      assertThat(requestsServed(1)).isEqualTo(1);
    }
  }
}
