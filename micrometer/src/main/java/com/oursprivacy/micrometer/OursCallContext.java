package com.oursprivacy.micrometer;

import com.oursprivacy.core.CallEnd;
import com.oursprivacy.core.CallInfo;
import io.micrometer.observation.transport.Kind;
import io.micrometer.observation.transport.Propagator;
import io.micrometer.observation.transport.RequestReplySenderContext;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

/**
 * The {@code Observation.Context} of one SDK call: a client-side sender context (so tracing
 * handlers make a {@code CLIENT} span) whose carrier collects the trace headers a propagating
 * handler writes, which the SDK then adds to the request when {@link
 * OursObservability.Builder#propagateTraceContext(boolean) propagation} is on. Read by {@link
 * OursCallObservationConvention}s.
 */
public final class OursCallContext extends RequestReplySenderContext<Map<String, String>, CallEnd> {
  // Shared setters: a call's context allocates no lambda of its own.
  private static final Propagator.Setter<Map<String, String>> WRITE =
      (carrier, key, value) -> {
        if (carrier != null) {
          carrier.put(key, value);
        }
      };
  private static final Propagator.Setter<Map<String, String>> IGNORE = (carrier, key, value) -> {};
  private static final AtomicIntegerFieldUpdater<OursCallContext> RETRIES =
      AtomicIntegerFieldUpdater.newUpdater(OursCallContext.class, "retries");

  private final CallInfo call;
  private volatile int retries;

  /**
   * A context for {@code call}.
   *
   * @param call the call
   * @param propagate whether trace headers written into the carrier go out with the request
   */
  public OursCallContext(CallInfo call, boolean propagate) {
    super(propagate ? WRITE : IGNORE, Kind.CLIENT);
    this.call = call;
    setCarrier(new LinkedHashMap<>(4));
    setRemoteServiceName(
        call.api() == CallInfo.Api.INGEST ? "ours-privacy-ingest" : "ours-privacy-platform");
  }

  /**
   * The call observed.
   *
   * @return the call
   */
  public CallInfo call() {
    return call;
  }

  /**
   * How the call ended, once it has.
   *
   * @return the end, or empty while the call runs
   */
  public Optional<CallEnd> end() {
    return Optional.ofNullable(getResponse());
  }

  /**
   * How many retries the call has taken so far (its {@link CallEnd#retries()} once ended).
   *
   * @return the retries
   */
  public int retries() {
    CallEnd end = getResponse();
    return end != null ? end.retries() : retries;
  }

  void retried() {
    RETRIES.incrementAndGet(this);
  }
}
