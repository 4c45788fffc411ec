package com.oursprivacy.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.request;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.oursprivacy.OursPrivacy;
import com.oursprivacy.errors.InternalServerException;
import com.oursprivacy.errors.OursException;
import com.oursprivacy.errors.OursInvalidResponseException;
import com.oursprivacy.errors.OursIoException;
import com.oursprivacy.errors.OursTimeoutException;
import com.oursprivacy.errors.RateLimitException;
import com.oursprivacy.ingest.Event;
import com.oursprivacy.ingest.OursIngest;
import com.oursprivacy.models.DestinationCreateType;
import com.oursprivacy.resources.DestinationCreateParams;
import com.oursprivacy.resources.DestinationUpdateParams;
import com.oursprivacy.testing.RecordingSleeper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The README's retry table, cell by cell: each fault (socket faults, a delay beyond the timeout,
 * 429/500/503 bursts) × each operation (platform get, list page, create, patch, delete; ingest
 * track, batch) asserts the documented outcome, how many requests reached the server and, where the
 * server said how long to wait, exactly that wait. Back-off goes to a {@link RecordingSleeper}.
 *
 * <p>"Repeatable" is the README's column: GET and DELETE on the platform, and every ingest POST
 * (each body carries its distinctIds). Platform POST and PATCH are not repeated once the request
 * may have reached the server.
 */
@SpecCheckedWireMockTest
class FaultMatrixTest {
  private static final String DESTINATION =
      "{\"id\":\"d1\",\"name\":\"Mixpanel\",\"type\":\"Mixpanel\",\"status\":\"Enabled\"}";
  private static final Duration SHORT_TIMEOUT = Duration.ofMillis(200);
  private static final int DELAY_MS = 1_000;
  private static final Map<String, String> OBSERVED = Collections.synchronizedMap(new TreeMap<>());

  /** The operations, each with the response that means success. */
  @SuppressWarnings("ImmutableEnumChecker") // rows of a test table, never mutated
  enum Op {
    GET("GET", "/rest/v1/destinations/d1", DESTINATION, true, c -> c.ours.destinations().get("d1")),
    LIST_PAGE(
        "GET",
        "/rest/v1/destinations",
        "{\"entities\":["
            + DESTINATION
            + "],\"pagination\":{\"nextCursor\":null,\"hasMore\":false}}",
        true,
        c -> c.ours.destinations().list().firstPage().items()),
    CREATE(
        "POST",
        "/rest/v1/destinations",
        DESTINATION,
        false,
        c ->
            c.ours
                .destinations()
                .create(
                    DestinationCreateParams.builder()
                        .name("Mixpanel")
                        .type(DestinationCreateType.MIXPANEL)
                        .build())),
    PATCH(
        "PATCH",
        "/rest/v1/destinations/d1",
        DESTINATION,
        false,
        c ->
            c.ours
                .destinations()
                .update("d1", DestinationUpdateParams.builder().name("Renamed").build())),
    DELETE(
        "DELETE",
        "/rest/v1/destinations/d1",
        "true",
        true,
        c -> c.ours.destinations().delete("d1")),
    TRACK(
        "POST",
        "/api/v1/track",
        "{\"success\":true}",
        true,
        c -> c.ingest.track(Event.named("Purchase").userId("u1").property("sku", "A1"))),
    BATCH(
        "POST",
        "/api/v1/batch",
        "{\"success\":true,\"accepted\":2,\"failed\":0,\"results\":[{\"index\":0,\"success\":true},{\"index\":1,\"success\":true}]}",
        true,
        c -> c.ingest.batch(List.of(Event.named("A").userId("u1"), Event.named("B").userId("u2"))));

    final String method;
    final String path;
    final String okBody;
    final boolean repeatable;
    final Function<Cell, Object> call;

    Op(String method, String path, String okBody, boolean repeatable, Function<Cell, Object> call) {
      this.method = method;
      this.path = path;
      this.okBody = okBody;
      this.repeatable = repeatable;
      this.call = call;
    }
  }

  /** A documented outcome: success or an exception type, the requests seen, the waits asked for. */
  static final class Outcome {
    final Class<? extends OursException> thrown;
    final int requests;
    final List<Duration> waits;

    private Outcome(Class<? extends OursException> thrown, int requests, List<Duration> waits) {
      this.thrown = thrown;
      this.requests = requests;
      this.waits = waits;
    }

    static Outcome succeedsAfter(int requests) {
      return new Outcome(null, requests, null);
    }

    static Outcome succeedsAfter(int requests, Duration... exactWaits) {
      return new Outcome(null, requests, List.of(exactWaits));
    }

    static Outcome fails(Class<? extends OursException> thrown, int requests) {
      return new Outcome(thrown, requests, null);
    }

    @Override
    public String toString() {
      return (thrown == null ? "succeeds" : thrown.getSimpleName())
          + ", "
          + requests
          + " request(s)"
          + (waits == null ? "" : ", waits " + waits);
    }
  }

  /**
   * A failure mode, how often it happens before the server recovers, and what the README promises.
   */
  @SuppressWarnings("ImmutableEnumChecker") // rows of a test table, never mutated
  enum FaultKind {
    RESET_TWICE(
        2,
        aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER),
        Outcome.succeedsAfter(3),
        Outcome.fails(OursIoException.class, 1)),
    EMPTY_RESPONSE_TWICE(
        2,
        aResponse().withFault(Fault.EMPTY_RESPONSE),
        Outcome.succeedsAfter(3),
        Outcome.fails(OursIoException.class, 1)),
    // A 200 whose chunked body breaks off: the README's "truncated body" row and errors table.
    MALFORMED_CHUNK_TWICE(
        2,
        aResponse().withFault(Fault.MALFORMED_RESPONSE_CHUNK),
        Outcome.succeedsAfter(3),
        Outcome.fails(OursInvalidResponseException.class, 1)),
    RANDOM_DATA_THEN_CLOSE_TWICE(
        2,
        aResponse().withFault(Fault.RANDOM_DATA_THEN_CLOSE),
        Outcome.succeedsAfter(3),
        Outcome.fails(OursIoException.class, 1)),
    DELAY_BEYOND_TIMEOUT_ALWAYS(
        -1,
        aResponse().withStatus(200).withFixedDelay(DELAY_MS),
        Outcome.fails(OursTimeoutException.class, 3),
        Outcome.fails(OursTimeoutException.class, 1)),
    HTTP_429_RETRY_AFTER_1S_TWICE(
        2,
        status(429).withHeader("Retry-After", "1"),
        Outcome.succeedsAfter(3, Duration.ofSeconds(1), Duration.ofSeconds(1)),
        Outcome.succeedsAfter(3, Duration.ofSeconds(1), Duration.ofSeconds(1))),
    HTTP_429_RETRY_AFTER_120S(
        1,
        status(429).withHeader("Retry-After", "120"),
        Outcome.fails(RateLimitException.class, 1),
        Outcome.fails(RateLimitException.class, 1)),
    HTTP_500_TWICE(
        2, status(500), Outcome.succeedsAfter(3), Outcome.fails(InternalServerException.class, 1)),
    HTTP_500_ALWAYS(
        -1,
        status(500),
        Outcome.fails(InternalServerException.class, 3),
        Outcome.fails(InternalServerException.class, 1)),
    HTTP_503_TWICE(
        2, status(503), Outcome.succeedsAfter(3), Outcome.fails(InternalServerException.class, 1)),
    HTTP_503_RETRY_AFTER_MS_TWICE(
        2,
        status(503).withHeader("retry-after-ms", "250"),
        Outcome.succeedsAfter(3, Duration.ofMillis(250), Duration.ofMillis(250)),
        Outcome.succeedsAfter(3, Duration.ofMillis(250), Duration.ofMillis(250)));

    /** Failures before the server answers normally; -1: it never does. */
    final int burst;

    final ResponseDefinitionBuilder failure;
    final Outcome whenRepeatable;
    final Outcome whenNotRepeatable;

    FaultKind(
        int burst,
        ResponseDefinitionBuilder failure,
        Outcome whenRepeatable,
        Outcome whenNotRepeatable) {
      this.burst = burst;
      this.failure = failure;
      this.whenRepeatable = whenRepeatable;
      this.whenNotRepeatable = whenNotRepeatable;
    }

    private static ResponseDefinitionBuilder status(int status) {
      String body =
          status == 429
              ? "{\"error\":\"rate limited\",\"success\":false}"
              : "{\"error\":\"server error\",\"success\":false}";
      return aResponse()
          .withStatus(status)
          .withHeader("Content-Type", "application/json")
          .withBody(body);
    }
  }

  /** The clients one cell uses; timeouts are short only where the cell is about timeouts. */
  static final class Cell implements AutoCloseable {
    final RecordingSleeper sleeper = new RecordingSleeper();
    final OursPrivacy ours;
    final OursIngest ingest;

    Cell(WireMockRuntimeInfo wm, FaultKind fault) {
      Duration timeout =
          fault == FaultKind.DELAY_BEYOND_TIMEOUT_ALWAYS ? SHORT_TIMEOUT : Duration.ofSeconds(10);
      ours =
          OursPrivacy.builder()
              .apiKey(Clients.API_KEY)
              .baseUrl(wm.getHttpBaseUrl())
              .maxRetries(2)
              .readTimeout(timeout)
              .sleeper(sleeper)
              .build();
      ingest =
          OursIngest.builder()
              .token(Clients.INGEST_TOKEN)
              .baseUrl(Clients.ingestBaseUrl(wm))
              .maxRetries(2)
              .callTimeout(timeout)
              .sleeper(sleeper)
              .build();
    }

    @Override
    public void close() {
      ours.close();
      ingest.close();
    }
  }

  static Stream<Arguments> cells() {
    List<Arguments> rows = new ArrayList<>();
    for (FaultKind f : FaultKind.values()) {
      for (Op op : Op.values()) {
        rows.add(Arguments.of(f, op, op.repeatable ? f.whenRepeatable : f.whenNotRepeatable));
      }
    }
    return rows.stream();
  }

  @ParameterizedTest(name = "{0} × {1} → {2}")
  @MethodSource("cells")
  void eachFaultOnEachOperationHasItsDocumentedOutcome(
      FaultKind fault, Op op, Outcome expected, WireMockRuntimeInfo info) {
    WireMock wm = info.getWireMock();
    stubBurst(wm, fault, op);

    Throwable thrown;
    List<Duration> waits;
    try (Cell cell = new Cell(info, fault)) {
      thrown = catchThrowable(() -> op.call.apply(cell));
      waits = List.copyOf(cell.sleeper.delays());
    }
    int requests = journaled(wm, op.path, expected.requests);
    OBSERVED.put(
        String.format("%-30s × %-9s", fault, op),
        String.format(
            "%-55s | %s",
            expected,
            (thrown == null ? "succeeds" : thrown.getClass().getSimpleName())
                + ", "
                + requests
                + " request(s), waits "
                + waits));

    if (expected.thrown == null) {
      assertThat(thrown).as("%s × %s", fault, op).isNull();
    } else {
      assertThat(thrown).as("%s × %s", fault, op).isExactlyInstanceOf(expected.thrown);
    }
    assertThat(requests).as("requests the server saw").isEqualTo(expected.requests);
    assertThat(waits).as("one back-off per retry").hasSize(expected.requests - 1);
    if (expected.waits != null) {
      assertThat(waits).as("the server's Retry-After is waited exactly").isEqualTo(expected.waits);
    } else {
      for (int retry = 1; retry <= waits.size(); retry++) {
        assertThat(waits.get(retry - 1))
            .as("computed back-off before retry %d", retry)
            .isBetween(minBackoff(op, retry), maxBackoff(op, retry));
      }
    }
    if (thrown instanceof RateLimitException) {
      assertThat(((RateLimitException) thrown).retryAfter()).hasValue(Duration.ofMinutes(2));
    }
  }

  /**
   * README "Retries": platform retry n waits min(8 s, 0.5 s × 2^(n-1)) shortened by up to 25 %;
   * README "Back-off" (ingest): min(60 s, 2 s × 2^(n-1)) plus 1–5 s of jitter.
   */
  /**
   * The requests WireMock journaled for {@code path}, waiting (at most 5 s) for it to catch up with
   * {@code expected}: on a loaded machine a request the client already gave up on (the timeout
   * cells) can reach the journal a moment after the client returned. A count above or below {@code
   * expected} still fails the assertion that follows.
   */
  private static int journaled(WireMock wm, String path, int expected) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    int n;
    while ((n = wm.find(anyRequestedFor(urlPathEqualTo(path))).size()) < expected
        && System.nanoTime() < deadline) {
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    return n;
  }

  private static Duration minBackoff(Op op, int retry) {
    if (op.path.startsWith("/api/v1/")) {
      return Duration.ofMillis(Math.min(60_000, 2_000L << (retry - 1)) + 1_000);
    }
    return Duration.ofMillis(Math.min(8_000, 500L << (retry - 1)) * 3 / 4);
  }

  private static Duration maxBackoff(Op op, int retry) {
    if (op.path.startsWith("/api/v1/")) {
      return Duration.ofMillis(Math.min(60_000, 2_000L << (retry - 1)) + 5_000);
    }
    return Duration.ofMillis(Math.min(8_000, 500L << (retry - 1)));
  }

  /** Fail {@code burst} times (a WireMock scenario), then answer normally; or fail forever. */
  private static void stubBurst(WireMock wm, FaultKind fault, Op op) {
    if (fault.burst < 0) {
      wm.register(request(op.method, urlPathEqualTo(op.path)).willReturn(fault.failure));
      return;
    }
    String scenario = fault + "×" + op;
    for (int i = 0; i < fault.burst; i++) {
      wm.register(
          request(op.method, urlPathEqualTo(op.path))
              .inScenario(scenario)
              .whenScenarioStateIs(i == 0 ? Scenario.STARTED : "failed-" + i)
              .willSetStateTo("failed-" + (i + 1))
              .willReturn(fault.failure));
    }
    wm.register(
        request(op.method, urlPathEqualTo(op.path))
            .inScenario(scenario)
            .whenScenarioStateIs("failed-" + fault.burst)
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/json")
                    .withBody(op.okBody)));
  }

  /** Writes the observed table for the report (target/fault-matrix.txt). */
  @AfterAll
  static void writeTable() throws IOException {
    List<String> lines = new ArrayList<>();
    lines.add(String.format("%-42s | %-55s | %s", "cell", "documented", "observed"));
    OBSERVED.forEach((k, v) -> lines.add(k + " | " + v));
    Files.write(Path.of("target", "fault-matrix.txt"), lines);
  }
}
