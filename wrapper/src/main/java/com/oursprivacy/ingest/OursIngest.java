package com.oursprivacy.ingest;

import com.oursprivacy.OursPrivacy;
import com.oursprivacy.core.CallInfo;
import com.oursprivacy.core.ClientBuilder;
import com.oursprivacy.core.LogLevel;
import com.oursprivacy.core.RawResponse;
import com.oursprivacy.core.RequestOptions;
import com.oursprivacy.core.RetryPolicy;
import com.oursprivacy.internal.ClientCore;
import com.oursprivacy.internal.ClientCoreBuilder;
import com.oursprivacy.internal.ConfigResolver;
import com.oursprivacy.internal.Listeners;
import com.oursprivacy.internal.SharedBuilders;
import com.oursprivacy.lowlevel.ingest.model.Batch;
import com.oursprivacy.lowlevel.ingest.model.BatchResult;
import com.oursprivacy.models.SourceTokensResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

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
 * <p>In {@link Mode#TEST} the client holds and sends only the source's test token. For high volume
 * and fire-and-forget sending use a {@link #tracker(TrackerConfig) Tracker}.
 */
public final class OursIngest implements AutoCloseable {
  /** The production ingest endpoint. */
  public static final String DEFAULT_BASE_URL = "https://api.oursprivacy.com/api/v1";

  private static final Logger LOG = LoggerFactory.getLogger(OursIngest.class);

  private final Tokens tokens;
  private final ClientCore core;
  private final IngestService service;
  private final Clock clock;
  private final @Nullable Duration timeout;

  /** The trackers made from this client and not yet closed; guarded by itself. */
  private final Set<Tracker> trackers = new LinkedHashSet<>();

  /** Set by {@link #close()}, under the lock of {@link #trackers}. */
  private boolean closed;

  private OursIngest(Builder b, Tokens tokens, String baseUrl, LogLevel logLevel) {
    ClientCoreBuilder http = SharedBuilders.core(b);
    this.tokens = tokens;
    this.clock = b.clock;
    this.timeout = http.callTimeout(); // the tracker bounds each of its requests by it too
    this.core =
        http.baseUrl(baseUrl)
            .api(CallInfo.Api.INGEST)
            .secret(tokens.sendToken)
            .retryPolicy(retryPolicy(b.maxRetries))
            .logLevel(logLevel)
            .build();
    this.service = core.api(IngestService.class);
    // Logged once per client: at INFO when the client logs (OURS_PRIVACY_LOG=info|debug), else at
    // DEBUG, so building clients in a test suite does not flood the console; mode() always tells.
    LOG.atLevel(logLevel == LogLevel.OFF ? Level.DEBUG : Level.INFO)
        .log(
            "Ours ingest client: mode={} (sending the source's {} token), baseUrl={}",
            tokens.mode,
            tokens.mode == Mode.TEST ? "test" : "live",
            core.baseUrlForDisplay());
  }

  /** The API's documented back-off, applied to POST too: every body carries its distinctIds. */
  static RetryPolicy retryPolicy(int maxRetries) {
    return Backoff.POLICY.toBuilder().maxRetries(maxRetries).build();
  }

  /**
   * {@return a new builder; tokens and mode not set on it come from system properties, then the
   * environment}
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A client configured only from the environment variables {@code OURS_PRIVACY_INGEST_TOKEN},
   * {@code OURS_PRIVACY_INGEST_TEST_TOKEN}, {@code OURS_PRIVACY_INGEST_MODE} and {@code
   * OURS_PRIVACY_INGEST_BASE_URL}, or the system properties {@code ours.privacy.ingest.token},
   * {@code ours.privacy.ingest.testToken}, {@code ours.privacy.ingest.mode} and {@code
   * ours.privacy.ingest.baseUrl}, which win over the variables.
   *
   * @return a client configured only from the environment variables {@code
   *     OURS_PRIVACY_INGEST_TOKEN}, {@code OURS_PRIVACY_INGEST_TEST_TOKEN}, {@code
   *     OURS_PRIVACY_INGEST_MODE} and {@code OURS_PRIVACY_INGEST_BASE_URL}, or the system
   *     properties {@code ours.privacy.ingest.token}, {@code ours.privacy.ingest.testToken}, {@code
   *     ours.privacy.ingest.mode} and {@code ours.privacy.ingest.baseUrl}, which win over the
   *     variables
   * @throws IllegalStateException when they do not make a usable configuration
   */
  public static OursIngest fromEnv() {
    return builder().build();
  }

  /**
   * A client for one source, its tokens read from the platform API ({@code GET
   * /rest/v1/sources/{id}/tokens}, scope {@code source:read}). In {@link Mode#TEST} only the test
   * token is kept. The ingest base URL comes from {@code ours.privacy.ingest.baseUrl} / {@code
   * OURS_PRIVACY_INGEST_BASE_URL}, else {@link #DEFAULT_BASE_URL}; to set it (or timeouts, a proxy
   * …) in code, use {@link Builder#source} on a {@link #builder()}.
   *
   * <pre>{@code
   * OursIngest ingest = OursIngest.forSource(ours, "src_123", Mode.TEST);
   * OursIngest sandboxed = OursIngest.builder().baseUrl(sandbox.ingestBaseUrl())
   *     .source(ours, "src_123").mode(Mode.TEST).build();
   * }</pre>
   *
   * @param ours the ours
   * @param sourceId the source id
   * @param mode the mode
   * @return a client for one source, its tokens read from the platform API ({@code GET
   *     /rest/v1/sources/{id}/tokens}, scope {@code source:read})
   * @throws com.oursprivacy.errors.OursException when the platform call fails
   * @throws IllegalStateException when the source has no token for {@code mode}
   */
  public static OursIngest forSource(OursPrivacy ours, String sourceId, Mode mode) {
    return builder().source(ours, sourceId).mode(mode).build();
  }

  /** {@return which token this client sends} */
  public Mode mode() {
    return tokens.mode;
  }

  /**
   * A guard for test suites: returns this client when it is in {@link Mode#TEST}.
   *
   * @return a guard for test suites: returns this client when it is in {@link Mode#TEST}
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
   * @param event the event to send
   * @return the event as sent, with its distinctId
   * @throws com.oursprivacy.errors.OursValidationException when invalid (nothing sent)
   * @throws com.oursprivacy.errors.OursException when the request fails
   */
  public Event track(Event event) {
    Event e = prepare(event);
    core.execute(service.track(Wire.track(token(), e)), RequestOptions.none());
    return e;
  }

  /**
   * {@return {@link #track} without blocking} Never throws: every failure, an invalid event
   * included (then nothing is sent), completes the future exceptionally with an {@link
   * com.oursprivacy.errors.OursException}.
   *
   * @param event the event to send
   */
  public CompletableFuture<Event> trackAsync(Event event) {
    try {
      Event e = prepare(event);
      return core.executeAsync(service.track(Wire.track(token(), e)), RequestOptions.none())
          .thenApply(r -> e);
    } catch (RuntimeException failure) {
      return CompletableFuture.failedFuture(failure);
    }
  }

  /**
   * Sets user properties through {@code /identify} (fires no event).
   *
   * @param identify the identify call to send
   * @throws com.oursprivacy.errors.OursValidationException when invalid (nothing sent)
   * @throws com.oursprivacy.errors.OursException when the request fails
   */
  public void identify(Identify identify) {
    Validator.identify(Objects.requireNonNull(identify, "identify == null"), "identify");
    core.execute(service.identify(Wire.identify(token(), identify)), RequestOptions.none());
  }

  /**
   * {@return {@link #identify} without blocking} Never throws: every failure, validation included,
   * completes the future exceptionally.
   *
   * @param identify the identify call to send
   */
  public CompletableFuture<Void> identifyAsync(Identify identify) {
    try {
      Validator.identify(Objects.requireNonNull(identify, "identify == null"), "identify");
      return core.executeAsync(
              service.identify(Wire.identify(token(), identify)), RequestOptions.none())
          .thenApply(r -> null);
    } catch (RuntimeException failure) {
      return CompletableFuture.failedFuture(failure);
    }
  }

  /**
   * Sends events in one {@code /batch} request. A whole-request transient failure is retried with
   * the same distinctIds; a 207 is returned, not thrown: resend {@link BatchReport#retryable()} to
   * complete it. An empty list sends nothing and returns an empty report ({@link
   * BatchReport#statusCode()} 0), so resending an empty {@code retryable()} is safe.
   *
   * @param events the events
   * @return what the API answered for each event (accepted, rejected, retryable)
   * @throws com.oursprivacy.errors.OursValidationException when any event is invalid (names {@code
   *     events[i].field}; nothing sent)
   * @throws com.oursprivacy.errors.OursException when the request fails (400, 401, 413 …)
   */
  public BatchReport batch(List<Event> events) {
    if (Objects.requireNonNull(events, "events == null").isEmpty()) {
      return BatchReport.empty();
    }
    List<Event> rows = prepareAll(events);
    String token = token();
    RawResponse<Batch> r =
        core.executeRaw(service.batch(Wire.batch(token, rows)), RequestOptions.none());
    return report(r, rows, token);
  }

  /**
   * {@return {@link #batch} without blocking} Never throws: every failure, validation included,
   * completes the future exceptionally.
   *
   * @param events the events
   */
  public CompletableFuture<BatchReport> batchAsync(List<Event> events) {
    try {
      if (Objects.requireNonNull(events, "events == null").isEmpty()) {
        return CompletableFuture.completedFuture(BatchReport.empty());
      }
      List<Event> rows = prepareAll(events);
      String token = token();
      return core.executeRawAsync(service.batch(Wire.batch(token, rows)), RequestOptions.none())
          .thenApply(r -> report(r, rows, token));
    } catch (RuntimeException failure) {
      return CompletableFuture.failedFuture(failure);
    }
  }

  /**
   * A background {@link Tracker} sending with this client's token and mode. Its requests are made
   * once each (the tracker owns retries and back-off). Unless {@link TrackerConfig#shutdownHook()}
   * is off, a JVM shutdown hook flushes it on exit; {@link #close()} closes it too, so closing this
   * client before its tracker (a DI container's usual order) loses nothing that could be sent in
   * time.
   *
   * @param config the tracker's configuration
   * @return a started tracker
   * @throws IllegalStateException when this client is closed, or the spool directory is in use by
   *     another tracker
   * @throws java.io.UncheckedIOException when the spool directory cannot be used
   */
  public Tracker tracker(TrackerConfig config) {
    Objects.requireNonNull(config, "config == null");
    synchronized (trackers) {
      if (closed) {
        throw new IllegalStateException("OursIngest is closed: no tracker can be made from it");
      }
      CoreTransport http = new CoreTransport(core, timeout);
      if (tokens.changes()) {
        http.tokenSource(this::token);
      }
      IngestTransport transport = http;
      Listeners listeners = core.listeners();
      if (listeners != null) {
        transport = new ObservedTransport(transport, listeners); // issue 26: batches to listeners
      }
      Tracker t = new Tracker(config, transport, tokens.sendToken, tokens.mode, this::forget);
      trackers.add(t);
      return t;
    }
  }

  private void forget(Tracker t) {
    synchronized (trackers) {
      trackers.remove(t);
    }
  }

  /**
   * {@link #tracker(TrackerConfig)} with {@link TrackerConfig#defaults()}.
   *
   * @return a started tracker
   */
  public Tracker tracker() {
    return tracker(TrackerConfig.defaults());
  }

  /**
   * Closes every {@link Tracker} made from this client that is still open, each with {@link
   * Tracker#close(Duration)} and its {@link TrackerConfig#shutdownTimeout()} (what it cannot
   * deliver in that time is reported ABANDONED; later {@code track} calls on it return false), then
   * releases the HTTP resources: requests after this fail with IllegalStateException.
   *
   * <p>Calls of {@link #trackAsync}, {@link #identifyAsync} and {@link #batchAsync} still running
   * are not waited for: their requests run on the HTTP client's threads, and a JVM that exits (or a
   * client that is closed) before their futures complete may lose them. Wait for the futures (for
   * example {@code CompletableFuture.allOf(..).join()}) before closing, or use a {@link Tracker},
   * which flushes on close and at JVM exit.
   */
  @Override
  public void close() {
    List<Tracker> open;
    synchronized (trackers) {
      closed = true;
      open = new ArrayList<>(trackers);
    }
    try {
      for (Tracker t : open) {
        t.close(t.config().shutdownTimeout());
      }
    } finally {
      core.close();
    }
  }

  @Override
  public String toString() {
    return "OursIngest{mode=" + tokens.mode + ", baseUrl=" + core.baseUrlForDisplay() + "}";
  }

  /** The token to send now; a supplied one is masked in logs and messages from now on. */
  private String token() {
    String t = tokens.current();
    if (tokens.changes()) {
      core.remember(t);
    }
    return t;
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
    return e.hasDistinctId() ? e : e.distinctId(DistinctIds.next());
  }

  private static BatchReport report(RawResponse<Batch> r, List<Event> rows, String token) {
    Batch b = r.value();
    List<BatchResult> results = b == null ? null : Wire.withoutToken(b.getResults(), token);
    RowResults.Row[] verdicts = RowResults.classify(r.statusCode(), results, rows.size());
    List<BatchReport.Failure> failures = new ArrayList<>();
    for (int i = 0; i < verdicts.length; i++) {
      RowResults.Row v = verdicts[i];
      if (v.verdict != RowResults.Verdict.ACCEPTED) {
        failures.add(new BatchReport.Failure(i, rows.get(i), v.code, v.message));
      }
    }
    return new BatchReport(r.statusCode(), rows, failures);
  }

  /**
   * Builds {@link OursIngest}. Not thread-safe.
   *
   * <p>The HTTP settings (timeouts, proxy, shared {@code OkHttpClient} …) are {@link
   * ClientBuilder}'s, the same as {@code OursPrivacy.Builder}'s; {@code callTimeout} also bounds
   * each request of a {@link Tracker} made from the client.
   *
   * <p>A token, mode, base URL or log level not given here (or given as null or blank) is resolved
   * at {@link #build()} through the same rules as {@code OursPrivacy.Builder}: system property,
   * then environment variable, blank meaning unset.
   *
   * <table>
   *   <caption>Settings read from the environment</caption>
   *   <tr><th>builder method</th><th>system property</th><th>environment variable</th></tr>
   *   <tr><td>{@link #token}</td><td>{@code ours.privacy.ingest.token}</td><td>{@code OURS_PRIVACY_INGEST_TOKEN}</td></tr>
   *   <tr><td>{@link #testToken}</td><td>{@code ours.privacy.ingest.testToken}</td><td>{@code OURS_PRIVACY_INGEST_TEST_TOKEN}</td></tr>
   *   <tr><td>{@link #mode}</td><td>{@code ours.privacy.ingest.mode}</td><td>{@code OURS_PRIVACY_INGEST_MODE}</td></tr>
   *   <tr><td>{@link #baseUrl}</td><td>{@value #PROP_BASE_URL}</td><td>{@value #ENV_BASE_URL}</td></tr>
   *   <tr><td>{@link #logLevel}</td><td>{@code ours.privacy.log}</td><td>{@code OURS_PRIVACY_LOG}</td></tr>
   * </table>
   */
  public static final class Builder extends ClientBuilder<Builder> {
    /** System property for the ingest base URL; wins over {@value #ENV_BASE_URL}. */
    public static final String PROP_BASE_URL = "ours.privacy.ingest.baseUrl";

    /** Environment variable for the ingest base URL. */
    public static final String ENV_BASE_URL = "OURS_PRIVACY_INGEST_BASE_URL";

    private static final ConfigResolver.Key BASE_URL =
        new ConfigResolver.Key("baseUrl(String)", PROP_BASE_URL, ENV_BASE_URL);

    private @Nullable String token;
    private @Nullable String testToken;
    private @Nullable Supplier<String> tokenSupplier;
    private @Nullable Mode mode;
    private boolean requireTestMode;
    private @Nullable String baseUrl;
    private int maxRetries = 3;
    private @Nullable LogLevel logLevel;
    private Clock clock = Clock.systemUTC();
    private ConfigResolver config = ConfigResolver.system();

    private Builder() {
      super("ours-ingest");
    }

    /**
     * The source's live token (1–250 characters). Never kept in {@link Mode#TEST}. Null or blank
     * leaves it unset (then {@code ours.privacy.ingest.token} / {@code OURS_PRIVACY_INGEST_TOKEN}
     * apply), so {@code token(System.getenv("X"))} with X unset does not throw here; {@link
     * #build()} says what to set if no token is found anywhere.
     *
     * @param token the source's live token
     * @return this builder
     */
    public Builder token(@Nullable String token) {
      this.token = token;
      return this;
    }

    /**
     * Reads {@code token} and {@code testToken} of a source from the platform API now (one request
     * through {@code ours}), as if passed to {@link #token} and {@link #testToken}.
     *
     * @param ours the ours
     * @param sourceId the source id
     * @return this builder
     * @throws com.oursprivacy.errors.OursException when the platform call fails
     */
    public Builder source(OursPrivacy ours, String sourceId) {
      Objects.requireNonNull(ours, "ours == null");
      Objects.requireNonNull(sourceId, "sourceId == null");
      SourceTokensResponse tokens = ours.sources().tokens(sourceId);
      if (tokens != null && tokens.getToken() != null && !tokens.getToken().isBlank()) {
        this.token = tokens.getToken();
      }
      if (tokens != null && tokens.getTestToken() != null && !tokens.getTestToken().isBlank()) {
        this.testToken = tokens.getTestToken();
      }
      return this;
    }

    /**
     * Reads the token before every request instead of once: a token rotated in a secrets store is
     * sent from the next request on (trackers made from the client included), without rebuilding
     * the client. It returns the token of the client's {@link #mode}, which must then be set (here,
     * or by {@code ours.privacy.ingest.mode} / {@code OURS_PRIVACY_INGEST_MODE}); it wins over
     * {@link #token} and {@link #testToken}. Keep it cheap (serve a cached value). It is asked once
     * by {@link #build()}; a value that is null, blank, over 250 characters or holds a control
     * character, or a supplier that throws, fails that request with an {@link
     * com.oursprivacy.errors.OursException} naming {@code tokenSupplier}, never quoting the token
     * (a tracker counts it as a failed send and retries). Every token it returns is masked in logs
     * and messages.
     *
     * @param tokenSupplier the source of the current token
     * @return this builder
     */
    public Builder tokenSupplier(Supplier<String> tokenSupplier) {
      this.tokenSupplier = Objects.requireNonNull(tokenSupplier, "tokenSupplier == null");
      return this;
    }

    /**
     * The source's test token (1–250 characters); null or blank leaves it unset, like {@link
     * #token}.
     *
     * @param testToken the source's test token
     * @return this builder
     */
    public Builder testToken(@Nullable String testToken) {
      this.testToken = testToken;
      return this;
    }

    /**
     * LIVE or TEST. When unset: {@code ours.privacy.ingest.mode} / {@code
     * OURS_PRIVACY_INGEST_MODE}, else LIVE if a live token is known, else TEST.
     *
     * @param mode the mode
     * @return this builder
     */
    public Builder mode(Mode mode) {
      this.mode = Objects.requireNonNull(mode, "mode == null");
      return this;
    }

    /**
     * Makes {@link #build()} fail unless the resolved mode is TEST: live sends become impossible.
     *
     * @return this builder
     */
    public Builder requireTestMode() {
      this.requireTestMode = true;
      return this;
    }

    /**
     * The API root; default {@value #PROP_BASE_URL} / {@value #ENV_BASE_URL}, else {@link
     * #DEFAULT_BASE_URL}. HTTPS except for loopback hosts or with {@link #allowInsecureHttp()}.
     *
     * @param baseUrl the base URL of the API
     * @return this builder
     */
    public Builder baseUrl(String baseUrl) {
      this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl == null");
      return this;
    }

    /**
     * Retries of a synchronous or async call after 429, 5xx or network errors; default 3.
     *
     * @param maxRetries the retries of a synchronous or async call after 429
     * @return this builder
     */
    public Builder maxRetries(int maxRetries) {
      if (maxRetries < 0) {
        throw new com.oursprivacy.errors.OursValidationException(
            "maxRetries", "must be ≥ 0, was " + maxRetries);
      }
      this.maxRetries = maxRetries;
      return this;
    }

    /**
     * What the client emits through SLF4J (tokens redacted), as for {@code OursPrivacy}. Unset, it
     * is read from the system property {@code ours.privacy.log}, then the environment variable
     * {@code OURS_PRIVACY_LOG}, else OFF.
     *
     * @param logLevel the log level
     * @return this builder
     */
    public Builder logLevel(LogLevel logLevel) {
      this.logLevel = Objects.requireNonNull(logLevel, "logLevel == null");
      return this;
    }

    Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock == null");
      return this;
    }

    /**
     * Where unset settings are looked up; tests inject lookups instead of mutating the environment.
     */
    Builder config(ConfigResolver config) {
      this.config = Objects.requireNonNull(config, "config == null");
      return this;
    }

    /** {@link #config} from an environment and a system-property lookup; for tests. */
    Builder lookups(UnaryOperator<@Nullable String> env, UnaryOperator<@Nullable String> sys) {
      return config(ConfigResolver.of(sys, env));
    }

    /**
     * The client.
     *
     * @return the client
     * @throws IllegalStateException when no usable token is known for the mode (naming the builder
     *     method, the system property and the environment variable), TEST is asked for without a
     *     test token, or requireTestMode() meets LIVE
     * @throws IllegalArgumentException when the log level property / variable is not off, info or
     *     debug, or the base URL is not acceptable
     * @throws com.oursprivacy.errors.OursValidationException when the token to send contains a
     *     control character (the token is not shown) or breaks the spec's length rule
     */
    public OursIngest build() {
      Tokens t =
          tokenSupplier != null
              ? Tokens.supplied(tokenSupplier, mode, requireTestMode, config)
              : Tokens.resolve(token, testToken, mode, requireTestMode, config);
      String url = config.get(baseUrl, BASE_URL);
      return new OursIngest(
          this, t, url == null ? DEFAULT_BASE_URL : url, config.logLevel(logLevel));
    }
  }
}
