package com.oursprivacy.micrometer;

import com.oursprivacy.core.BatchSent;
import com.oursprivacy.core.CallEnd;
import com.oursprivacy.core.CallInfo;
import com.oursprivacy.core.CallListener;
import com.oursprivacy.core.RetryDecision;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;

/**
 * A {@link CallListener} that reports the SDK's calls to Micrometer: one {@link Observation} per
 * logical platform or ingest call, however many attempts it takes (through the registry's handlers
 * a timer {@code ours.client.requests} and, with a tracing bridge such as {@code
 * micrometer-tracing-bridge-otel}, a client span), a counter of retries, and a timer and a size
 * summary of the batches trackers send. Add the same instance to every client it should observe:
 *
 * <pre>{@code
 * OursObservability observability = OursObservability.builder()
 *     .observationRegistry(observationRegistry)   // spans and timers, through its handlers
 *     .meterRegistry(meterRegistry)               // retry and batch meters
 *     .build();
 * OursPrivacy ours = OursPrivacy.builder().apiKey(key).listener(observability).build();
 * }</pre>
 *
 * <p>Tags are low-cardinality only (API, operation, method, path template, status, outcome,
 * exception type); ids, query values and bodies never become tags. The names and tags are listed in
 * {@code docs/observability.md}. Thread-safe.
 */
public final class OursObservability implements CallListener {
  /** The retry counter's name: {@value}. */
  public static final String RETRIES = "ours.client.retries";

  /** The tracker batch timer's name: {@value}. */
  public static final String BATCHES = "ours.tracker.batches";

  /** The tracker batch size summary's name: {@value}. */
  public static final String BATCH_SIZE = "ours.tracker.batch.size";

  private static final int MAX_STATUS = 599;

  private final @Nullable ObservationRegistry observations;
  // Without an observation registry (and a custom convention), timers are recorded directly.
  private final @Nullable CallTimers timers;
  private final @Nullable MeterRegistry meters;
  private final boolean propagate;
  private final @Nullable OursCallObservationConvention convention;
  private final Map<CallInfo, Observation> inFlight = new ConcurrentHashMap<>();
  // Batch meters by result and status (0 to 599), each registered once: a batch allocates nothing.
  private final Map<BatchSent.Result, AtomicReferenceArray<BatchMeters>> batchMeters =
      new EnumMap<>(BatchSent.Result.class);

  private OursObservability(Builder b) {
    MeterRegistry m = b.meters;
    ObservationRegistry o = b.observations;
    CallTimers t = null;
    if (o == null && m != null) {
      if (b.convention == null) {
        t = new CallTimers(m);
      } else {
        o = ObservationRegistry.create();
        o.observationConfig().observationHandler(new DefaultMeterObservationHandler(m));
      }
    }
    this.observations = o;
    this.timers = t;
    this.meters = m;
    this.propagate = b.propagate;
    this.convention = b.convention;
    for (BatchSent.Result r : BatchSent.Result.values()) {
      batchMeters.put(r, new AtomicReferenceArray<>(MAX_STATUS + 1));
    }
  }

  /**
   * A builder; set an observation registry, a meter registry, or both.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Observations in {@code observations}; no retry or batch meters.
   *
   * @param observations the registry whose handlers make timers and spans
   * @return the listener
   */
  public static OursObservability of(ObservationRegistry observations) {
    return builder().observationRegistry(observations).build();
  }

  /**
   * Timers and counters in {@code meters}, no observations and so no spans: the timer {@code
   * ours.client.requests} is recorded directly (same name and tags), each timer looked up once, so
   * a call costs no allocation for it.
   *
   * @param meters the meter registry
   * @return the listener
   */
  public static OursObservability of(MeterRegistry meters) {
    return builder().meterRegistry(meters).build();
  }

  /**
   * Whether this listener adds W3C trace headers ({@code traceparent}) to outgoing requests.
   *
   * @return the setting
   */
  public boolean propagatesTraceContext() {
    return propagate;
  }

  @Override
  public void onCallStart(CallInfo call) {
    if (observations == null || observations.isNoop()) {
      return;
    }
    OursCallContext context = new OursCallContext(call, propagate);
    Observation observation =
        Observation.createNotStarted(
                convention,
                DefaultOursCallObservationConvention.INSTANCE,
                () -> context,
                observations)
            .start();
    inFlight.put(call, observation);
  }

  @Override
  public void addHeaders(CallInfo call, BiConsumer<String, String> header) {
    if (!propagate) {
      return;
    }
    Observation observation = inFlight.get(call);
    if (observation != null
        && observation.getContext() instanceof OursCallContext
        && ((OursCallContext) observation.getContext()).getCarrier() != null) {
      ((OursCallContext) observation.getContext()).getCarrier().forEach(header);
    }
  }

  @Override
  public void onRetry(RetryDecision retry) {
    Observation observation = inFlight.get(retry.call());
    if (observation != null && observation.getContext() instanceof OursCallContext) {
      ((OursCallContext) observation.getContext()).retried();
    }
    if (meters != null) {
      CallInfo call = retry.call();
      Counter.builder(RETRIES)
          .description("Retries of Ours Privacy SDK calls")
          .tags(
              Tags.of(
                  "ours.api", api(call),
                  "ours.operation", call.operation(),
                  "method", call.method()))
          .register(meters)
          .increment();
    }
  }

  @Override
  public void onCallEnd(CallEnd end) {
    if (timers != null) {
      timers.record(end);
      return;
    }
    Observation observation = inFlight.remove(end.call());
    if (observation == null) {
      return;
    }
    if (observation.getContext() instanceof OursCallContext) {
      ((OursCallContext) observation.getContext()).setResponse(end);
    }
    end.exception().ifPresent(observation::error);
    observation.stop();
  }

  @Override
  public void onBatchSent(BatchSent batch) {
    MeterRegistry m = meters;
    if (m == null) {
      return;
    }
    int status = batch.statusCode();
    AtomicReferenceArray<BatchMeters> byStatus = batchMeters.get(batch.result());
    boolean cached = status >= 0 && status <= MAX_STATUS;
    BatchMeters b = cached ? byStatus.get(status) : null;
    if (b == null) {
      b = new BatchMeters(m, batch.result(), status);
      if (cached) {
        byStatus.set(status, b);
      }
    }
    b.time.record(batch.duration());
    b.size.record(batch.size());
  }

  /** The batch timer and size summary of one result and status, looked up once. */
  private static final class BatchMeters {
    private final Timer time;
    private final DistributionSummary size;

    BatchMeters(MeterRegistry meters, BatchSent.Result r, int statusCode) {
      String result = r.name().toLowerCase(Locale.ROOT);
      String status = statusCode == 0 ? "IO_ERROR" : Integer.toString(statusCode);
      this.time =
          Timer.builder(BATCHES)
              .description("Requests a tracker sent, by result")
              .tags("result", result, "status", status)
              .register(meters);
      this.size =
          DistributionSummary.builder(BATCH_SIZE)
              .description("Items per request a tracker sent")
              .baseUnit("items")
              .tags("result", result)
              .register(meters);
    }
  }

  private static String api(CallInfo call) {
    return call.api().name().toLowerCase(Locale.ROOT);
  }

  @Override
  public String toString() {
    return "OursObservability{propagateTraceContext="
        + propagate
        + ", inFlight="
        + inFlight.size()
        + "}";
  }

  /** Configures an {@link OursObservability}. Not thread-safe. */
  public static final class Builder {
    private @Nullable ObservationRegistry observations;
    private @Nullable MeterRegistry meters;
    private boolean propagate;
    private @Nullable OursCallObservationConvention convention;

    private Builder() {}

    /**
     * The registry the calls' observations go to; its handlers make timers (Micrometer's {@code
     * DefaultMeterObservationHandler}) and spans (a tracing bridge's handlers). Without it, calls
     * are timed directly into {@link #meterRegistry} (timers, no observations, no spans).
     *
     * @param observations the registry
     * @return this builder
     */
    public Builder observationRegistry(ObservationRegistry observations) {
      this.observations = Objects.requireNonNull(observations, "observations == null");
      return this;
    }

    /**
     * Where the retry counter and the tracker batch meters go (none without it).
     *
     * @param meters the registry
     * @return this builder
     */
    public Builder meterRegistry(MeterRegistry meters) {
      this.meters = Objects.requireNonNull(meters, "meters == null");
      return this;
    }

    /**
     * Adds the trace context of each call's observation to its request as W3C {@code traceparent}
     * (and {@code tracestate}, baggage: whatever the tracing bridge's propagator writes). Off by
     * default: the headers hand the caller's trace and span ids to a third-party API, which neither
     * needs nor continues them (it sends no spans back), and a privacy product should not make that
     * join possible unasked. Needs a propagating tracing handler on the observation registry
     * (Spring Boot registers one).
     *
     * @param propagate true to send the headers
     * @return this builder
     */
    public Builder propagateTraceContext(boolean propagate) {
      this.propagate = propagate;
      return this;
    }

    /**
     * Replaces the default names and tags ({@link DefaultOursCallObservationConvention}); a
     * convention registered on the observation registry still wins, as Micrometer defines.
     *
     * @param convention the convention
     * @return this builder
     */
    public Builder convention(OursCallObservationConvention convention) {
      this.convention = Objects.requireNonNull(convention, "convention == null");
      return this;
    }

    /**
     * Builds the listener.
     *
     * @return the listener
     * @throws IllegalStateException when neither registry is set
     */
    public OursObservability build() {
      if (observations == null && meters == null) {
        throw new IllegalStateException("set an observationRegistry, a meterRegistry, or both");
      }
      return new OursObservability(this);
    }
  }
}
