package com.oursprivacy.micrometer;

import com.oursprivacy.core.CallEnd;
import com.oursprivacy.core.CallInfo;
import io.micrometer.observation.transport.Kind;
import io.micrometer.observation.transport.RequestReplySenderContext;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The {@code Observation.Context} of one SDK call: a client-side sender context (so tracing
 * handlers make a {@code CLIENT} span) whose carrier collects the trace headers a propagating
 * handler writes, which the SDK then adds to the request when {@link
 * OursObservability.Builder#propagateTraceContext(boolean) propagation} is on. Read by {@link
 * OursCallObservationConvention}s.
 */
public final class OursCallContext extends RequestReplySenderContext<Map<String, String>, CallEnd> {
  private final CallInfo call;
  private final AtomicInteger retries = new AtomicInteger();

  /**
   * A context for {@code call}.
   *
   * @param call the call
   * @param propagate whether trace headers written into the carrier go out with the request
   */
  public OursCallContext(CallInfo call, boolean propagate) {
    super(
        (carrier, key, value) -> {
          if (propagate && carrier != null) {
            carrier.put(key, value);
          }
        },
        Kind.CLIENT);
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
    return end != null ? end.retries() : retries.get();
  }

  void retried() {
    retries.incrementAndGet();
  }
}
