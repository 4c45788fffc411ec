package com.oursprivacy.ingest;

import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.oursprivacy.errors.OursException;
import com.oursprivacy.testing.Loopback;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 23 item 10, ingest side: a token supplier rotates the body token of every request, the
 * tracker's included, without rebuilding the client; failures name the supplier, never the token.
 */
class TokenSupplierTest {
  private static final String TOKEN_A = "test_token_aaaaaaaaaaaa";
  private static final String TOKEN_B = "test_token_bbbbbbbbbbbb";

  @RegisterExtension static WireMockExtension wm = Loopback.wireMock();

  private OursIngest client(java.util.function.Supplier<String> tokens) {
    return OursIngest.builder()
        .tokenSupplier(tokens)
        .mode(Mode.TEST)
        .baseUrl(wm.baseUrl() + "/api/v1")
        .maxRetries(0)
        .sleeper(d -> {})
        .lookups(k -> null, k -> null)
        .build();
  }

  private static void ok() {
    wm.stubFor(post(urlPathEqualTo("/api/v1/track")).willReturn(okJson("{\"success\":true}")));
    wm.stubFor(post(urlPathEqualTo("/api/v1/identify")).willReturn(okJson("{\"success\":true}")));
    wm.stubFor(
        post(urlPathEqualTo("/api/v1/batch"))
            .willReturn(okJson("{\"success\":true,\"accepted\":1,\"failed\":0,\"results\":[]}")));
  }

  private static int sentWith(String path, String token) {
    return wm.findAll(
            postRequestedFor(urlPathEqualTo("/api/v1/" + path))
                .withRequestBody(equalToJson("{\"token\":\"" + token + "\"}", true, true)))
        .size();
  }

  @Test
  void everyCallSendsTheTokenTheSupplierReturnsNow() {
    ok();
    AtomicReference<String> store = new AtomicReference<>(TOKEN_A);
    try (OursIngest ingest = client(store::get)) {
      ingest.track(Event.named("E").userId("u"));
      store.set(TOKEN_B);
      ingest.track(Event.named("E").userId("u"));
      ingest.trackAsync(Event.named("E").userId("u")).join();
      ingest.identify(
          Identify.user("u").userProperties(UserProperties.builder().city("X").build()));
      ingest.batch(List.of(Event.named("E").userId("u")));
      assertThat(ingest.toString()).doesNotContain(TOKEN_A).doesNotContain(TOKEN_B);
    }
    assertThat(sentWith("track", TOKEN_A)).isEqualTo(1);
    assertThat(sentWith("track", TOKEN_B)).isEqualTo(2);
    assertThat(sentWith("identify", TOKEN_B)).isEqualTo(1);
    assertThat(sentWith("batch", TOKEN_B)).isEqualTo(1);
  }

  @Test
  void aTrackerMadeBeforeTheRotationSendsTheNewToken() {
    ok();
    AtomicReference<String> store = new AtomicReference<>(TOKEN_A);
    try (OursIngest ingest = client(store::get)) {
      Tracker tracker =
          ingest.tracker(
              TrackerConfig.builder()
                  .flushInterval(Duration.ofHours(1))
                  .shutdownHook(false)
                  .build());
      tracker.track(Event.named("E").userId("u"));
      tracker.flush(Duration.ofSeconds(30));
      store.set(TOKEN_B);
      tracker.track(Event.named("E").userId("u"));
      tracker.close(Duration.ofSeconds(30));
    }
    assertThat(sentWith("batch", TOKEN_A) + sentWith("track", TOKEN_A)).isEqualTo(1);
    assertThat(sentWith("batch", TOKEN_B) + sentWith("track", TOKEN_B)).isEqualTo(1);
  }

  @Test
  void aSupplierNeedsAnExplicitMode() {
    assertThatThrownBy(
            () ->
                OursIngest.builder()
                    .tokenSupplier(() -> TOKEN_A)
                    .baseUrl(wm.baseUrl())
                    .lookups(k -> null, k -> null)
                    .build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("tokenSupplier")
        .hasMessageContaining("OURS_PRIVACY_INGEST_MODE");
  }

  @Test
  void aFailingSupplierFailsTheCallNamingItWithoutTheTokenAndSendsNothing() {
    ok();
    AtomicReference<String> store = new AtomicReference<>(TOKEN_A);
    try (OursIngest ingest =
        client(
            () -> {
              String t = store.get();
              if (t == null) {
                throw new IllegalStateException("vault sealed; last token " + TOKEN_A);
              }
              return t;
            })) {
      store.set(null);
      assertThatThrownBy(() -> ingest.track(Event.named("E").userId("u")))
          .isInstanceOf(OursException.class)
          .hasMessageContaining("tokenSupplier")
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain(TOKEN_A));
      store.set("x".repeat(251));
      assertThatThrownBy(() -> ingest.track(Event.named("E").userId("u")))
          .isInstanceOfSatisfying(
              com.oursprivacy.errors.OursValidationException.class,
              e -> assertThat(e.field()).isEqualTo("tokenSupplier"));
    }
    assertThat(wm.getAllServeEvents()).isEmpty();
  }
}
