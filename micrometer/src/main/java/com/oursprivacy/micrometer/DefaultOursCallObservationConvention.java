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
 *
 * <p>The values of a call that starts, or ends at once with the same status as the last call of its
 * operation, are built once and then reused, so that in the steady state the convention allocates
 * nothing per call (Micrometer's observation and its handlers still do).
 */
public class DefaultOursCallObservationConvention implements OursCallObservationConvention {
  /** The observation's name, and so the timer's: {@value}. */
  public static final String NAME = "ours.client.requests";

  /** The shared instance. */
  public static final DefaultOursCallObservationConvention INSTANCE =
      new DefaultOursCallObservationConvention();

  private final PerShape<Shape> shapes = new PerShape<>(Shape::new);

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
    return shapes.get(context.call()).contextualName;
  }

  @Override
  public KeyValues getLowCardinalityKeyValues(OursCallContext context) {
    Shape shape = shapes.get(context.call());
    CallEnd end = context.getResponse();
    if (end == null) {
      return shape.lowStart;
    }
    Ending reused = shape.reusable(end);
    return reused != null ? reused.low : shape.low(end);
  }

  @Override
  public KeyValues getHighCardinalityKeyValues(OursCallContext context) {
    Shape shape = shapes.get(context.call());
    CallEnd end = context.getResponse();
    if (end == null) {
      int retries = context.retries();
      return retries == 0 ? shape.highStart : shape.high(retries, null);
    }
    Ending reused = shape.reusable(end);
    return reused != null ? reused.high : shape.high(end.retries(), end);
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

  /** The values every call of one API, operation, method and path template shares. */
  private static final class Shape {
    private final String apiName;
    private final String operation;
    private final String method;
    private final String template;
    private final String contextualName;
    private final KeyValues lowStart;
    private final KeyValues highStart;
    // The last successful first-attempt ending: most calls end like the one before.
    private volatile @Nullable Ending last;

    Shape(CallInfo call) {
      this.apiName = call.api().name().toLowerCase(Locale.ROOT);
      this.operation = call.operation();
      this.method = call.method();
      this.template = call.pathTemplate();
      this.contextualName =
          CallInfo.UNKNOWN_TEMPLATE.equals(template) ? method : method + " " + template;
      this.lowStart = low(null);
      this.highStart = high(0, null);
    }

    /**
     * The values of {@code end} kept for reuse: the last ending's when {@code end} is like it, else
     * new ones that replace it; null when {@code end} is not a plain one-attempt success.
     */
    @Nullable Ending reusable(CallEnd end) {
      Ending kept = last;
      if (kept != null && kept.matches(end)) {
        return kept;
      }
      if (!end.succeeded() || end.attempts() != 1 || end.exception().isPresent()) {
        return null;
      }
      Ending now = new Ending(end.statusCode(), low(end), high(0, end));
      last = now;
      return now;
    }

    KeyValues low(@Nullable CallEnd end) {
      return KeyValues.of(
          KeyValue.of("ours.api", apiName),
          KeyValue.of("ours.operation", operation),
          KeyValue.of("method", method),
          KeyValue.of("uri", template),
          KeyValue.of("status", status(end)),
          KeyValue.of("outcome", outcome(end)),
          KeyValue.of("exception", end == null ? "none" : end.errorType().orElse("none")));
    }

    KeyValues high(int retries, @Nullable CallEnd end) {
      KeyValues kv =
          KeyValues.of(
              KeyValue.of("http.request.method", method),
              KeyValue.of("url.template", template),
              KeyValue.of("http.request.resend_count", Integer.toString(retries)));
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
  }

  /** The values of a successful first-attempt call with one status. */
  private static final class Ending {
    private final int status;
    private final KeyValues low;
    private final KeyValues high;

    Ending(int status, KeyValues low, KeyValues high) {
      this.status = status;
      this.low = low;
      this.high = high;
    }

    boolean matches(CallEnd end) {
      return end.statusCode() == status
          && end.attempts() == 1
          && end.succeeded()
          && end.exception().isEmpty();
    }
  }
}
