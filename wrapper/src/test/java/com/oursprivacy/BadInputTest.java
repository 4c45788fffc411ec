package com.oursprivacy;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.google.gson.JsonObject;
import com.oursprivacy.core.RawResponse;
import com.oursprivacy.core.RequestOptions;
import com.oursprivacy.errors.OursValidationException;
import com.oursprivacy.ingest.DefaultProperties;
import com.oursprivacy.ingest.Event;
import com.oursprivacy.ingest.OursIngest;
import com.oursprivacy.internal.ClientCoreBuilder;
import com.oursprivacy.resources.DestinationUpdateParams;
import com.oursprivacy.testing.Loopback;
import java.time.Instant;
import java.util.Optional;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 23's smaller items: bad input is always an {@link OursValidationException} naming the
 * field, and what a 2xx response or a builder shows holds no secret.
 */
class BadInputTest {
  @RegisterExtension static WireMockExtension wm = Loopback.wireMock();

  private static void refused(ThrowingCallable call, String field) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            OursValidationException.class, e -> assertThat(e.field()).isEqualTo(field));
  }

  @Test
  void nullEventFieldsAndUnknownDefaultPropertiesNameTheField() {
    refused(() -> Event.named(null), "event.name");
    refused(() -> Event.named("E").userId(null), "event.userId");
    refused(() -> Event.named("E").at(null), "event.time");
    refused(() -> DefaultProperties.builder().property("nope", "x"), "defaultProperties.nope");
    refused(
        () -> DefaultProperties.builder().property("utm_source", 1),
        "defaultProperties.utm_source");
  }

  @Test
  void aSettingsValueJsonCannotCarryIsRefusedWithoutGsonInternals() {
    for (Object bad : new Object[] {Optional.of("x"), Instant.EPOCH, Thread.currentThread()}) {
      assertThatThrownBy(() -> DestinationUpdateParams.builder().putSetting("k", bad).build())
          .as("%s", bad.getClass())
          .isInstanceOfSatisfying(
              OursValidationException.class,
              e ->
                  assertThat(e.getMessage())
                      .contains("settings")
                      .contains(bad.getClass().getName())
                      .contains("use a String, Number, Boolean")
                      .doesNotContainIgnoringCase("gson")
                      .doesNotContain("TypeAdapter")
                      .doesNotContain("Troubleshooting"));
    }
  }

  @Test
  void anApiKeyIsTrimmedAndABlankOneIsRefused() {
    wm.stubFor(get("/rest/v1/x").willReturn(aResponse().withStatus(200).withBody("{}")));
    try (OursPrivacy ours =
        OursPrivacy.builder().apiKey("  k-123456 \t").baseUrl(wm.baseUrl()).build()) {
      ours.core().execute("GET", "rest/v1/x", null, null, JsonObject.class, RequestOptions.none());
    }
    wm.verify(
        getRequestedFor(urlPathEqualTo("/rest/v1/x"))
            .withHeader("Authorization", equalTo("Bearer k-123456")));
    refused(() -> OursPrivacy.builder().apiKey(""), "apiKey");
    refused(() -> OursPrivacy.builder().apiKey(" \t "), "apiKey");
    refused(() -> OursPrivacy.builder().maxRetries(-1), "maxRetries");
    refused(() -> OursPrivacy.builder().maxResponseBytes(0), "maxResponseBytes");
    refused(() -> OursIngest.builder().maxRetries(-1), "maxRetries");
  }

  @Test
  void theHeadersOfASuccessfulResponseAreRedacted() {
    wm.stubFor(
        get("/rest/v1/x")
            .willReturn(
                aResponse()
                    .withStatus(201)
                    .withHeader("Content-Type", "application/json")
                    .withHeader("Set-Cookie", "session=s3cr3t-session; HttpOnly")
                    .withHeader("X-Echo", "key k-123456 seen")
                    .withHeader(
                        "Location", "https://user:pw@example.com/rest/v1/x/1?token=abcdefgh&page=2")
                    .withHeader("X-Request-Id", "req_1")
                    .withBody("{}")));
    try (OursPrivacy ours = Loopback.client(wm.baseUrl()).build()) {
      RawResponse<JsonObject> r =
          ours.core()
              .executeRaw("GET", "rest/v1/x", null, null, JsonObject.class, RequestOptions.none());
      String all = r.headers().toString();
      assertThat(all)
          .doesNotContain("s3cr3t-session")
          .doesNotContain("k-123456")
          .doesNotContain("user:pw")
          .doesNotContain("abcdefgh");
      assertThat(r.header("set-cookie")).hasValue("[redacted]");
      assertThat(r.header("Location"))
          .hasValueSatisfying(
              l ->
                  assertThat(l)
                      .startsWith("https://example.com/rest/v1/x/1?token=")
                      .contains("page=2"));
      assertThat(r.requestId()).hasValue("req_1");
    }
  }

  @Test
  void theDefaultResponseLimitShrinksWithASmallHeap() {
    long mib = 1024L * 1024;
    assertThat(ClientCoreBuilder.defaultMaxResponseBytes(Long.MAX_VALUE)).isEqualTo(32 * mib);
    assertThat(ClientCoreBuilder.defaultMaxResponseBytes(4096 * mib)).isEqualTo(32 * mib);
    assertThat(ClientCoreBuilder.defaultMaxResponseBytes(96 * mib)).isEqualTo(12 * mib);
    assertThat(ClientCoreBuilder.defaultMaxResponseBytes(4 * mib)).isEqualTo(mib);
  }

  @Test
  void aBuilderShowsNoPasswordOfItsBaseUrl() {
    assertThat(
            OursPrivacy.builder()
                .baseUrl("https://admin:hunter2@proxy.example.com")
                .apiKey("k-123456")
                .toString())
        .doesNotContain("hunter2")
        .doesNotContain("admin")
        .doesNotContain("k-123456")
        .contains("proxy.example.com");
  }

  @Test
  void aHandBuiltPathWithABackslashOrMatrixDotSegmentIsRefused() {
    try (OursPrivacy ours = Loopback.client(wm.baseUrl()).build()) {
      for (String path : new String[] {"rest/v1/x/..;/y", "rest/v1/x/..%5Cy", "rest/v1/..%3B"}) {
        assertThatThrownBy(
                () ->
                    ours.core()
                        .execute("GET", path, null, null, JsonObject.class, RequestOptions.none()))
            .as(path)
            .isInstanceOf(OursValidationException.class);
      }
    }
    assertThat(wm.getAllServeEvents()).isEmpty();
  }
}
