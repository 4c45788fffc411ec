package com.oursprivacy;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.oursprivacy.core.LogLevel;
import com.oursprivacy.core.RequestOptions;
import com.oursprivacy.errors.OursValidationException;
import com.oursprivacy.internal.ClientCore;
import com.oursprivacy.internal.ConfigResolver;
import com.oursprivacy.testing.Loopback;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConfigurationTest {
  @RegisterExtension static WireMockExtension wm = Loopback.wireMock();

  private String base() {
    return "http://127.0.0.1:" + wm.getPort();
  }

  @Test
  void systemPropertiesWinOverEnvironmentVariables() {
    Map<String, String> props =
        Map.of("ours.privacy.apiKey", "from-prop", "ours.privacy.log", "debug");
    Map<String, String> env =
        Map.of("OURS_PRIVACY_API_KEY", "from-env", "OURS_PRIVACY_BASE_URL", base());
    wm.stubFor(get("/rest/v1/x").willReturn(okJson("{}")));
    try (OursPrivacy ours =
        OursPrivacy.builder().config(ConfigResolver.of(props::get, env::get)).build()) {
      assertThat(ours.core().baseUrl()).isEqualTo(base() + "/");
      ours.core().execute("GET", "rest/v1/x", null, null, JsonObject.class, RequestOptions.none());
    }
    wm.verify(
        getRequestedFor(urlPathEqualTo("/rest/v1/x"))
            .withHeader("Authorization", equalTo("Bearer from-prop")));
  }

  @Test
  void missingApiKeyNamesTheVariableAndProperty() {
    assertThatThrownBy(
            () -> OursPrivacy.builder().config(ConfigResolver.of(k -> null, k -> null)).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("OURS_PRIVACY_API_KEY")
        .hasMessageContaining("ours.privacy.apiKey");
  }

  @Test
  void unknownLogLevelIsRejectedWithoutEchoingIt() {
    assertThatThrownBy(
            () ->
                OursPrivacy.builder()
                    .apiKey("k")
                    .config(
                        ConfigResolver.of(
                            k -> null, k -> k.equals("OURS_PRIVACY_LOG") ? "verbose" : null))
                    .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("off, info, debug")
        .hasMessageNotContaining("verbose");
  }

  @Test
  void anApiKeyFromAnUnsetVariableIsNotABareNullPointerException() {
    String unset = System.getenv("OURS_PRIVACY_TEST_SURELY_UNSET_VARIABLE");
    assertThatThrownBy(
            () ->
                OursPrivacy.builder()
                    .apiKey(unset)
                    .config(ConfigResolver.of(k -> null, k -> null))
                    .build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("apiKey(String)")
        .hasMessageContaining("ours.privacy.apiKey")
        .hasMessageContaining("OURS_PRIVACY_API_KEY");
  }

  @Test
  void aNullApiKeyFallsBackToTheEnvironment() {
    wm.stubFor(get("/rest/v1/x").willReturn(okJson("{}")));
    Map<String, String> env = Map.of("OURS_PRIVACY_API_KEY", "from-env");
    try (OursPrivacy ours =
        OursPrivacy.builder()
            .apiKey(null)
            .baseUrl(base())
            .config(ConfigResolver.of(k -> null, env::get))
            .build()) {
      ours.core().execute("GET", "rest/v1/x", null, null, JsonObject.class, RequestOptions.none());
    }
    wm.verify(
        getRequestedFor(urlPathEqualTo("/rest/v1/x"))
            .withHeader("Authorization", equalTo("Bearer from-env")));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "sk_live_abc\r\nX-Injected: yes",
        "sk_live_abc\nsk_live_def",
        "sk_live_\u0000abc",
        "sk_live_ä"
      })
  void anApiKeyThatCannotBeAHeaderIsRejectedAtBuildWithoutEchoingIt(String key) {
    assertThatThrownBy(
            () ->
                OursPrivacy.builder()
                    .apiKey(key)
                    .config(ConfigResolver.of(k -> null, k -> null))
                    .build())
        .isInstanceOf(OursValidationException.class)
        .hasMessageContaining("apiKey(String)")
        .hasMessageNotContaining("sk_live");
    Map<String, String> env = Map.of("OURS_PRIVACY_API_KEY", key + "x");
    assertThatThrownBy(
            () -> OursPrivacy.builder().config(ConfigResolver.of(k -> null, env::get)).build())
        .isInstanceOf(OursValidationException.class)
        .hasMessageContaining("OURS_PRIVACY_API_KEY")
        .hasMessageNotContaining("sk_live");
    assertThat(wm.getAllServeEvents()).isEmpty();
  }

  @Test
  void aBlankLogVariableIsIgnored() {
    Map<String, String> env = Map.of("OURS_PRIVACY_LOG", "  ", "OURS_PRIVACY_API_KEY", "k");
    try (OursPrivacy ours =
        OursPrivacy.builder().config(ConfigResolver.of(k -> null, env::get)).build()) {
      assertThat(ours.toString()).contains("[redacted]");
    }
  }

  @Test
  void defaultBaseUrlIsTheProductionApi() {
    try (OursPrivacy ours = OursPrivacy.builder().apiKey("k").logLevel(LogLevel.OFF).build()) {
      assertThat(ours.core().baseUrl()).isEqualTo("https://app.oursprivacy.com/");
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"http://example.com", "http://10.0.0.1:8080", "ftp://example.com", "not a url"})
  void insecureOrMalformedBaseUrlsAreRejectedAtBuild(String url) {
    assertThatThrownBy(() -> OursPrivacy.builder().apiKey("k").baseUrl(url).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("baseUrl");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://localhost:1",
        "http://127.0.0.1:1",
        "http://[::1]:1",
        "https://example.com"
      })
  void httpsAndLoopbackBaseUrlsAreAccepted(String url) {
    OursPrivacy.builder().apiKey("k").baseUrl(url).build().close();
  }

  @Test
  void allowInsecureHttpPermitsPlainHttpElsewhere() {
    try (OursPrivacy ours =
        OursPrivacy.builder()
            .apiKey("k")
            .baseUrl("http://example.com")
            .allowInsecureHttp()
            .build()) {
      assertThat(ours.core().baseUrl()).isEqualTo("http://example.com/");
    }
  }

  @Test
  void requestOptionsAddHeadersAndQueryAndDefaultsAreSent() {
    wm.stubFor(get(urlPathEqualTo("/rest/v1/x")).willReturn(okJson("{}")));
    try (OursPrivacy ours = OursPrivacy.builder().apiKey("k").baseUrl(base()).build()) {
      RequestOptions opts =
          RequestOptions.builder().header("X-Trace", "t1").queryParam("limit", "5").build();
      ours.core()
          .execute(
              "GET",
              "/rest/v1/x",
              Map.of("limit", "1", "cursor", "c"),
              null,
              JsonObject.class,
              opts);
    }
    wm.verify(
        getRequestedFor(urlPathEqualTo("/rest/v1/x"))
            .withHeader("X-Trace", equalTo("t1"))
            .withHeader("Authorization", equalTo("Bearer k"))
            .withHeader("User-Agent", equalTo(com.oursprivacy.internal.UserAgent.VALUE))
            .withQueryParam("limit", equalTo("5"))
            .withQueryParam("cursor", equalTo("c")));
  }

  @Test
  void handBuiltPatchKeepsExplicitNulls() {
    wm.stubFor(
        patch(urlPathEqualTo("/rest/v1/destinations/d1")).willReturn(okJson("{\"id\":\"d1\"}")));
    JsonObject body = new JsonObject();
    body.add("name", JsonNull.INSTANCE);
    body.addProperty("status", "Enabled");
    try (OursPrivacy ours = OursPrivacy.builder().apiKey("k").baseUrl(base()).build()) {
      JsonObject out =
          ours.core()
              .execute(
                  "PATCH",
                  "rest/v1/destinations/d1",
                  null,
                  body,
                  JsonObject.class,
                  RequestOptions.none());
      assertThat(out.get("id").getAsString()).isEqualTo("d1");
    }
    wm.verify(
        patchRequestedFor(urlPathEqualTo("/rest/v1/destinations/d1"))
            .withHeader("Content-Type", containing("application/json"))
            .withRequestBody(equalToJson("{\"name\":null,\"status\":\"Enabled\"}")));
  }

  @Test
  void aCoreWithoutBearerTokenSendsNoAuthorization() {
    wm.stubFor(get(urlPathEqualTo("/api/v1/x")).willReturn(okJson("{\"success\":true}")));
    try (ClientCore core = ClientCore.builder().baseUrl(base() + "/api/v1").build()) {
      JsonObject out =
          core.execute("GET", "x", null, null, JsonObject.class, RequestOptions.none());
      assertThat(out.get("success").getAsBoolean()).isTrue();
    }
    wm.verify(getRequestedFor(urlPathEqualTo("/api/v1/x")).withHeader("Authorization", absent()));
  }
}
