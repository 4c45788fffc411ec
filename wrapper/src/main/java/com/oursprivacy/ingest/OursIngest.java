package com.oursprivacy.ingest;

import com.oursprivacy.OursPrivacy;
import com.oursprivacy.core.LogLevel;
import com.oursprivacy.core.RawResponse;
import com.oursprivacy.core.RequestOptions;
import com.oursprivacy.core.RetryPolicy;
import com.oursprivacy.core.Sleeper;
import com.oursprivacy.lowlevel.ingest.model.Batch;
import com.oursprivacy.lowlevel.ingest.model.BatchResult;
import com.oursprivacy.lowlevel.platform.api.SourcesApi;
import com.oursprivacy.models.SourceTokensResponse;
import com.oursprivacy.internal.ClientCore;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;
import java.util.logging.Logger;

/**
 * Client of the Ours Privacy ingest API ({@code /track}, {@code /identify}, {@code /batch}) for
 * server-side events. Thread-safe; build one per source and share it.
 *
 * <pre>{@code
 * OursIngest ingest = OursIngest.builder().testToken(System.getenv("OURS_TEST_TOKEN")).mode(Mode.TEST).build();
 * ingest.track(Event.named("Purchase").userId("u1").property("sku", "A1").at(Instant.now()));
 * }</pre>
 *
 * <p>Every call validates its input first and throws {@link
 * com.oursprivacy.errors.OursValidationException} without sending anything when it is invalid.
 * Every event gets a distinctId (a UUID unless it has one), so the client's own retries (429, 5xx
 * and network errors, with the API's documented back-off) never count an event twice. Other
 * failures throw the {@link com.oursprivacy.errors.OursException} subclass for them. Tokens never
 * appear in {@code toString()}, logs or exception messages.
 *
 * <p>In {@link Mode#TEST} the client holds and sends only the source's test token. For high
 * volume and fire-and-forget sending use a {@link #tracker(TrackerConfig) Tracker}.
 */
public final class OursIngest implements AutoCloseable {
  /** The production ingest endpoint. */
  public static final String DEFAULT_BASE_URL = "https://api.oursprivacy.com/api/v1";

  private static final Logger LOG = Logger.getLogger(OursIngest.class.getName());

  private final Tokens tokens;
  private final ClientCore core;
  private final IngestService service;
  private final Clock clock;
  private final Duration timeout;

  private OursIngest(Builder b, Tokens tokens) {
    this.tokens = tokens;
    this.clock = b.clock;
    this.timeout = b.timeout;
    com.oursprivacy.internal.ClientCoreBuilder cb =
        ClientCore.builder()
            .name("ours-ingest")
            .baseUrl(b.baseUrl)
            .secret(tokens.sendToken)
            .retryPolicy(retryPolicy(b.maxRetries))
            .logLevel(b.logLevel)
            .sleeper(b.sleeper);
    if (b.timeout != null) {
      cb.callTimeout(b.timeout);
    }
    this.core = cb.build();
    this.service = core.api(IngestService.class);
    // Logged once per client: at INFO when the client logs (OURS_PRIVACY_LOG=info|debug), else at
    // FINE, so building clients in a test suite does not flood the console; mode() always tells.
    LOG.log(b.logLevel == LogLevel.OFF ? java.util.logging.Level.FINE : java.util.logging.Level.INFO,
        "Ours ingest client: mode=" + tokens.mode + " (sending the source's "
            + (tokens.mode == Mode.TEST ? "test" : "live") + " token), baseUrl=" + core.baseUrl());
  }

  /** The API's documented back-off, applied to POST too: every body carries its distinctIds. */
  static RetryPolicy retryPolicy(int maxRetries) {
    return Backoff.POLICY.toBuilder().maxRetries(maxRetries).build();
  }

  /** A new builder; tokens and mode not set on it come from system properties, then the environment. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A client configured only from the environment variables {@code OURS_PRIVACY_INGEST_TOKEN},
   * {@code OURS_PRIVACY_INGEST_TEST_TOKEN} and {@code OURS_PRIVACY_INGEST_MODE}, or the system
   * properties {@code ours.privacy.ingest.token}, {@code ours.privacy.ingest.testToken} and
   * {@code ours.privacy.ingest.mode}, which win over the variables.
   *
   * @throws IllegalStateException when they do not make a usable configuration
   */
  public static OursIngest fromEnv() {
    return builder().build();
  }

  /**
   * A client for one source, its tokens read from the platform API ({@code GET
   * /rest/v1/sources/{id}/tokens}, scope {@code source:read}). In {@link Mode#TEST} only the test
   * token is kept.
   *
   * <pre>{@code
   * OursIngest ingest = OursIngest.forSource(ours, "src_123", Mode.TEST);
   * }</pre>
   *
   * @throws com.oursprivacy.errors.OursException when the platform call fails
   * @throws IllegalStateException when the source has no token for {@code mode}
   */
  public static OursIngest forSource(OursPrivacy ours, String sourceId, Mode mode) {
    return builder().source(ours, sourceId).mode(mode).build();
  }

  /** Which token this client sends. */
  public Mode mode() {
    return tokens.mode;
  }

  /**
   * A guard for test suites: returns this client when it is in {@link Mode#TEST}.
   *
   * @throws IllegalStateException when it is in {@link Mode#LIVE}
   */
  public OursIngest requireTestMode() {
    if (tokens.mode != Mode.TEST) {
      throw new IllegalStateException("requireTestMode(): this client is in LIVE mode");
    }
    return this;
  }

  /**
   * Sends one event through {@code /track}, retrying transient failures.
   *
   * @return the event as sent, with its distinctId
   * @throws com.oursprivacy.errors.OursValidationException when invalid (nothing sent)
   * @throws com.oursprivacy.errors.OursException when the request fails
   */
  public Event track(Event event) {
    Event e = prepare(event);
    core.execute(service.track(Wire.track(tokens.sendToken, e)), options());
    return e;
  }

  /**
   * {@link #track} without blocking; validation still happens (and throws) in the caller's
   * thread. The future fails with an {@link com.oursprivacy.errors.OursException}.
   */
  public CompletableFuture<Event> trackAsync(Event event) {
    Event e = prepare(event);
    return core.executeAsync(service.track(Wire.track(tokens.sendToken, e)), options()).thenApply(r -> e);
  }

  /**
   * Sets user properties through {@code /identify} (fires no event).
   *
   * @throws com.oursprivacy.errors.OursValidationException when invalid (nothing sent)
   * @throws com.oursprivacy.errors.OursException when the request fails
   */
  public void identify(Identify identify) {
    Validator.identify(Objects.requireNonNull(identify, "identify == null"), "identify");
    core.execute(service.identify(Wire.identify(tokens.sendToken, identify)), options());
  }

  /** {@link #identify} without blocking; validation throws in the caller's thread. */
  public CompletableFuture<Void> identifyAsync(Identify identify) {
    Validator.identify(Objects.requireNonNull(identify, "identify == null"), "identify");
    return core.executeAsync(service.identify(Wire.identify(tokens.sendToken, identify)), options())
        .thenApply(r -> null);
  }

  /**
   * Sends events in one {@code /batch} request. A whole-request transient failure is retried
   * with the same distinctIds; a 207 is returned, not thrown: resend {@link
   * BatchReport#retryable()} to complete it.
   *
   * @throws com.oursprivacy.errors.OursValidationException when any event is invalid (names
   *     {@code events[i].field}; nothing sent)
   * @throws com.oursprivacy.errors.OursException when the request fails (400, 401, 413 …)
   */
  public BatchReport batch(List<Event> events) {
    List<Event> rows = prepareAll(events);
    RawResponse<Batch> r = core.executeRaw(service.batch(Wire.batch(tokens.sendToken, rows)), options());
    return report(r, rows, tokens.sendToken);
  }

  /** {@link #batch} without blocking; validation throws in the caller's thread. */
  public CompletableFuture<BatchReport> batchAsync(List<Event> events) {
    List<Event> rows = prepareAll(events);
    return core.executeRawAsync(service.batch(Wire.batch(tokens.sendToken, rows)), options())
        .thenApply(r -> report(r, rows, tokens.sendToken));
  }

  /**
   * A background {@link Tracker} sending with this client's token and mode. Its requests are
   * made once each (the tracker owns retries and back-off). Close the tracker before this client;
   * unless {@link TrackerConfig#shutdownHook()} is off, a JVM shutdown hook flushes it on exit.
   *
   * @throws IllegalStateException when the spool directory is in use by another tracker
   * @throws java.io.UncheckedIOException when the spool directory cannot be used
   */
  public Tracker tracker(TrackerConfig config) {
    Objects.requireNonNull(config, "config == null");
    return new Tracker(config, new CoreTransport(core, timeout), tokens.sendToken, tokens.mode);
  }

  /** {@link #tracker(TrackerConfig)} with {@link TrackerConfig#defaults()}. */
  public Tracker tracker() {
    return tracker(TrackerConfig.defaults());
  }

  /** Releases the HTTP resources; requests after this fail with IllegalStateException. */
  @Override
  public void close() {
    core.close();
  }

  @Override
  public String toString() {
    return "OursIngest{mode=" + tokens.mode + ", baseUrl=" + core.baseUrl() + "}";
  }

  private RequestOptions options() {
    return RequestOptions.none();
  }

  private Event prepare(Event event) {
    Objects.requireNonNull(event, "event == null");
    Validator.event(event, "event", clock.instant());
    return withDistinctId(event);
  }

  private List<Event> prepareAll(List<Event> events) {
    Objects.requireNonNull(events, "events == null");
    List<Event> copy = new ArrayList<>(events.size());
    for (Event e : events) {
      copy.add(Objects.requireNonNull(e, "events contains null"));
    }
    Validator.batch(copy, clock.instant());
    copy.replaceAll(OursIngest::withDistinctId);
    return copy;
  }

  private static Event withDistinctId(Event e) {
    return e.distinctId().isPresent() ? e : e.distinctId(DistinctIds.next());
  }

  private static BatchReport report(RawResponse<Batch> r, List<Event> rows, String token) {
    List<BatchReport.Failure> failures = new ArrayList<>();
    Batch b = r.value();
    Map<Integer, BatchResult> byIndex = new HashMap<>();
    if (b != null && b.getResults() != null) {
      for (BatchResult res : Wire.withoutToken(b.getResults(), token)) {
        if (res != null && res.getIndex() != null) { // a row without an index is "missing_result"
          byIndex.put(res.getIndex(), res);
        }
      }
    }
    for (int i = 0; i < rows.size(); i++) {
      BatchResult res = byIndex.get(i);
      if (res != null && !Boolean.TRUE.equals(res.getSuccess())) {
        String code = res.getCode() == null ? "unknown" : res.getCode().getValue();
        failures.add(new BatchReport.Failure(i, rows.get(i), code, res.getMessage()));
      } else if (res == null && r.statusCode() != 200) {
        failures.add(new BatchReport.Failure(i, rows.get(i), "missing_result", "no result for this row"));
      }
    }
    return new BatchReport(r.statusCode(), rows, failures);
  }

  /** Builds {@link OursIngest}. Not thread-safe. */
  public static final class Builder {
    private String token;
    private String testToken;
    private Mode mode;
    private boolean requireTestMode;
    private String baseUrl = DEFAULT_BASE_URL;
    private int maxRetries = 3;
    private Duration timeout;
    private LogLevel logLevel; // null: from ours.privacy.log / OURS_PRIVACY_LOG, else OFF
    private Sleeper sleeper = Sleeper.system();
    private Clock clock = Clock.systemUTC();
    private UnaryOperator<String> env = System::getenv;
    private UnaryOperator<String> sys = System::getProperty;

    private Builder() {}

    /** The source's live token (1–250 characters). Never kept in {@link Mode#TEST}. */
    public Builder token(String token) {
      this.token = Objects.requireNonNull(token, "token == null");
      return this;
    }

    /**
     * Reads {@code token} and {@code testToken} of a source from the platform API now (one
     * request through {@code ours}), as if passed to {@link #token} and {@link #testToken}.
     *
     * @throws com.oursprivacy.errors.OursException when the platform call fails
     */
    public Builder source(OursPrivacy ours, String sourceId) {
      Objects.requireNonNull(ours, "ours == null");
      Objects.requireNonNull(sourceId, "sourceId == null");
      SourceTokensResponse tokens =
          ours.core().execute(ours.raw(SourcesApi.class).getSourceTokens(sourceId), RequestOptions.none());
      if (tokens != null && tokens.getToken() != null && !tokens.getToken().isBlank()) {
        this.token = tokens.getToken();
      }
      if (tokens != null && tokens.getTestToken() != null && !tokens.getTestToken().isBlank()) {
        this.testToken = tokens.getTestToken();
      }
      return this;
    }

    /** The source's test token (1–250 characters). */
    public Builder testToken(String testToken) {
      this.testToken = Objects.requireNonNull(testToken, "testToken == null");
      return this;
    }

    /**
     * LIVE or TEST. When unset: {@code OURS_PRIVACY_INGEST_MODE}, else LIVE if a live token is
     * known, else TEST.
     */
    public Builder mode(Mode mode) {
      this.mode = Objects.requireNonNull(mode, "mode == null");
      return this;
    }

    /** Makes {@link #build()} fail unless the resolved mode is TEST: live sends become impossible. */
    public Builder requireTestMode() {
      this.requireTestMode = true;
      return this;
    }

    /** The API root; default {@link #DEFAULT_BASE_URL}. HTTPS except for loopback. */
    public Builder baseUrl(String baseUrl) {
      this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl == null");
      return this;
    }

    /** Retries of a synchronous or async call after 429, 5xx or network errors; default 3. */
    public Builder maxRetries(int maxRetries) {
      if (maxRetries < 0) {
        throw new IllegalArgumentException("maxRetries must be ≥ 0, was " + maxRetries);
      }
      this.maxRetries = maxRetries;
      return this;
    }

    /** Time limit of one HTTP call; default: the HTTP stack's. */
    public Builder timeout(Duration timeout) {
      this.timeout = Objects.requireNonNull(timeout, "timeout == null");
      return this;
    }

    /**
     * HTTP logging (tokens redacted). Unset, it is read from the system property {@code
     * ours.privacy.log}, then the environment variable {@code OURS_PRIVACY_LOG} (as for {@code
     * OursPrivacy}), else OFF.
     */
    public Builder logLevel(LogLevel logLevel) {
      this.logLevel = Objects.requireNonNull(logLevel, "logLevel == null");
      return this;
    }

    /**
     * Replaces the real waits between the client's retries; for tests (see {@link Sleeper}), like
     * {@code OursPrivacy.Builder.sleeper}. Trackers take theirs from {@link TrackerConfig}.
     *
     * @return this builder
     */
    public Builder sleeper(Sleeper sleeper) {
      this.sleeper = Objects.requireNonNull(sleeper, "sleeper == null");
      return this;
    }

    Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock == null");
      return this;
    }

    Builder lookups(UnaryOperator<String> env, UnaryOperator<String> sys) {
      this.env = env;
      this.sys = sys;
      return this;
    }

    /**
     * The client.
     *
     * @throws IllegalStateException when no usable token is known for the mode, TEST is asked
     *     for without a test token, or requireTestMode() meets LIVE
     * @throws IllegalArgumentException when the base URL is not acceptable
     * @throws com.oursprivacy.errors.OursValidationException when the token breaks the spec's
     *     length rule
     */
    public OursIngest build() {
      Tokens t = Tokens.resolve(token, testToken, mode, requireTestMode, env, sys);
      if (logLevel == null) {
        String v = sys.apply("ours.privacy.log");
        if (v == null) {
          v = env.apply("OURS_PRIVACY_LOG");
        }
        logLevel = v == null ? LogLevel.OFF : LogLevel.parse(v);
      }
      return new OursIngest(this, t);
    }
  }
}
