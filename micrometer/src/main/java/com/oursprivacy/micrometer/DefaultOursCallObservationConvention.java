package com.oursprivacy.micrometer;

import com.oursprivacy.core.CallEnd;
import com.oursprivacy.core.CallInfo;
import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;
import io.micrometer.core.instrument.binder.http.Outcome;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The default names and tags of an SDK call's observation (the table in {@code
 * docs/observability.md}): Micrometer's HTTP client tags ({@code method}, {@code uri}, {@code
 * status}, {@code outcome}, {@code exception}) plus the API and operation, all low-cardinality (a
 * path template, never a path with ids); OpenTelemetry's HTTP client attributes as high-cardinality
 * values, which go to spans only.
 */
public class DefaultOursCallObservationConvention implements OursCallObservationConvention {
  /** The observation's name, and so the timer's: {@value}. */
  public static final String NAME = "ours.client.requests";

  /** The shared instance. */
  public static final DefaultOursCallObservationConvention INSTANCE =
      new DefaultOursCallObservationConvention();

  /** The default convention; see {@link #INSTANCE}. */
  public DefaultOursCallObservationConvention() {}

  @Override
  public String getName() {
    return NAME;
  }

  /**
   * The span name, as OpenTelemetry's HTTP client convention has it: {@code {method}
   * {url.template}}, e.g. {@code GET /rest/v1/destinations/{id}}.
   *
   * @param context the call's context
   * @return the span name
   */
  @Override
  public String getContextualName(OursCallContext context) {
    CallInfo call = context.call();
    return CallInfo.UNKNOWN_TEMPLATE.equals(call.pathTemplate())
        ? call.method()
        : call.method() + " " + call.pathTemplate();
  }

  @Override
  public KeyValues getLowCardinalityKeyValues(OursCallContext context) {
    CallInfo call = context.call();
    CallEnd end = context.getResponse();
    return KeyValues.of(
        KeyValue.of("ours.api", call.api().name().toLowerCase(Locale.ROOT)),
        KeyValue.of("ours.operation", call.operation()),
        KeyValue.of("method", call.method()),
        KeyValue.of("uri", call.pathTemplate()),
        KeyValue.of("status", status(end)),
        KeyValue.of("outcome", outcome(end)),
        KeyValue.of("exception", end == null ? "none" : end.errorType().orElse("none")));
  }

  @Override
  public KeyValues getHighCardinalityKeyValues(OursCallContext context) {
    CallInfo call = context.call();
    CallEnd end = context.getResponse();
    KeyValues kv =
        KeyValues.of(
            KeyValue.of("http.request.method", call.method()),
            KeyValue.of("url.template", call.pathTemplate()),
            KeyValue.of("http.request.resend_count", Integer.toString(context.retries())));
    if (end == null) {
      return kv;
    }
    kv = kv.and("ours.attempts", Integer.toString(end.attempts()));
    if (end.statusCode() != 0) {
      kv = kv.and("http.response.status_code", Integer.toString(end.statusCode()));
    }
    if (!end.succeeded()) {
      kv =
          kv.and(
              "error.type",
              end.statusCode() >= 400
                  ? Integer.toString(end.statusCode())
                  : end.exception().map(t -> t.getClass().getName()).orElse("_OTHER"));
    }
    return kv;
  }

  /** The status code; {@code IO_ERROR} when the call ended without a response. */
  private static String status(@Nullable CallEnd end) {
    if (end == null) {
      return "UNKNOWN";
    }
    return end.statusCode() != 0 ? Integer.toString(end.statusCode()) : "IO_ERROR";
  }

  private static String outcome(@Nullable CallEnd end) {
    if (end == null || end.statusCode() == 0) {
      return Outcome.UNKNOWN.name();
    }
    return Outcome.forStatus(end.statusCode()).name();
  }
}
