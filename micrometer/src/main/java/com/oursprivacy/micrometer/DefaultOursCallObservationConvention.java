package com.oursprivacy.micrometer;

import com.oursprivacy.core.CallEnd;
import com.oursprivacy.core.CallInfo;
import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;
import io.micrometer.core.instrument.binder.http.Outcome;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
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

  // Bounded like the meters themselves: one entry per API, operation, method and path template.
  private final Map<String, List<Shape>> shapes = new ConcurrentHashMap<>();

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
    return shape(context.call()).contextualName;
  }

  @Override
  public KeyValues getLowCardinalityKeyValues(OursCallContext context) {
    Shape shape = shape(context.call());
    CallEnd end = context.getResponse();
    if (end == null) {
      return shape.lowStart;
    }
    Ending last = shape.last;
    if (last != null && last.matches(end)) {
      return last.low;
    }
    Ending now = shape.ending(end);
    if (now != null) {
      shape.last = now;
      return now.low;
    }
    return shape.low(end);
  }

  @Override
  public KeyValues getHighCardinalityKeyValues(OursCallContext context) {
    Shape shape = shape(context.call());
    CallEnd end = context.getResponse();
    if (end == null) {
      int retries = context.retries();
      return retries == 0 ? shape.highStart : shape.high(retries, null);
    }
    Ending last = shape.last;
    if (last != null && last.matches(end)) {
      return last.high;
    }
    Ending now = shape.ending(end);
    if (now != null) {
      shape.last = now;
      return now.high;
    }
    return shape.high(end.retries(), end);
  }

  private Shape shape(CallInfo call) {
    List<Shape> variants =
        shapes.computeIfAbsent(call.operation(), k -> new CopyOnWriteArrayList<>());
    for (Shape s : variants) {
      if (s.matches(call)) {
        return s;
      }
    }
    synchronized (variants) {
      for (Shape s : variants) {
        if (s.matches(call)) {
          return s;
        }
      }
      Shape s = new Shape(call);
      variants.add(s);
      return s;
    }
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
    private final CallInfo.Api api;
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
      this.api = call.api();
      this.apiName = api.name().toLowerCase(Locale.ROOT);
      this.operation = call.operation();
      this.method = call.method();
      this.template = call.pathTemplate();
      this.contextualName =
          CallInfo.UNKNOWN_TEMPLATE.equals(template) ? method : method + " " + template;
      this.lowStart = low(null);
      this.highStart = high(0, null);
    }

    boolean matches(CallInfo call) {
      return api == call.api()
          && method.equals(call.method())
          && template.equals(call.pathTemplate());
    }

    /** The reusable values of {@code end}, or null when it is not a plain one-attempt success. */
    @Nullable Ending ending(CallEnd end) {
      if (!end.succeeded() || end.attempts() != 1 || end.exception().isPresent()) {
        return null;
      }
      return new Ending(end.statusCode(), low(end), high(0, end));
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
