package com.oursprivacy.micrometer;

import static io.micrometer.observation.tck.TestObservationRegistryAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.oursprivacy.OursPrivacy;
import com.oursprivacy.core.AttemptEnd;
import com.oursprivacy.core.CallEnd;
import com.oursprivacy.core.CallInfo;
import com.oursprivacy.core.CallListener;
import com.oursprivacy.core.Sleeper;
import com.oursprivacy.ingest.Event;
import com.oursprivacy.ingest.FlushReport;
import com.oursprivacy.ingest.Mode;
import com.oursprivacy.ingest.OursIngest;
import com.oursprivacy.ingest.Tracker;
import com.oursprivacy.ingest.TrackerConfig;
import com.oursprivacy.ingest.TrackerStats;
import com.oursprivacy.models.Destination;
import com.oursprivacy.resources.DestinationListParams;
import com.oursprivacy.sandbox.OursSandbox;
import io.micrometer.core.instrument.Tags;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 26 against the sandbox: Micrometer observations, meters and OpenTelemetry spans of the
 * SDK's calls and of a tracker. Nothing here waits on a clock: retries use a sleeper that returns
 * at once, the tracker never retries ({@code maxAttempts(1)}), and {@code flush} returns when every
 * item has its outcome.
 */
class ObservabilitySandboxTest {
  private static final Sleeper NO_WAIT = delay -> {};

  private OursSandbox sandbox;
  private Telemetry telemetry;

  @BeforeEach
  void start() {
    sandbox = OursSandbox.start();
    telemetry = new Telemetry();
  }

  @AfterEach
  void stop() {
    telemetry.close();
    sandbox.close();
  }

  private OursObservability observability(boolean propagate) {
    return OursObservability.builder()
        .observationRegistry(telemetry.observations)
        .meterRegistry(telemetry.meters)
        .propagateTraceContext(propagate)
        .build();
  }

  @Test
  void a503Then200IsOneObservationWithTwoAttemptsAndOneRetry() {
    try (OursPrivacy ours =
        sandbox.clientBuilder().sleeper(NO_WAIT).listener(observability(false)).build()) {
      sandbox.faults().failNext(1, 503);
      List<Destination> page =
          ours.destinations().list(DestinationListParams.builder().build()).firstPage().items();
      assertThat(page).isEmpty();
    }

    assertThat(telemetry.observations)
        .hasNumberOfObservationsEqualTo(1)
        .hasSingleObservationThat()
        .hasNameEqualTo("ours.client.requests")
        .hasContextualNameEqualTo("GET /rest/v1/destinations")
        .hasLowCardinalityKeyValue("ours.api", "platform")
        .hasLowCardinalityKeyValue("ours.operation", "destinations.list")
        .hasLowCardinalityKeyValue("method", "GET")
        .hasLowCardinalityKeyValue("uri", "/rest/v1/destinations")
        .hasLowCardinalityKeyValue("status", "200")
        .hasLowCardinalityKeyValue("outcome", "SUCCESS")
        .hasLowCardinalityKeyValue("exception", "none")
        .hasHighCardinalityKeyValue("ours.attempts", "2")
        .hasHighCardinalityKeyValue("http.request.resend_count", "1")
        .hasBeenStarted()
        .hasBeenStopped();

    assertThat(
            telemetry
                .meters
                .get("ours.client.requests")
                .tags("ours.operation", "destinations.list", "status", "200")
                .timer()
                .count())
        .isEqualTo(1);
    assertThat(
            telemetry
                .meters
                .get(OursObservability.RETRIES)
                .tags("ours.operation", "destinations.list")
                .counter()
                .count())
        .isEqualTo(1.0);

    assertThat(telemetry.spans.getFinishedSpanItems())
        .singleElement()
        .satisfies(
            span -> {
              assertThat(span.getName()).isEqualTo("GET /rest/v1/destinations");
              assertThat(span.getKind()).isEqualTo(SpanKind.CLIENT);
              assertThat(attribute(span, "ours.attempts")).isEqualTo("2");
              assertThat(attribute(span, "http.request.resend_count")).isEqualTo("1");
              assertThat(attribute(span, "ours.operation")).isEqualTo("destinations.list");
            });
  }

  @Test
  void withAMeterRegistryAloneTheTimerHasTheSameNameAndTags() {
    try (OursPrivacy ours =
        sandbox
            .clientBuilder()
            .sleeper(NO_WAIT)
            .listener(OursObservability.of(telemetry.meters))
            .build()) {
      sandbox.faults().failNext(1, 503);
      ours.destinations().list(DestinationListParams.builder().build()).firstPage();
      try {
        ours.destinations().get("dst_missing");
      } catch (com.oursprivacy.errors.NotFoundException expected) {
        // timed like any call
      }
    }
    assertThat(
            telemetry
                .meters
                .get("ours.client.requests")
                .tags(
                    "ours.api", "platform",
                    "ours.operation", "destinations.list",
                    "method", "GET",
                    "uri", "/rest/v1/destinations",
                    "status", "200",
                    "outcome", "SUCCESS",
                    "exception", "none")
                .timer()
                .count())
        .isEqualTo(1);
    assertThat(
            telemetry
                .meters
                .get("ours.client.requests")
                .tags(
                    "uri", "/rest/v1/destinations/{id}",
                    "status", "404",
                    "outcome", "CLIENT_ERROR",
                    "exception", "NotFoundException")
                .timer()
                .count())
        .isEqualTo(1);
    assertThat(telemetry.meters.get(OursObservability.RETRIES).counter().count()).isEqualTo(1.0);
    assertThat(telemetry.observations).doesNotHaveAnyObservation();
  }

  @Test
  void idsNeverBecomeTagsAndAnErrorIsTaggedWithItsType() {
    try (OursPrivacy ours =
        sandbox.clientBuilder().sleeper(NO_WAIT).listener(observability(false)).build()) {
      try {
        ours.destinations().get("dst_does_not_exist");
      } catch (com.oursprivacy.errors.NotFoundException expected) {
        // the observation is what this test reads
      }
    }
    assertThat(telemetry.observations)
        .hasSingleObservationThat()
        .hasLowCardinalityKeyValue("ours.operation", "destinations.retrieve")
        .hasLowCardinalityKeyValue("uri", "/rest/v1/destinations/{id}")
        .hasLowCardinalityKeyValue("status", "404")
        .hasLowCardinalityKeyValue("outcome", "CLIENT_ERROR")
        .hasLowCardinalityKeyValue("exception", "NotFoundException")
        .hasError();
    assertThat(telemetry.meters.getMeters())
        .allSatisfy(
            m ->
                assertThat(m.getId().getTags())
                    .noneMatch(t -> t.getValue().contains("dst_does_not_exist")));
    assertThat(telemetry.spans.getFinishedSpanItems())
        .singleElement()
        .satisfies(
            span ->
                assertThat(attribute(span, "url.template"))
                    .isEqualTo("/rest/v1/destinations/{id}"));
  }

  @Test
  void traceparentIsSentOnlyWhenPropagationIsOn() {
    Map<Boolean, String> sent = new ConcurrentHashMap<>();
    for (boolean propagate : new boolean[] {false, true}) {
      OkHttpClient capture =
          new OkHttpClient.Builder()
              .addNetworkInterceptor(
                  chain -> {
                    String h = chain.request().header("traceparent");
                    sent.put(propagate, h == null ? "none" : h);
                    return chain.proceed(chain.request());
                  })
              .build();
      try (OursPrivacy ours =
          sandbox.clientBuilder().httpClient(capture).listener(observability(propagate)).build()) {
        ours.destinations().list(DestinationListParams.builder().build()).firstPage();
      }
    }
    assertThat(sent.get(false)).isEqualTo("none");
    SpanData second = telemetry.spans.getFinishedSpanItems().get(1);
    // version 00, the call's span as parent, sampled (flags 01, or 03 with the random-trace-id bit)
    assertThat(sent.get(true))
        .startsWith("00-" + second.getTraceId() + "-" + second.getSpanId() + "-0")
        .matches(".*-0[13]$");
  }

  @Test
  void aThrowingListenerChangesNoResult() {
    CallListener broken =
        new CallListener() {
          @Override
          public void onCallStart(CallInfo call) {
            throw new IllegalStateException("listener bug");
          }

          @Override
          public void onAttemptEnd(AttemptEnd attempt) {
            throw new OutOfMemoryErrorLike();
          }

          @Override
          public void onCallEnd(CallEnd end) {
            throw new IllegalStateException("listener bug");
          }
        };
    String id;
    String name;
    try (OursPrivacy ours =
        sandbox
            .clientBuilder()
            .sleeper(NO_WAIT)
            .listener(broken)
            .listener(observability(false))
            .build()) {
      Destination created =
          ours.destinations()
              .create(
                  com.oursprivacy.resources.DestinationCreateParams.builder()
                      .name("observed")
                      .type("Klaviyo")
                      .build());
      id = created.getId();
      sandbox.faults().failNext(1, 503); // retried: a GET
      name = ours.destinations().get(id).getName();
    }
    assertThat(name).isEqualTo("observed");
    assertThat(telemetry.observations).hasNumberOfObservationsEqualTo(2);
    assertThat(
            telemetry
                .meters
                .get("ours.client.requests")
                .tags("ours.operation", "destinations.retrieve", "status", "200")
                .timer()
                .count())
        .isEqualTo(1);
    assertThat(
            telemetry
                .meters
                .get("ours.client.requests")
                .tags("ours.operation", "destinations.create")
                .timer()
                .count())
        .isEqualTo(1);
  }

  /** An unchecked throwable that is not an Exception, as a badly written listener might throw. */
  static final class OutOfMemoryErrorLike extends Error {
    private static final long serialVersionUID = 1L;
  }

  @Test
  void trackerMetersEqualTheTrackersStatsAndWhatTheSandboxRecorded() {
    String source = sandbox.createSource("observed");
    OursObservability observability = observability(false);
    TrackerStats stats;
    try (OursPrivacy ours = sandbox.newClient();
        OursIngest ingest =
            OursIngest.builder()
                .source(ours, source)
                .mode(Mode.TEST)
                .baseUrl(sandbox.ingestBaseUrl())
                .listener(observability)
                .build()) {
      Tracker tracker =
          ingest.tracker(
              TrackerConfig.builder()
                  .batchSize(100)
                  .maxAttempts(1) // a failed batch fails at once: no back-off to wait for
                  .shutdownHook(false)
                  .build());
      new OursTrackerMetrics(tracker, Tags.of("tracker", "test")).bindTo(telemetry.meters);
      sandbox.faults().failNext(3, 503);
      for (int i = 0; i < 1_000; i++) {
        assertThat(tracker.track(Event.named("Observed").userId("u" + i))).isTrue();
      }
      FlushReport flushed = tracker.flush(Duration.ofMinutes(2));
      assertThat(flushed.completed()).isTrue();
      stats = tracker.stats();
      assertThat(counter("ours.tracker.events", "outcome", "sent"))
          .isEqualTo((double) stats.sent());
      assertThat(counter("ours.tracker.events", "outcome", "failed"))
          .isEqualTo((double) stats.failed());
      assertThat(counter("ours.tracker.events", "outcome", "dropped")).isZero();
      assertThat(counter("ours.tracker.queued", "tracker", "test")).isEqualTo(1_000);
      assertThat(telemetry.meters.get("ours.tracker.pending").gauge().value()).isZero();
      tracker.close();
    }
    assertThat(stats.sent() + stats.failed()).isEqualTo(1_000);
    assertThat(stats.failed()).isPositive();
    assertThat(sandbox.ingest().testEvents()).hasSize((int) stats.sent());

    // The batches, from the core listener: three failed requests, the rest accepted.
    assertThat(
            telemetry
                .meters
                .get(OursObservability.BATCHES)
                .tags("result", "transient_failure")
                .timer()
                .count())
        .isEqualTo(3);
    assertThat(
            telemetry
                .meters
                .get(OursObservability.BATCH_SIZE)
                .tags("result", "transient_failure")
                .summary()
                .totalAmount())
        .isEqualTo((double) stats.failed());
    assertThat(
            telemetry
                .meters
                .get(OursObservability.BATCH_SIZE)
                .tags("result", "accepted")
                .summary()
                .totalAmount())
        .isEqualTo((double) stats.sent());
    // Every tracker request is also an ingest call observation.
    assertThat(
            telemetry
                .meters
                .get("ours.client.requests")
                .tags("ours.api", "ingest", "ours.operation", "batch", "status", "503")
                .timer()
                .count())
        .isEqualTo(3);
  }

  private double counter(String name, String key, String value) {
    return telemetry.meters.get(name).tags(key, value).functionCounter().count();
  }

  private static String attribute(SpanData span, String key) {
    return span.getAttributes().get(AttributeKey.stringKey(key));
  }
}
