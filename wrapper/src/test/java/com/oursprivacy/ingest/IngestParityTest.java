package com.oursprivacy.ingest;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.oursprivacy.OursPrivacy;
import com.oursprivacy.errors.OursTimeoutException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * OursIngest's builder matches OursPrivacy's: HTTP client, proxy, timeouts, base URL resolution.
 */
class IngestParityTest {
  private static final String TEST = "tok_test_parity";
  private static final String LIVE = "tok_live_parity";

  private final IngestServer server = new IngestServer();

  @AfterEach
  void stop() {
    server.close();
  }

  private OursIngest.Builder builder() {
    return OursIngest.builder().testToken(TEST).sleeper(d -> {}).lookups(k -> null, k -> null);
  }

  private String platformBase() {
    return "http://127.0.0.1:" + server.wm.port();
  }

  private OursPrivacy platform() {
    server.wm.stubFor(
        get("/rest/v1/sources/src_1/tokens")
            .willReturn(
                okJson(
                    "{\"sourceType\":\"pixel\",\"token\":\""
                        + LIVE
                        + "\",\"testToken\":\""
                        + TEST
                        + "\"}")));
    return OursPrivacy.builder().apiKey("k").baseUrl(platformBase()).build();
  }

  @Test
  void aSuppliedHttpClientCarriesTheRequests() {
    List<String> seen = new CopyOnWriteArrayList<>();
    OkHttpClient shared =
        new OkHttpClient.Builder()
            .addInterceptor(
                chain -> {
                  seen.add(chain.request().url().encodedPath());
                  return chain.proceed(chain.request());
                })
            .build();
    try (OursIngest ingest = builder().baseUrl(server.baseUrl()).httpClient(shared).build()) {
      ingest.track(Event.named("A").userId("u1"));
    }
    assertThat(seen).containsExactly("/api/v1/track");
    assertThat(shared.dispatcher().executorService().isShutdown())
        .isFalse(); // close() left it alone
  }

  @Test
  void aProxyReceivesTheRequestsForTheIngestHost() {
    Proxy proxy =
        new Proxy(
            Proxy.Type.HTTP,
            new InetSocketAddress(InetAddress.getLoopbackAddress(), server.wm.port()));
    try (OursIngest ingest =
        builder()
            .baseUrl("http://ingest.invalid/api/v1")
            .allowInsecureHttp()
            .proxy(proxy)
            .build()) {
      ingest.track(Event.named("A").userId("u1"));
    }
    assertThat(server.requests()).hasSize(1);
    assertThat(server.requests().get(0).getRequest().getHeader("Host")).isEqualTo("ingest.invalid");
    assertThat(server.bodies().get(0).get("token").getAsString()).isEqualTo(TEST);
  }

  @Test
  void aReadTimeoutBecomesOursTimeoutException() {
    server.wm.stubFor(
        post("/api/v1/track").willReturn(okJson("{\"success\":true}").withFixedDelay(2_000)));
    try (OursIngest ingest =
        builder()
            .baseUrl(server.baseUrl())
            .maxRetries(0)
            .connectTimeout(Duration.ofSeconds(5))
            .readTimeout(Duration.ofMillis(100))
            .callTimeout(Duration.ofSeconds(10))
            .build()) {
      assertThatThrownBy(() -> ingest.track(Event.named("A").userId("u1")))
          .isInstanceOf(OursTimeoutException.class);
    }
  }

  @Test
  void aCallTimeoutBoundsTheWholeAttempt() {
    server.wm.stubFor(
        post("/api/v1/track").willReturn(okJson("{\"success\":true}").withFixedDelay(2_000)));
    try (OursIngest ingest =
        builder()
            .baseUrl(server.baseUrl())
            .maxRetries(0)
            .callTimeout(Duration.ofMillis(150))
            .build()) {
      assertThatThrownBy(() -> ingest.track(Event.named("A").userId("u1")))
          .isInstanceOf(OursTimeoutException.class);
    }
  }

  @Test
  void forSourceThroughTheBuilderSendsToTheBuildersIngestBaseUrl() {
    try (OursPrivacy ours = platform();
        OursIngest ingest =
            OursIngest.builder()
                .baseUrl(server.baseUrl())
                .lookups(k -> null, k -> null)
                .source(ours, "src_1")
                .mode(Mode.TEST)
                .build()) {
      ingest.track(Event.named("A").userId("u1"));
      assertThat(ingest.toString()).contains(server.baseUrl());
    }
    assertThat(server.requests())
        .extracting(e -> e.getRequest().getUrl())
        .containsExactlyInAnyOrder("/rest/v1/sources/src_1/tokens", "/api/v1/track");
    assertThat(server.requests())
        .filteredOn(e -> e.getRequest().getUrl().equals("/api/v1/track"))
        .singleElement()
        .satisfies(e -> assertThat(e.getRequest().getBodyAsString()).contains(TEST));
  }

  @Test
  void theIngestBaseUrlComesFromTheEnvironmentWhenTheBuilderHasNone() {
    Map<String, String> env = Map.of("OURS_PRIVACY_INGEST_BASE_URL", server.baseUrl());
    try (OursPrivacy ours = platform();
        OursIngest ingest =
            OursIngest.builder()
                .lookups(env::get, k -> null)
                .source(ours, "src_1")
                .mode(Mode.TEST)
                .build()) {
      assertThat(ingest.toString()).contains(server.baseUrl());
    }
  }

  @Test
  void forSourceHonoursTheIngestBaseUrlSystemProperty() {
    String previous = System.getProperty(OursIngest.Builder.PROP_BASE_URL);
    System.setProperty(OursIngest.Builder.PROP_BASE_URL, server.baseUrl());
    try (OursPrivacy ours = platform();
        OursIngest ingest = OursIngest.forSource(ours, "src_1", Mode.TEST)) {
      ingest.track(Event.named("A").userId("u1"));
      assertThat(ingest.mode()).isEqualTo(Mode.TEST);
    } finally {
      if (previous == null) {
        System.clearProperty(OursIngest.Builder.PROP_BASE_URL);
      } else {
        System.setProperty(OursIngest.Builder.PROP_BASE_URL, previous);
      }
    }
    assertThat(server.requests())
        .extracting(e -> e.getRequest().getUrl())
        .contains("/api/v1/track");
  }

  @Test
  void anEmptyBatchSendsNothingAndReportsNothing() throws Exception {
    try (OursIngest ingest = builder().baseUrl(server.baseUrl()).build()) {
      BatchReport report = ingest.batch(List.of());
      BatchReport async = ingest.batchAsync(List.of()).get();

      assertThat(report.events()).isEmpty();
      assertThat(report.failures()).isEmpty();
      assertThat(report.allAccepted()).isTrue();
      assertThat(report.statusCode()).isZero();
      assertThat(async.events()).isEmpty();
    }
    assertThat(server.requests()).isEmpty();
  }

  @Test
  void resendingTheRetryableRowsOfAFullyAcceptedBatchIsANoOp() {
    try (OursIngest ingest = builder().baseUrl(server.baseUrl()).build()) {
      BatchReport report =
          ingest.batch(List.of(Event.named("A").userId("u1"), Event.named("B").userId("u2")));
      assertThat(report.allAccepted()).isTrue();

      BatchReport again = ingest.batch(report.retryable()); // the README's line, nothing failed

      assertThat(again.events()).isEmpty();
    }
    assertThat(server.requests()).hasSize(1);
  }
}
