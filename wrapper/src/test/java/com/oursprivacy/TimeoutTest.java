package com.oursprivacy;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.google.gson.JsonObject;
import com.oursprivacy.core.RequestOptions;
import com.oursprivacy.errors.OursTimeoutException;
import com.oursprivacy.testing.Calls;
import com.oursprivacy.testing.RecordingSleeper;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TimeoutTest {
  @RegisterExtension
  static WireMockExtension wm =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

  @ParameterizedTest(name = "async={0}")
  @ValueSource(booleans = {false, true})
  void readTimeoutBecomesOursTimeoutExceptionAfterRetries(boolean async) {
    wm.stubFor(get("/rest/v1/slow").willReturn(okJson("{}").withFixedDelay(1_000)));
    try (OursPrivacy ours = OursPrivacy.builder().apiKey("k").baseUrl("http://127.0.0.1:" + wm.getPort())
        .readTimeout(Duration.ofMillis(100)).maxRetries(1).sleeper(new RecordingSleeper()).build()) {
      assertThatThrownBy(() -> Calls.run(async,
              () -> ours.core().execute("GET", "rest/v1/slow", null, null, JsonObject.class, RequestOptions.none()),
              () -> ours.core().executeAsync("GET", "rest/v1/slow", null, null, JsonObject.class, RequestOptions.none())))
          .isInstanceOf(OursTimeoutException.class).hasMessageContaining("timed out after 2 attempts");
      wm.verify(2, anyRequestedFor(anyUrl()));
    }
  }

  @Test
  void perRequestTimeoutOverridesTheClientAndAPostTimeoutIsNotRetried() {
    wm.stubFor(post("/rest/v1/slow").willReturn(okJson("{}").withFixedDelay(1_000)));
    try (OursPrivacy ours = OursPrivacy.builder().apiKey("k").baseUrl("http://127.0.0.1:" + wm.getPort()).sleeper(new RecordingSleeper()).build()) {
      RequestOptions fast = RequestOptions.builder().timeout(Duration.ofMillis(100)).build();
      assertThatThrownBy(() ->
              ours.core().execute("POST", "rest/v1/slow", null, new JsonObject(), JsonObject.class, fast))
          .isInstanceOf(OursTimeoutException.class);
      wm.verify(1, anyRequestedFor(anyUrl()));
    }
  }
}
