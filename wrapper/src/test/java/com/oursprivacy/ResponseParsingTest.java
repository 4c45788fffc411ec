package com.oursprivacy;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.google.gson.JsonObject;
import com.oursprivacy.core.RateLimit;
import com.oursprivacy.core.RawResponse;
import com.oursprivacy.core.RequestOptions;
import com.oursprivacy.errors.OursInvalidResponseException;
import com.oursprivacy.lowlevel.platform.api.DestinationsApi;
import com.oursprivacy.models.Destination;
import com.oursprivacy.models.DestinationListResponse;
import com.oursprivacy.testing.Calls;
import com.oursprivacy.testing.Loopback;
import com.oursprivacy.testing.LowLevel;
import com.oursprivacy.testing.RecordingSleeper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import retrofit2.Call;
import retrofit2.Callback;
import retrofit2.Response;

class ResponseParsingTest {
  @RegisterExtension static WireMockExtension wm = Loopback.wireMock();

  private static final String DESTINATION =
      "{\"id\":\"dst_1\",\"name\":\"Warehouse\",\"type\":\"Klaviyo\",\"status\":\"Enabled\",\"createdAt\":\"2026-01-01T00:00:00Z\"}";

  private OursPrivacy ours;

  @BeforeEach
  void setUp() {
    ours =
        OursPrivacy.builder()
            .apiKey("k")
            .baseUrl("http://127.0.0.1:" + wm.getPort())
            .sleeper(new RecordingSleeper())
            .build();
  }

  @AfterEach
  void tearDown() {
    ours.close();
  }

  private Destination find(boolean async) {
    DestinationsApi api = ours.core().api(DestinationsApi.class);
    return Calls.run(
        async,
        () ->
            ours.core()
                .execute(
                    LowLevel.<Destination>call(
                        api, "GET /rest/v1/destinations/{id}", "id", "dst_1"),
                    RequestOptions.none()),
        () ->
            ours.core()
                .executeAsync(
                    LowLevel.<Destination>call(
                        api, "GET /rest/v1/destinations/{id}", "id", "dst_1"),
                    RequestOptions.none()));
  }

  @ParameterizedTest(name = "async={0}")
  @ValueSource(booleans = {false, true})
  void bareObjectParsesIntoTheGeneratedModel(boolean async) {
    wm.stubFor(get("/rest/v1/destinations/dst_1").willReturn(okJson(DESTINATION)));
    Destination d = find(async);
    assertThat(d.getId()).isEqualTo("dst_1");
    assertThat(d.getName()).isEqualTo("Warehouse");
  }

  /** The envelope is recognised by its first member's name however it is spelled on the wire. */
  @ParameterizedTest
  @ValueSource(strings = {"{\"data\":%s}", "{ \n\t\"data\" : %s }", "{\"d\\u0061ta\":%s}"})
  void dataEnvelopeIsRecognisedWithWhitespaceAndEscapes(String envelope) {
    wm.stubFor(
        get("/rest/v1/destinations/dst_1")
            .willReturn(okJson(String.format(envelope, DESTINATION))));
    assertThat(find(false).getId()).isEqualTo("dst_1");
  }

  /** Names that only start like {@code data} are members of a bare object, not an envelope. */
  @ParameterizedTest
  @ValueSource(strings = {"\"dat\"", "\"datax\"", "\"\\u0064atum\""})
  void nearMissNamesAreNotAnEnvelope(String name) {
    wm.stubFor(
        get("/rest/v1/destinations/dst_1")
            .willReturn(okJson("{" + name + ":1," + DESTINATION.substring(1))));
    Destination d = find(false);
    assertThat(d.getId()).isEqualTo("dst_1");
    assertThat(d.getName()).isEqualTo("Warehouse");
  }

  @ParameterizedTest(name = "async={0}")
  @ValueSource(booleans = {false, true})
  void dataEnvelopeIsUnwrappedTransparently(boolean async) {
    wm.stubFor(
        get("/rest/v1/destinations/dst_1").willReturn(okJson("{\"data\":" + DESTINATION + "}")));
    assertThat(find(async).getId()).isEqualTo("dst_1");
  }

  @Test
  void anObjectWithDataAndOtherMembersIsNotAnEnvelope() {
    wm.stubFor(get("/rest/v1/x").willReturn(okJson("{\"data\":1,\"other\":2}")));
    JsonObject o =
        ours.core()
            .execute("GET", "rest/v1/x", null, null, JsonObject.class, RequestOptions.none());
    assertThat(o.get("other").getAsInt()).isEqualTo(2);
  }

  @Test
  void listCallSendsItsQueryAndParsesEntities() {
    wm.stubFor(
        get(urlPathEqualTo("/rest/v1/destinations"))
            .willReturn(
                okJson(
                    "{\"entities\":["
                        + DESTINATION
                        + "],\"pagination\":{\"nextCursor\":null,\"hasMore\":false}}")));
    DestinationListResponse page =
        ours.core()
            .execute(
                LowLevel.<DestinationListResponse>call(
                    ours.core().api(DestinationsApi.class),
                    "GET /rest/v1/destinations",
                    "limit",
                    10L,
                    "cursor",
                    "c1"),
                RequestOptions.none());
    assertThat(page.getEntities()).extracting(Destination::getId).containsExactly("dst_1");
    wm.verify(
        getRequestedFor(urlPathEqualTo("/rest/v1/destinations"))
            .withQueryParam("limit", equalTo("10"))
            .withQueryParam("cursor", equalTo("c1")));
  }

  @ParameterizedTest(name = "async={0}")
  @ValueSource(booleans = {false, true})
  void deleteReturningJsonTrueParsesAsBoolean(boolean async) {
    wm.stubFor(delete("/rest/v1/destinations/dst_1").willReturn(okJson("true")));
    DestinationsApi api = ours.raw(DestinationsApi.class);
    Boolean deleted =
        Calls.run(
            async,
            () ->
                ours.core()
                    .execute(
                        LowLevel.<Boolean>call(
                            api, "DELETE /rest/v1/destinations/{id}", "id", "dst_1"),
                        RequestOptions.none()),
            () ->
                ours.core()
                    .executeAsync(
                        LowLevel.<Boolean>call(
                            api, "DELETE /rest/v1/destinations/{id}", "id", "dst_1"),
                        RequestOptions.none()));
    assertThat(deleted).isTrue();
  }

  @Test
  void voidResponseTypeIgnoresTheBody() {
    wm.stubFor(get("/rest/v1/x").willReturn(okJson("{\"anything\":true}")));
    Object v =
        ours.core().execute("GET", "rest/v1/x", null, null, Void.class, RequestOptions.none());
    assertThat(v).isNull();
  }

  @Test
  void noContentYieldsNull() {
    wm.stubFor(delete("/rest/v1/destinations/dst_1").willReturn(aResponse().withStatus(204)));
    assertThat(
            ours.core()
                .execute(
                    LowLevel.<Boolean>call(
                        ours.raw(DestinationsApi.class),
                        "DELETE /rest/v1/destinations/{id}",
                        "id",
                        "dst_1"),
                    RequestOptions.none()))
        .isNull();
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(
      strings = {
        "{\"id\":\"dst_1\",", // truncated JSON
        "<html><body>Sign in</body></html>", // HTML page with a 200
        "{\"id\":\"dst_1\"} trailing", // garbage after the value
        "{\"id\":{\"nested\":true}}", // wrong type for a string field
        "[1,2,3]", // array where an object is expected
        "", // empty 200
      })
  void malformedOrMistypedBodiesBecomeInvalidResponse(String body) {
    wm.stubFor(
        get("/rest/v1/destinations/dst_1").willReturn(aResponse().withStatus(200).withBody(body)));
    assertThatThrownBy(() -> find(false))
        .isInstanceOfSatisfying(
            OursInvalidResponseException.class, e -> assertThat(e.statusCode()).isEqualTo(200));
    assertThatThrownBy(() -> find(true)).isInstanceOf(OursInvalidResponseException.class);
  }

  @ParameterizedTest(name = "async={0}")
  @ValueSource(booleans = {false, true})
  void bodyShorterThanItsContentLengthBecomesInvalidResponse(boolean async) throws Exception {
    // WireMock always sends a correct Content-Length, so a bare socket plays the broken server.
    try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      Thread t =
          new Thread(
              () -> {
                try (Socket s = server.accept()) {
                  BufferedReader in =
                      new BufferedReader(
                          new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
                  for (String line = in.readLine();
                      line != null && !line.isEmpty();
                      line = in.readLine()) {
                    // read the request head
                  }
                  OutputStream out = s.getOutputStream();
                  out.write(
                      ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n"
                              + DESTINATION.substring(0, 20))
                          .getBytes(StandardCharsets.US_ASCII));
                  out.flush();
                } catch (Exception ignored) {
                  // the client side asserts
                }
              });
      t.setDaemon(true);
      t.start();
      OursPrivacy noRetry =
          OursPrivacy.builder()
              .apiKey("k")
              .baseUrl("http://127.0.0.1:" + server.getLocalPort())
              .maxRetries(0)
              .build();
      try {
        DestinationsApi api = noRetry.raw(DestinationsApi.class);
        assertThatThrownBy(
                () ->
                    Calls.run(
                        async,
                        () ->
                            noRetry
                                .core()
                                .execute(
                                    LowLevel.<Destination>call(
                                        api, "GET /rest/v1/destinations/{id}", "id", "dst_1"),
                                    RequestOptions.none()),
                        () ->
                            noRetry
                                .core()
                                .executeAsync(
                                    LowLevel.<Destination>call(
                                        api, "GET /rest/v1/destinations/{id}", "id", "dst_1"),
                                    RequestOptions.none())))
            .isInstanceOf(OursInvalidResponseException.class)
            .hasMessageContaining("cut off");
      } finally {
        noRetry.close();
      }
    }
  }

  @Test
  void malformedChunkBecomesInvalidResponse() {
    wm.stubFor(
        get("/rest/v1/destinations/dst_1")
            .willReturn(aResponse().withFault(Fault.MALFORMED_RESPONSE_CHUNK)));
    assertThatThrownBy(() -> find(false)).isInstanceOf(OursInvalidResponseException.class);
  }

  @Test
  void rawResponseExposesStatusHeadersRateLimitAndRequestId() {
    wm.stubFor(
        get("/rest/v1/destinations/dst_1")
            .willReturn(
                okJson(DESTINATION)
                    .withHeader("X-RateLimit-Limit", "100")
                    .withHeader("X-RateLimit-Remaining", "97")
                    .withHeader("X-RateLimit-Reset", "1767225600")
                    .withHeader("X-Request-Id", "req_1")));
    RawResponse<Destination> raw =
        ours.core()
            .executeRaw(
                LowLevel.<Destination>call(
                    ours.raw(DestinationsApi.class),
                    "GET /rest/v1/destinations/{id}",
                    "id",
                    "dst_1"),
                RequestOptions.none());
    assertThat(raw.statusCode()).isEqualTo(200);
    assertThat(raw.value().getId()).isEqualTo("dst_1");
    assertThat(raw.requestId()).contains("req_1");
    assertThat(raw.header("content-type"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
    assertThat(raw.rateLimit())
        .hasValueSatisfying(
            r -> {
              assertThat(r.limit()).isEqualTo(100);
              assertThat(r.remaining()).isEqualTo(97);
              assertThat(r.reset()).isEqualTo(1767225600L);
              assertThat(r).hasToString("RateLimit{limit=100, remaining=97, reset=1767225600}");
            });
    assertThat(raw.retries()).isZero();
  }

  @Test
  void aMissingRateLimitHeaderReadsAsAbsentNotAsZero() {
    wm.stubFor(
        get("/rest/v1/destinations/dst_1")
            .willReturn(
                okJson(DESTINATION)
                    .withHeader("X-RateLimit-Remaining", "9")
                    .withHeader("X-RateLimit-Limit", "soon")));
    RateLimit r =
        ours.core()
            .executeRaw(
                LowLevel.<Destination>call(
                    ours.raw(DestinationsApi.class),
                    "GET /rest/v1/destinations/{id}",
                    "id",
                    "dst_1"),
                RequestOptions.none())
            .rateLimit()
            .orElseThrow();
    assertThat(r.remaining()).isEqualTo(9);
    assertThat(r.hasRemaining()).isTrue();
    assertThat(r.hasLimit()).isFalse();
    assertThat(r.limit()).isEqualTo(RateLimit.ABSENT);
    assertThat(r.hasReset()).isFalse();
    assertThat("remaining: " + r.remaining()).isEqualTo("remaining: 9");
    assertThat(r).hasToString("RateLimit{remaining=9}");
  }

  @Test
  void rawResponseWithoutRateLimitHeadersHasNone() {
    wm.stubFor(get("/rest/v1/destinations/dst_1").willReturn(okJson(DESTINATION)));
    assertThat(
            ours.core()
                .executeRaw(
                    LowLevel.<Destination>call(
                        ours.raw(DestinationsApi.class),
                        "GET /rest/v1/destinations/{id}",
                        "id",
                        "dst_1"),
                    RequestOptions.none())
                .rateLimit())
        .isEmpty();
  }

  @Test
  void rawInterfaceEnqueueRunsThroughTheSameStack() throws Exception {
    wm.stubFor(
        get("/rest/v1/destinations/dst_1").willReturn(okJson("{\"data\":" + DESTINATION + "}")));
    CompletableFuture<Response<Destination>> done = new CompletableFuture<>();
    LowLevel.<Destination>call(
            ours.raw(DestinationsApi.class), "GET /rest/v1/destinations/{id}", "id", "dst_1")
        .enqueue(
            new Callback<>() {
              @Override
              public void onResponse(Call<Destination> call, Response<Destination> response) {
                done.complete(response);
              }

              @Override
              public void onFailure(Call<Destination> call, Throwable t) {
                done.completeExceptionally(t);
              }
            });
    Response<Destination> r = done.get(10, java.util.concurrent.TimeUnit.SECONDS);
    assertThat(r.isSuccessful()).isTrue();
    assertThat(r.body().getId()).isEqualTo("dst_1");
    wm.verify(
        getRequestedFor(urlPathEqualTo("/rest/v1/destinations/dst_1"))
            .withHeader("Authorization", equalTo("Bearer k")));
  }

  @Test
  void rawInterfaceReportsErrorStatusesAsOursExceptions() throws Exception {
    wm.stubFor(
        get("/rest/v1/destinations/dst_1")
            .willReturn(aResponse().withStatus(404).withBody("{\"error\":\"Not found\"}")));
    AtomicReference<Throwable> failure = new AtomicReference<>();
    CompletableFuture<Void> done = new CompletableFuture<>();
    LowLevel.<Destination>call(
            ours.raw(DestinationsApi.class), "GET /rest/v1/destinations/{id}", "id", "dst_1")
        .enqueue(
            new Callback<>() {
              @Override
              public void onResponse(Call<Destination> call, Response<Destination> response) {
                done.complete(null);
              }

              @Override
              public void onFailure(Call<Destination> call, Throwable t) {
                failure.set(t);
                done.complete(null);
              }
            });
    done.get(10, java.util.concurrent.TimeUnit.SECONDS);
    assertThat(failure.get()).isInstanceOf(com.oursprivacy.errors.NotFoundException.class);
  }

  @Test
  void aListResponseWithoutItsListNamesTheRealStatus() {
    wm.stubFor(
        get("/rest/v1/destinations")
            .willReturn(
                aResponse()
                    .withStatus(203)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"entities\":null}")));

    assertThatThrownBy(() -> ours.destinations().list().firstPage())
        .isInstanceOfSatisfying(
            OursInvalidResponseException.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(203);
              assertThat(e).hasMessageContaining("list");
            });
  }

  @Test
  void aDeleteWithoutItsBooleanNamesTheRealStatus() {
    wm.stubFor(delete("/rest/v1/destinations/dst_1").willReturn(aResponse().withStatus(202)));

    assertThatThrownBy(() -> ours.destinations().delete("dst_1"))
        .isInstanceOfSatisfying(
            OursInvalidResponseException.class, e -> assertThat(e.statusCode()).isEqualTo(202));
  }

  @ParameterizedTest(name = "async={0}")
  @ValueSource(booleans = {false, true})
  void multiByteTextAcrossTheDecodeBufferArrivesIntact(boolean async) {
    // 1- to 4-byte UTF-8 sequences repeated past several 1 KiB decode-buffer refills, so refills
    // cut sequences at every position.
    String[] sequences = {"a", "\u00e9", "\u4e2d", "\ud83d\ude00"}; // 1 to 4 UTF-8 bytes
    StringBuilder name = new StringBuilder();
    for (int i = 0; i < 1_500; i++) {
      name.append(sequences[i % sequences.length]); // a 10-byte cycle: cuts fall everywhere
    }
    String body = DESTINATION.replace("\"Warehouse\"", "\"" + name + "\"");
    wm.stubFor(
        get("/rest/v1/destinations/dst_1")
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/json")
                    .withBody(body.getBytes(StandardCharsets.UTF_8))));

    assertThat(find(async).getName()).isEqualTo(name.toString());
  }

  @Test
  void malformedUtf8InAStringIsReplacedNotFatal() {
    byte[] body = DESTINATION.replace("Warehouse", "Ware#house").getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < body.length; i++) {
      if (body[i] == '#') {
        body[i] = (byte) 0xFF;
      }
    }
    wm.stubFor(
        get("/rest/v1/destinations/dst_1")
            .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(body)));

    assertThat(find(false).getName()).isEqualTo("Ware\ufffdhouse");
  }
}
