package com.oursprivacy;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.oursprivacy.errors.OursApiException;
import com.oursprivacy.errors.RedirectException;
import com.oursprivacy.ingest.Event;
import com.oursprivacy.ingest.OursIngest;
import com.oursprivacy.models.DestinationCreateType;
import com.oursprivacy.resources.DestinationCreateParams;
import com.oursprivacy.testing.Calls;
import com.oursprivacy.testing.Loopback;
import com.oursprivacy.testing.RecordingSleeper;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Issue 12 item 1: the SDK's clients never follow a redirect. */
class RedirectTest {
  private static final String TOKEN = "live-SECRET-token-123";

  @RegisterExtension static WireMockExtension api = Loopback.wireMock();

  /** The "other host" a hostile answer points to: it must never hear from the SDK. */
  @RegisterExtension static WireMockExtension elsewhere = Loopback.wireMock();

  private String elsewhereUrl(String path) {
    // "localhost", not 127.0.0.1: another host name, as a cross-host hop would be.
    return "http://user:pw@localhost:" + elsewhere.getPort() + path + "?token=" + TOKEN + "&x=1";
  }

  @ParameterizedTest(name = "async={0}")
  @ValueSource(booleans = {false, true})
  void a307OnTrackIsNotFollowedAndTheTokenNeverReachesTheOtherHost(boolean async) {
    elsewhere.stubFor(any(anyUrl()).willReturn(okJson("{\"success\":true}")));
    api.stubFor(
        post("/api/v1/track")
            .willReturn(
                aResponse().withStatus(307).withHeader("Location", elsewhereUrl("/api/v1/track"))));
    try (OursIngest ingest =
        OursIngest.builder()
            .token(TOKEN)
            .baseUrl("http://127.0.0.1:" + api.getPort() + "/api/v1")
            .sleeper(d -> {})
            .build()) {
      Event e = Event.named("Purchase").userId("u1");
      assertThatThrownBy(() -> Calls.run(async, () -> ingest.track(e), () -> ingest.trackAsync(e)))
          .isInstanceOfSatisfying(
              RedirectException.class,
              r -> {
                assertThat(r.statusCode()).isEqualTo(307);
                assertThat(r.location())
                    .hasValueSatisfying(
                        loc ->
                            assertThat(loc)
                                .contains("localhost:" + elsewhere.getPort() + "/api/v1/track")
                                .doesNotContain("user:pw")
                                .doesNotContain(TOKEN));
                assertThat(r.getMessage())
                    .startsWith("307 redirect to http://localhost:" + elsewhere.getPort())
                    .contains("/api/v1/track")
                    .contains("not followed")
                    .doesNotContain("user:pw")
                    .doesNotContain(TOKEN);
              });
    }
    assertThat(elsewhere.getAllServeEvents()).isEmpty();
  }

  @ParameterizedTest(name = "async={0}")
  @ValueSource(booleans = {false, true})
  void a302OnCreateIsARedirectExceptionNotASilentGetThatReportsSuccess(boolean async) {
    elsewhere.stubFor(
        any(anyUrl())
            .willReturn(
                okJson(
                    "{\"id\":\"dst_1\",\"type\":\"Klaviyo\",\"status\":\"Enabled\",\"createdAt\":\"2026-01-01T00:00:00Z\"}")));
    api.stubFor(
        post("/rest/v1/destinations")
            .willReturn(
                aResponse()
                    .withStatus(302)
                    .withHeader("Location", elsewhereUrl("/rest/v1/destinations/dst_1"))));
    try (OursPrivacy ours = Loopback.client("http://127.0.0.1:" + api.getPort()).build()) {
      DestinationCreateParams body =
          DestinationCreateParams.builder().name("k").type(DestinationCreateType.KLAVIYO).build();
      assertThatThrownBy(
              () ->
                  Calls.run(
                      async,
                      () -> ours.destinations().create(body),
                      () -> ours.destinations().createAsync(body)))
          .isInstanceOfSatisfying(
              RedirectException.class, r -> assertThat(r.statusCode()).isEqualTo(302));
    }
    assertThat(elsewhere.getAllServeEvents()).isEmpty();
  }

  @Test
  void aClientDerivedFromASuppliedOkHttpClientDoesNotFollowEither() {
    elsewhere.stubFor(any(anyUrl()).willReturn(okJson("true")));
    api.stubFor(
        get("/rest/v1/destinations/dst_1")
            .willReturn(aResponse().withStatus(301).withHeader("Location", elsewhereUrl("/x"))));
    OkHttpClient shared =
        new OkHttpClient.Builder().followRedirects(true).followSslRedirects(true).build();
    try (OursPrivacy ours =
        OursPrivacy.builder()
            .apiKey("k-123456")
            .httpClient(shared)
            .baseUrl("http://127.0.0.1:" + api.getPort())
            .sleeper(new RecordingSleeper())
            .build()) {
      assertThatThrownBy(() -> ours.destinations().get("dst_1"))
          .isInstanceOf(RedirectException.class);
    } finally {
      shared.dispatcher().executorService().shutdown();
      shared.connectionPool().evictAll();
    }
    assertThat(elsewhere.getAllServeEvents()).isEmpty();
  }

  /** The README's "Security / trust boundary" snippet, verbatim apart from the base URL. */
  @Test
  void readmeTrustBoundarySnippetWorks() {
    api.stubFor(
        get("/rest/v1/destinations/dst_123")
            .willReturn(
                aResponse()
                    .withStatus(308)
                    .withHeader("Location", elsewhereUrl("/rest/v1/destinations/dst_123"))));
    String key = "k-123456";
    java.io.PrintStream err = System.err;
    java.io.ByteArrayOutputStream printed = new java.io.ByteArrayOutputStream();
    System.setErr(new java.io.PrintStream(printed, true, java.nio.charset.StandardCharsets.UTF_8));
    try {
      OursPrivacy ours =
          OursPrivacy.builder()
              .apiKey(key)
              .maxResponseBytes(8L * 1024 * 1024)
              .baseUrl("http://127.0.0.1:" + api.getPort())
              .build();
      try {
        ours.destinations().get("dst_123");
      } catch (RedirectException e) {
        System.err.println("moved to " + e.location().orElse("?")); // userinfo and secrets masked
      } catch (OursApiException e) {
        System.err.println(e.statusCode() + " " + e.rawBody()); // safe to log: redacted
      }
      ours.close();
    } finally {
      System.setErr(err);
    }
    assertThat(printed.toString(java.nio.charset.StandardCharsets.UTF_8))
        .startsWith(
            "moved to http://localhost:"
                + elsewhere.getPort()
                + "/rest/v1/destinations/dst_123?token=[redacted]")
        .doesNotContain(TOKEN);
  }
}
