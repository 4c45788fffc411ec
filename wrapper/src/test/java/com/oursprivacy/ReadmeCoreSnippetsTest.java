package com.oursprivacy;

import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.oursprivacy.core.RawResponse;
import com.oursprivacy.core.RequestOptions;
import com.oursprivacy.lowlevel.platform.api.DestinationsApi;
import com.oursprivacy.models.Destination;
import com.oursprivacy.testing.Loopback;
import com.oursprivacy.testing.LowLevel;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The README's core snippets, verbatim apart from the base URL (README changes go here too). */
class ReadmeCoreSnippetsTest {
  @RegisterExtension static WireMockExtension wm = Loopback.wireMock();

  @Test
  void platformClientAndRawSnippetsWork() throws Exception {
    wm.stubFor(
        get("/rest/v1/destinations/dst_123")
            .willReturn(
                okJson("{\"id\":\"dst_123\"}")
                    .withHeader("X-RateLimit-Remaining", "9")
                    .withHeader("X-Request-Id", "req_1")));
    wm.stubFor(delete("/rest/v1/destinations/dst_123").willReturn(okJson("true")));

    try (OursPrivacy ours =
        OursPrivacy.builder()
            .apiKey("key")
            .baseUrl("http://127.0.0.1:" + wm.getPort())
            .maxRetries(3)
            .readTimeout(Duration.ofSeconds(20))
            .build()) {
      Destination d = ours.destinations().get("dst_123");
      assertThat(d.getId()).isEqualTo("dst_123");
      Destination viaRaw =
          LowLevel.<Destination>call(
                  ours.raw(DestinationsApi.class),
                  "GET /rest/v1/destinations/{id}",
                  "id",
                  "dst_123")
              .execute()
              .body();
      assertThat(viaRaw.getId()).isEqualTo("dst_123");

      RequestOptions opts =
          RequestOptions.builder()
              .timeout(Duration.ofSeconds(5))
              .maxRetries(0)
              .header("X-Trace", "abc")
              .build();

      DestinationsApi api = ours.raw(DestinationsApi.class);
      Boolean deleted =
          LowLevel.<Boolean>call(api, "DELETE /rest/v1/destinations/{id}", "id", "dst_123")
              .execute()
              .body();
      assertThat(deleted).isTrue();

      RawResponse<Destination> raw = ours.destinations().withRawResponse().get("dst_123", opts);
      int status = raw.statusCode();
      Optional<String> requestId = raw.requestId();
      raw.rateLimit().ifPresent(r -> System.out.println("remaining: " + r.remaining()));
      Destination value = raw.value();
      assertThat(value.getId()).isEqualTo("dst_123");

      CompletableFuture<RawResponse<Destination>> later =
          ours.destinations().withRawResponse().getAsync("dst_123");
      assertThat(later.join().requestId()).contains("req_1");
      assertThat(status).isEqualTo(200);
      assertThat(requestId).contains("req_1");
      assertThat(raw.rateLimit().orElseThrow().remaining()).isEqualTo(9);
    }
  }

  @Test
  void configurationAndLoggingSnippetsBuild() {
    java.util.Map<String, String> env = java.util.Map.of("OURS_PRIVACY_API_KEY", "key-from-env");
    // The README's new InetSocketAddress("proxy.internal", 3128) resolves the name; unresolved
    // here.
    try (OursPrivacy ours =
        OursPrivacy.builder()
            .apiKey(System.getenv("MY_KEY")) // null → ours.privacy.apiKey / OURS_PRIVACY_API_KEY
            .proxy(
                new java.net.Proxy(
                    java.net.Proxy.Type.HTTP,
                    java.net.InetSocketAddress.createUnresolved("proxy.internal", 3128)))
            .connectTimeout(Duration.ofSeconds(5))
            .config(com.oursprivacy.internal.ConfigResolver.of(k -> null, env::get))
            .build()) {
      assertThat(ours.toString()).contains("[redacted]").doesNotContain("key-from-env");
    }
    String key = "key";
    try (OursPrivacy ours =
        OursPrivacy.builder().apiKey(key).logLevel(com.oursprivacy.core.LogLevel.INFO).build()) {
      assertThat(ours.toString()).contains("https://app.oursprivacy.com");
    }
  }
}
