package com.oursprivacy.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.google.gson.JsonParser;
import com.oursprivacy.core.RawResponse;
import com.oursprivacy.core.RequestOptions;
import com.oursprivacy.errors.OursApiException;
import com.oursprivacy.internal.ClientCore;
import com.oursprivacy.lowlevel.ingest.model.Batch;
import com.oursprivacy.lowlevel.ingest.model.BatchResult;
import com.oursprivacy.lowlevel.ingest.model.BatchResultCode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import retrofit2.Call;

class CoreTransportTest {
  private final ClientCore core =
      ClientCore.builder().name("t").baseUrl("http://127.0.0.1:9/api/v1/").build();
  private final List<CompletableFuture<?>> handedOut = new CopyOnWriteArrayList<>();

  @AfterEach
  void close() {
    core.close();
  }

  /** An exchange whose future never completes: what an Error on an OkHttp thread used to cause. */
  private final CoreTransport.Exchanger never =
      new CoreTransport.Exchanger() {
        @Override
        public <T> CompletableFuture<RawResponse<T>> exchange(
            Call<T> call, RequestOptions options) {
          CompletableFuture<RawResponse<T>> f = new CompletableFuture<>();
          handedOut.add(f);
          return f;
        }
      };

  @Test
  void aFutureThatNeverCompletesEndsAsANetworkFailureAfterTheCallTimeoutAndGrace() {
    CoreTransport t = new CoreTransport(core, Duration.ofMillis(30), never, Duration.ofMillis(20));
    List<Event> rows = List.of(Event.named("A").userId("u").distinctId("d1"));

    Reply r = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> t.batch("tok", rows));

    assertThat(r.status).isZero();
    assertThat(r.isTransient()).isTrue();
    assertThat(r.error).isEqualTo("no answer within 50 ms");
    assertThat(handedOut).singleElement().satisfies(f -> assertThat(f.isCancelled()).isTrue());
  }

  @Test
  void cancelAllCancelsCallsInFlightAndRefusesLaterOnes() throws Exception {
    CoreTransport t = new CoreTransport(core, Duration.ofSeconds(30), never, Duration.ofSeconds(5));
    CompletableFuture<Reply> pending =
        CompletableFuture.supplyAsync(
            () -> t.track("tok", Event.named("A").userId("u").distinctId("d")));
    while (handedOut.isEmpty()) {
      Thread.onSpinWait();
    }

    t.cancelAll();

    assertThat(pending.get().error).isEqualTo("cancelled");
    assertThat(t.identify("tok", Identify.user("u1")).error).isEqualTo("cancelled");
  }

  @Test
  void aCallRunningOnTheWorkersOwnThreadIsCancelledByCancelAll() throws Exception {
    List<java.net.Socket> held = new CopyOnWriteArrayList<>();
    try (java.net.ServerSocket silent =
        new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
      Thread acceptor =
          new Thread(
              () -> {
                try {
                  while (true) {
                    held.add(silent.accept()); // connected, never answered
                  }
                } catch (IOException closed) {
                  // the test is over
                }
              });
      acceptor.setDaemon(true);
      acceptor.start();
      ClientCore c =
          ClientCore.builder()
              .name("t")
              .baseUrl("http://127.0.0.1:" + silent.getLocalPort() + "/api/v1/")
              .build();
      try {
        CoreTransport t = new CoreTransport(c, Duration.ofSeconds(60));
        List<Event> rows = List.of(Event.named("A").userId("u").distinctId("d1"));
        CompletableFuture<Reply> pending =
            CompletableFuture.supplyAsync(() -> t.batch("tok", rows));
        while (held.isEmpty()) {
          Thread.onSpinWait();
        }

        t.cancelAll();

        Reply r = pending.get(20, TimeUnit.SECONDS); // not the 60 s call timeout
        assertThat(r.status).isZero();
        assertThat(r.isTransient()).isTrue();
        assertThat(t.batch("tok", rows).error).isEqualTo("cancelled");
      } finally {
        c.close();
        for (java.net.Socket s : held) {
          s.close();
        }
      }
    }
  }

  @Test
  void theStreamedBatchBodyIsExactlyTheTreeBuiltBody() throws Exception {
    List<Event> rows = new ArrayList<>();
    rows.add(
        Event.named("Purchase")
            .userId("u1")
            .externalId("x1")
            .email("a@b.c")
            .distinctId("d1")
            .at(Instant.ofEpochMilli(1_700_000_000_123L))
            .property("sku", "A1")
            .property("price", 19.99)
            .property("qty", 3)
            .property("gift", true)
            .property("none", null)
            .property("tags", List.of("a", "b"))
            .property("arr", new int[] {1, 2})
            .property("nested", Map.of("k", List.of(1.5)))
            .property("c", 'x')
            .userProperties(UserProperties.builder().firstName("Ada").custom("plan", "pro").build())
            .defaultProperties(DefaultProperties.builder().property("utm_source", "news").build())
            .identityContext(IdentityContext.of("203.0.113.9", "UA/1.0")));
    rows.add(Event.named("Bare").email("e@x.y").distinctId("d2"));
    rows.add(
        Event.named("Spooled")
            .userId("u")
            .distinctId("d3")
            .spooled("{\"event\":\"Spooled\",\"distinctId\":\"d3\"}"));

    Buffer out = new Buffer();
    new CoreTransport.BatchBody("tok", rows).writeTo(out);

    var tree = Wire.batch("tok", rows.subList(0, 2));
    tree.getAsJsonArray("events")
        .add(JsonParser.parseString("{\"event\":\"Spooled\",\"distinctId\":\"d3\"}"));
    assertThat(JsonParser.parseString(out.readUtf8())).isEqualTo(tree);
    assertThat(new CoreTransport.BatchBody("tok", rows).toString())
        .doesNotContain("tok")
        .contains("3 rows");
    assertThat(Wire.rowJson(rows.get(0))).isEqualTo(Wire.row(rows.get(0)).toString());
  }

  private final List<RequestOptions> options = new CopyOnWriteArrayList<>();

  /** An exchange answering every call with what {@code answer} supplies, recording the options. */
  private CoreTransport answering(Supplier<CompletableFuture<?>> answer) {
    return answering(Duration.ofSeconds(30), answer);
  }

  private CoreTransport answering(Duration timeout, Supplier<CompletableFuture<?>> answer) {
    return new CoreTransport(
        core,
        timeout,
        new CoreTransport.Exchanger() {
          @Override
          @SuppressWarnings("unchecked")
          public <T> CompletableFuture<RawResponse<T>> exchange(Call<T> call, RequestOptions o) {
            options.add(o);
            CompletableFuture<RawResponse<T>> f = (CompletableFuture<RawResponse<T>>) answer.get();
            handedOut.add(f);
            return f;
          }
        },
        Duration.ofSeconds(5));
  }

  private static CompletableFuture<?> failed(Throwable t) {
    CompletableFuture<Object> f = new CompletableFuture<>();
    f.completeExceptionally(t);
    return f;
  }

  private static final List<Event> ROWS =
      List.of(
          Event.named("A").userId("u").distinctId("d1"),
          Event.named("B").userId("u").distinctId("d2"));

  @Test
  void everyCallIsOneAttemptBoundedByTheConfiguredOrTheDefaultTimeout() {
    CoreTransport t =
        answering(
            Duration.ofSeconds(7),
            () -> CompletableFuture.completedFuture(new RawResponse<>(200, Map.of(), null, 0)));
    t.track("tok", ROWS.get(0));
    t.identify("tok", Identify.user("u1"));
    t.batch("tok", ROWS);
    answering(
            null,
            () -> CompletableFuture.completedFuture(new RawResponse<>(200, Map.of(), null, 0)))
        .track("tok", ROWS.get(0));

    assertThat(options).hasSize(4);
    assertThat(options).allSatisfy(o -> assertThat(o.maxRetries()).hasValue(0));
    assertThat(options.subList(0, 3))
        .allSatisfy(o -> assertThat(o.timeout()).contains(Duration.ofSeconds(7)));
    assertThat(options.get(3).timeout()).contains(CoreTransport.DEFAULT_CALL_TIMEOUT);
  }

  @Test
  void aSuccessKeepsTheStatusAndTheBatchRowResultsWithTheTokenMasked() {
    Batch body =
        new Batch()
            .results(
                List.of(
                    new BatchResult().index(0L).success(true),
                    new BatchResult()
                        .index(1L)
                        .success(false)
                        .code(BatchResultCode.INVALID_EVENT)
                        .message("token tok-secret not allowed here")));
    CoreTransport t =
        answering(
            () -> CompletableFuture.completedFuture(new RawResponse<>(207, Map.of(), body, 0)));

    Reply r = t.batch("tok-secret", ROWS);

    assertThat(r.status).isEqualTo(207);
    assertThat(r.error).isNull();
    assertThat(r.retryAfter).isNull();
    assertThat(r.results).hasSize(2);
    assertThat(r.results.get(1).getMessage()).isEqualTo("token [redacted] not allowed here");
  }

  @Test
  void aTrackOrIdentifyAnswerHasNoRowResults() {
    CoreTransport t =
        answering(
            () -> CompletableFuture.completedFuture(new RawResponse<>(200, Map.of(), "ok", 0)));

    Reply track = t.track("tok", ROWS.get(0));
    Reply identify = t.identify("tok", Identify.user("u1"));

    assertThat(track.status).isEqualTo(200);
    assertThat(track.results).isNull();
    assertThat(track.isSuccess()).isTrue();
    assertThat(identify.status).isEqualTo(200);
    assertThat(identify.results).isNull();
  }

  @Test
  void anApiErrorKeepsStatusReasonRetryAfterAndTheRowsOfA500Body() {
    String body =
        "{\"error\":\"queue down\",\"results\":[{\"index\":0,\"success\":true},"
            + "{\"index\":1,\"success\":false,\"code\":\"queue_failed\",\"message\":\"tok-secret\"}]}";
    CoreTransport t =
        answering(
            () ->
                failed(
                    OursApiException.of(
                        500, "queue down", null, Map.of("Retry-After", List.of("7")), body)));

    Reply r = t.batch("tok-secret", ROWS);

    assertThat(r.status).isEqualTo(500);
    assertThat(r.error).isEqualTo("HTTP 500: queue down");
    assertThat(r.retryAfter).isEqualTo(Duration.ofSeconds(7));
    assertThat(r.results).hasSize(2);
    assertThat(r.results.get(0).getSuccess()).isTrue();
    assertThat(r.results.get(1).getCode()).isEqualTo(BatchResultCode.QUEUE_FAILED);
    assertThat(r.results.get(1).getMessage()).isEqualTo("[redacted]");
  }

  @Test
  void anApiErrorWithoutUsableResultsIsRetriedWhole() {
    for (String body :
        List.of(
            "", "not json {", "[1,2]", "{\"results\":{}}", "{\"other\":[]}", "{\"results\":[1]}")) {
      CoreTransport t =
          answering(() -> failed(OursApiException.of(503, null, null, Map.of(), body)));

      Reply r = t.batch("tok", ROWS);

      assertThat(r.status).as(body).isEqualTo(503);
      assertThat(r.error).as(body).isEqualTo("HTTP 503");
      assertThat(r.retryAfter).as(body).isNull();
      assertThat(r.results).as(body).isNull();
      assertThat(r.isTransient()).as(body).isTrue();
    }
  }

  @Test
  void aNetworkFailureIsNamedByItsExceptionClassAndIsTransient() {
    CoreTransport t =
        answering(() -> failed(new java.net.SocketTimeoutException("read timed out")));

    Reply r = t.track("tok", ROWS.get(0));

    assertThat(r.status).isZero();
    assertThat(r.error).isEqualTo("SocketTimeoutException");
    assertThat(r.isTransient()).isTrue();
  }

  @Test
  void aFailureWithoutACauseIsAnUnknownNetworkError() {
    CoreTransport t =
        answering(
            () ->
                new CompletableFuture<Object>() {
                  @Override
                  public Object get(long timeout, TimeUnit unit) throws ExecutionException {
                    throw new ExecutionException(null);
                  }
                });

    Reply r = t.track("tok", ROWS.get(0));

    assertThat(r.status).isZero();
    assertThat(r.error).isEqualTo("unknown error");
  }

  @Test
  void aClosedClientIsANetworkFailureNotAnException() {
    CoreTransport t =
        answering(
            () -> {
              throw new IllegalStateException("closed");
            });

    assertThat(t.batch("tok", ROWS).error).isEqualTo("client closed");
  }

  @Test
  void anInterruptedWaitCancelsTheCallAndKeepsTheInterrupt() {
    CoreTransport t = new CoreTransport(core, Duration.ofSeconds(30), never, Duration.ofSeconds(5));
    Thread.currentThread().interrupt();
    Reply r;
    try {
      r = t.track("tok", ROWS.get(0));
    } finally {
      assertThat(Thread.interrupted()).isTrue(); // clears it for the next test
    }

    assertThat(r.status).isZero();
    assertThat(r.error).isEqualTo("interrupted");
    assertThat(handedOut).singleElement().satisfies(f -> assertThat(f.isCancelled()).isTrue());
  }

  @Test
  void cancelAllLeavesFinishedCallsAloneAndCancelsOnlyThoseInFlight() throws Exception {
    CompletableFuture<RawResponse<Object>> done =
        CompletableFuture.completedFuture(new RawResponse<>(200, Map.of(), null, 0));
    CoreTransport t = answering(() -> done);
    t.track("tok", ROWS.get(0));

    t.cancelAll();

    assertThat(done.isCancelled()).isFalse();
    assertThat(t.track("tok", ROWS.get(0)).error).isEqualTo("cancelled");
    assertThat(handedOut).hasSize(1); // refused before reaching the core
  }

  @Test
  void theBatchBodyIsUtf8Json() {
    assertThat(new CoreTransport.BatchBody("tok", ROWS).contentType())
        .hasToString("application/json; charset=utf-8");
  }

  @Test
  void theBatchBodyKeepsNullsInsideNestedProperties() throws Exception {
    Map<String, Object> nested = new java.util.HashMap<>();
    nested.put("gone", null);
    Buffer out = new Buffer();

    new CoreTransport.BatchBody(
            "tok", List.of(Event.named("A").userId("u").distinctId("d1").property("m", nested)))
        .writeTo(out);

    assertThat(out.readUtf8()).contains("\"m\":{\"gone\":null}");
  }

  @Test
  void theStreamedBodyAndSpoolRowAreTheTreeBuiltJson() throws IOException {
    Event e =
        Event.named("Ünïcode 😀")
            .userId("u\u2028")
            .distinctId("d1")
            .property("emoji", "\uD83D\uDE00 and a lone \uD800")
            .property("n", 1.5);
    Buffer out = new Buffer();
    new CoreTransport.BatchBody("tok", java.util.List.of(e, e)).writeTo(out);

    assertThat(Wire.rowUtf8(e)).isEqualTo(Wire.row(e).toString().getBytes(StandardCharsets.UTF_8));
    // the lone surrogate becomes '?' in both, as the JDK's encoder has it
    assertThat(out.readByteArray())
        .isEqualTo(
            Wire.batch("tok", java.util.List.of(e, e)).toString().getBytes(StandardCharsets.UTF_8));
  }
}
