package com.oursprivacy.core;

import java.util.Objects;

/**
 * One logical call, as {@link CallListener}s see it: which API, which operation, which HTTP method
 * and path template. Immutable; one instance per call, passed with every event of that call, so it
 * may serve as an identity key (it does not override {@code equals}). Holds no ids, no query
 * values, no bodies and no secrets.
 */
public final class CallInfo {
  /** The path template of a request whose path is not known as a template. */
  public static final String UNKNOWN_TEMPLATE = "UNKNOWN";

  /** Which of the SDK's two APIs a call goes to. */
  public enum Api {
    /** The Platform REST API ({@code OursPrivacy}). */
    PLATFORM,
    /** The Ingest API ({@code OursIngest} and its trackers). */
    INGEST
  }

  private final Api api;
  private final String operation;
  private final String method;
  private final String pathTemplate;
  private final int maxAttempts;

  /**
   * A call's description; the SDK makes these, listeners' tests may too.
   *
   * @param api which API
   * @param operation the operation name, e.g. {@code destinations.list}
   * @param method the HTTP method, e.g. {@code GET}
   * @param pathTemplate the path template, e.g. {@code /rest/v1/destinations/{id}}, or {@link
   *     #UNKNOWN_TEMPLATE}
   * @param maxAttempts the most attempts the call may take (1 + its retry limit)
   * @throws NullPointerException if a reference is null
   */
  public CallInfo(Api api, String operation, String method, String pathTemplate, int maxAttempts) {
    this.api = Objects.requireNonNull(api, "api == null");
    this.operation = Objects.requireNonNull(operation, "operation == null");
    this.method = Objects.requireNonNull(method, "method == null");
    this.pathTemplate = Objects.requireNonNull(pathTemplate, "pathTemplate == null");
    this.maxAttempts = maxAttempts;
  }

  /**
   * Which API the call goes to.
   *
   * @return the API
   */
  public Api api() {
    return api;
  }

  /**
   * The operation's name: the API's own for generated resource methods ({@code destinations.list},
   * {@code destinations.retrieve}); {@code track}, {@code identify} and {@code batch} for ingest;
   * the Retrofit method's name for calls through {@code OursPrivacy.raw(…)}; {@code raw} for
   * hand-built requests.
   *
   * @return the operation name, low-cardinality (never contains an id)
   */
  public String operation() {
    return operation;
  }

  /**
   * The HTTP method.
   *
   * @return e.g. {@code GET}
   */
  public String method() {
    return method;
  }

  /**
   * The path as templated in the API's specification, e.g. {@code /rest/v1/destinations/{id}}:
   * never the concrete path, which holds ids. {@link #UNKNOWN_TEMPLATE} for hand-built requests.
   *
   * @return the path template
   */
  public String pathTemplate() {
    return pathTemplate;
  }

  /**
   * The most attempts this call may take: one plus its retry limit.
   *
   * @return at least 1
   */
  public int maxAttempts() {
    return maxAttempts;
  }

  @Override
  public String toString() {
    return "CallInfo{"
        + api
        + " "
        + operation
        + ", "
        + method
        + " "
        + pathTemplate
        + ", maxAttempts="
        + maxAttempts
        + "}";
  }
}
