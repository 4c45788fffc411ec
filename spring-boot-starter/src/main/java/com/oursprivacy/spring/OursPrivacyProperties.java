package com.oursprivacy.spring;

import com.oursprivacy.core.LogLevel;
import com.oursprivacy.ingest.Mode;
import com.oursprivacy.ingest.OverflowPolicy;
import java.nio.file.Path;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the Ours Privacy clients under {@code ours.privacy.*}, with the SDK builders'
 * defaults. A setting left unset here (API key, tokens, mode, log level) is resolved by the builder
 * as without Spring: system property, then environment variable ({@code OURS_PRIVACY_API_KEY},
 * {@code OURS_PRIVACY_INGEST_TOKEN}, …); Spring's relaxed binding already maps those variables onto
 * these properties.
 *
 * <pre>
 * ours.privacy.api-key=${OURS_PRIVACY_API_KEY}
 * ours.privacy.ingest.test-token=${OURS_TEST_TOKEN}
 * ours.privacy.ingest.mode=test
 * ours.privacy.tracker.flush-interval=2s
 * </pre>
 */
@ConfigurationProperties(prefix = OursPrivacyProperties.PREFIX)
public class OursPrivacyProperties {
  /** The prefix of every property: {@value}. */
  public static final String PREFIX = "ours.privacy";

  /** Whether to auto-configure the Ours Privacy clients at all. */
  private boolean enabled = true;

  /**
   * Organization API key for the Platform REST API (sent as a bearer token). The OursPrivacy bean
   * exists only when it is set (here, as OURS_PRIVACY_API_KEY or as the system property
   * ours.privacy.apiKey). Never shown by Actuator.
   */
  private @Nullable String apiKey;

  /** Root of the Platform REST API; https, except for loopback hosts. */
  private String baseUrl = "https://app.oursprivacy.com";

  /** TCP and TLS connect timeout of both clients. */
  private Duration connectTimeout = Duration.ofSeconds(10);

  /** Longest wait between two reads (or writes) of a request of both clients. */
  private Duration readTimeout = Duration.ofSeconds(30);

  /** Whole-attempt timeout of both clients: connect, send, wait and read; 0 for none. */
  private Duration callTimeout = Duration.ofSeconds(60);

  /** Retries of a Platform API call after the first attempt (429, 5xx, network errors). */
  private int maxRetries = 2;

  /**
   * What both clients log through SLF4J (off, info or debug; secrets redacted). Unset: the system
   * property ours.privacy.log or the environment variable OURS_PRIVACY_LOG, else off.
   */
  private @Nullable LogLevel logLevel;

  /**
   * The most bytes of one response body a client reads (after gzip inflation); a larger body fails
   * the call.
   */
  private DataSize maxResponseBytes = DataSize.ofMegabytes(32);

  private final Ingest ingest = new Ingest();

  private final Tracker tracker = new Tracker();

  private final Observability observability = new Observability();

  /**
   * Whether to auto-configure the clients at all.
   *
   * @return true unless {@code ours.privacy.enabled=false}
   */
  public boolean isEnabled() {
    return enabled;
  }

  /**
   * Sets {@code ours.privacy.enabled}.
   *
   * @param enabled false turns the auto-configuration off
   */
  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  /**
   * The API key, if set.
   *
   * @return the key, or null
   */
  public @Nullable String getApiKey() {
    return apiKey;
  }

  /**
   * Sets {@code ours.privacy.api-key}.
   *
   * @param apiKey the organization API key
   */
  public void setApiKey(@Nullable String apiKey) {
    this.apiKey = apiKey;
  }

  /**
   * The Platform API root.
   *
   * @return the base URL
   */
  public String getBaseUrl() {
    return baseUrl;
  }

  /**
   * Sets {@code ours.privacy.base-url}.
   *
   * @param baseUrl the Platform API root
   */
  public void setBaseUrl(String baseUrl) {
    this.baseUrl = baseUrl;
  }

  /**
   * The connect timeout.
   *
   * @return the timeout
   */
  public Duration getConnectTimeout() {
    return connectTimeout;
  }

  /**
   * Sets {@code ours.privacy.connect-timeout}.
   *
   * @param connectTimeout the timeout
   */
  public void setConnectTimeout(Duration connectTimeout) {
    this.connectTimeout = connectTimeout;
  }

  /**
   * The read (and write) timeout.
   *
   * @return the timeout
   */
  public Duration getReadTimeout() {
    return readTimeout;
  }

  /**
   * Sets {@code ours.privacy.read-timeout}.
   *
   * @param readTimeout the timeout
   */
  public void setReadTimeout(Duration readTimeout) {
    this.readTimeout = readTimeout;
  }

  /**
   * The whole-attempt timeout.
   *
   * @return the timeout
   */
  public Duration getCallTimeout() {
    return callTimeout;
  }

  /**
   * Sets {@code ours.privacy.call-timeout}.
   *
   * @param callTimeout the timeout, zero for none
   */
  public void setCallTimeout(Duration callTimeout) {
    this.callTimeout = callTimeout;
  }

  /**
   * Retries of a Platform API call.
   *
   * @return the number of retries after the first attempt
   */
  public int getMaxRetries() {
    return maxRetries;
  }

  /**
   * Sets {@code ours.privacy.max-retries}.
   *
   * @param maxRetries retries after the first attempt, at least 0
   */
  public void setMaxRetries(int maxRetries) {
    this.maxRetries = maxRetries;
  }

  /**
   * The log level of both clients, if set.
   *
   * @return the level, or null to let the SDK read its property and variable
   */
  public @Nullable LogLevel getLogLevel() {
    return logLevel;
  }

  /**
   * Sets {@code ours.privacy.log-level}.
   *
   * @param logLevel off, info or debug
   */
  public void setLogLevel(@Nullable LogLevel logLevel) {
    this.logLevel = logLevel;
  }

  /**
   * The response body limit.
   *
   * @return the most bytes of one response body a client reads
   */
  public DataSize getMaxResponseBytes() {
    return maxResponseBytes;
  }

  /**
   * Sets {@code ours.privacy.max-response-bytes}.
   *
   * @param maxResponseBytes the limit, e.g. {@code 32MB}
   */
  public void setMaxResponseBytes(DataSize maxResponseBytes) {
    this.maxResponseBytes = maxResponseBytes;
  }

  /**
   * The ingest settings ({@code ours.privacy.ingest.*}).
   *
   * @return the ingest settings
   */
  public Ingest getIngest() {
    return ingest;
  }

  /**
   * The tracker settings ({@code ours.privacy.tracker.*}).
   *
   * @return the tracker settings
   */
  public Tracker getTracker() {
    return tracker;
  }

  /**
   * The Micrometer settings ({@code ours.privacy.observability.*}).
   *
   * @return the observability settings
   */
  public Observability getObservability() {
    return observability;
  }

  /** The Ingest API client, {@code ours.privacy.ingest.*}. */
  public static class Ingest {
    /**
     * The source's live token. The OursIngest bean exists when it or the test token is set (here,
     * as OURS_PRIVACY_INGEST_TOKEN or as the system property ours.privacy.ingest.token). Never sent
     * in test mode; never shown by Actuator.
     */
    private @Nullable String token;

    /** The source's test token; events sent with it are recorded but not dispatched. */
    private @Nullable String testToken;

    /**
     * live or test. Unset: the system property ours.privacy.ingest.mode or
     * OURS_PRIVACY_INGEST_MODE, else live when a live token is set, else test.
     */
    private @Nullable Mode mode;

    /** Whether startup fails unless the resolved mode is test, so live sends are impossible. */
    private boolean requireTestMode = false;

    /** Root of the Ingest API; https, except for loopback hosts. */
    private String baseUrl = "https://api.oursprivacy.com/api/v1";

    /** Retries of a synchronous or async ingest call after 429, 5xx or network errors. */
    private int maxRetries = 3;

    /**
     * The live token, if set.
     *
     * @return the token, or null
     */
    public @Nullable String getToken() {
      return token;
    }

    /**
     * Sets {@code ours.privacy.ingest.token}.
     *
     * @param token the source's live token
     */
    public void setToken(@Nullable String token) {
      this.token = token;
    }

    /**
     * The test token, if set.
     *
     * @return the token, or null
     */
    public @Nullable String getTestToken() {
      return testToken;
    }

    /**
     * Sets {@code ours.privacy.ingest.test-token}.
     *
     * @param testToken the source's test token
     */
    public void setTestToken(@Nullable String testToken) {
      this.testToken = testToken;
    }

    /**
     * The mode, if set.
     *
     * @return LIVE, TEST or null
     */
    public @Nullable Mode getMode() {
      return mode;
    }

    /**
     * Sets {@code ours.privacy.ingest.mode}.
     *
     * @param mode live or test
     */
    public void setMode(@Nullable Mode mode) {
      this.mode = mode;
    }

    /**
     * Whether only test mode is allowed.
     *
     * @return true when startup fails unless the mode is test
     */
    public boolean isRequireTestMode() {
      return requireTestMode;
    }

    /**
     * Sets {@code ours.privacy.ingest.require-test-mode}.
     *
     * @param requireTestMode true to refuse live mode
     */
    public void setRequireTestMode(boolean requireTestMode) {
      this.requireTestMode = requireTestMode;
    }

    /**
     * The Ingest API root.
     *
     * @return the base URL
     */
    public String getBaseUrl() {
      return baseUrl;
    }

    /**
     * Sets {@code ours.privacy.ingest.base-url}.
     *
     * @param baseUrl the Ingest API root
     */
    public void setBaseUrl(String baseUrl) {
      this.baseUrl = baseUrl;
    }

    /**
     * Retries of an ingest call.
     *
     * @return retries after the first attempt
     */
    public int getMaxRetries() {
      return maxRetries;
    }

    /**
     * Sets {@code ours.privacy.ingest.max-retries}.
     *
     * @param maxRetries retries after the first attempt, at least 0
     */
    public void setMaxRetries(int maxRetries) {
      this.maxRetries = maxRetries;
    }
  }

  /** The background tracker, {@code ours.privacy.tracker.*}. */
  public static class Tracker {
    /** Whether to create a Tracker bean when the OursIngest bean exists. */
    private boolean enabled = true;

    /** Queue capacity: events and identify calls waiting to be sent. */
    private int capacity = 10_000;

    /** What a full queue does with a new item (every drop is reported). */
    private OverflowPolicy overflow = OverflowPolicy.DROP_NEWEST;

    /** How long track waits for room when overflow is block. */
    private Duration blockTimeout = Duration.ofSeconds(1);

    /** Whether to send through /batch (true) or one /track request per event. */
    private boolean batching = true;

    /** Rows per /batch request. */
    private int batchSize = 100;

    /** Longest wait for a batch to fill before it is sent. */
    private Duration flushInterval = Duration.ofSeconds(5);

    /** Worker threads, 1 to 64. */
    private int threads = 1;

    /** Attempts per item before it is reported failed. */
    private int maxAttempts = 10;

    /** Give up on an item this long after it was tracked; at most 7 days. */
    private Duration maxAge = Duration.ofHours(24);

    /**
     * How long closing the tracker may send what is queued when the application stops, after the
     * web server has finished its requests; what is still undelivered then is reported abandoned
     * (and stays in the spool, when on).
     */
    private Duration shutdownTimeout = Duration.ofSeconds(5);

    private final Spool spool = new Spool();

    /**
     * Whether the tracker bean is created.
     *
     * @return true unless {@code ours.privacy.tracker.enabled=false}
     */
    public boolean isEnabled() {
      return enabled;
    }

    /**
     * Sets {@code ours.privacy.tracker.enabled}.
     *
     * @param enabled false: no Tracker bean
     */
    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    /**
     * The queue capacity.
     *
     * @return the capacity
     */
    public int getCapacity() {
      return capacity;
    }

    /**
     * Sets {@code ours.privacy.tracker.capacity}.
     *
     * @param capacity at least 1
     */
    public void setCapacity(int capacity) {
      this.capacity = capacity;
    }

    /**
     * The overflow policy.
     *
     * @return the policy
     */
    public OverflowPolicy getOverflow() {
      return overflow;
    }

    /**
     * Sets {@code ours.privacy.tracker.overflow}.
     *
     * @param overflow the policy
     */
    public void setOverflow(OverflowPolicy overflow) {
      this.overflow = overflow;
    }

    /**
     * How long a blocked track waits.
     *
     * @return the wait
     */
    public Duration getBlockTimeout() {
      return blockTimeout;
    }

    /**
     * Sets {@code ours.privacy.tracker.block-timeout}.
     *
     * @param blockTimeout the wait
     */
    public void setBlockTimeout(Duration blockTimeout) {
      this.blockTimeout = blockTimeout;
    }

    /**
     * Whether /batch is used.
     *
     * @return true for /batch, false for one /track per event
     */
    public boolean isBatching() {
      return batching;
    }

    /**
     * Sets {@code ours.privacy.tracker.batching}.
     *
     * @param batching true for /batch
     */
    public void setBatching(boolean batching) {
      this.batching = batching;
    }

    /**
     * The batch size.
     *
     * @return rows per /batch request
     */
    public int getBatchSize() {
      return batchSize;
    }

    /**
     * Sets {@code ours.privacy.tracker.batch-size}.
     *
     * @param batchSize at least 1
     */
    public void setBatchSize(int batchSize) {
      this.batchSize = batchSize;
    }

    /**
     * The flush interval.
     *
     * @return the longest wait for a batch to fill
     */
    public Duration getFlushInterval() {
      return flushInterval;
    }

    /**
     * Sets {@code ours.privacy.tracker.flush-interval}.
     *
     * @param flushInterval the wait
     */
    public void setFlushInterval(Duration flushInterval) {
      this.flushInterval = flushInterval;
    }

    /**
     * The worker threads.
     *
     * @return the number of workers
     */
    public int getThreads() {
      return threads;
    }

    /**
     * Sets {@code ours.privacy.tracker.threads}.
     *
     * @param threads 1 to 64
     */
    public void setThreads(int threads) {
      this.threads = threads;
    }

    /**
     * The attempts per item.
     *
     * @return attempts before an item fails
     */
    public int getMaxAttempts() {
      return maxAttempts;
    }

    /**
     * Sets {@code ours.privacy.tracker.max-attempts}.
     *
     * @param maxAttempts at least 1
     */
    public void setMaxAttempts(int maxAttempts) {
      this.maxAttempts = maxAttempts;
    }

    /**
     * The longest an item is retried.
     *
     * @return the age after which an item fails
     */
    public Duration getMaxAge() {
      return maxAge;
    }

    /**
     * Sets {@code ours.privacy.tracker.max-age}.
     *
     * @param maxAge at most 7 days
     */
    public void setMaxAge(Duration maxAge) {
      this.maxAge = maxAge;
    }

    /**
     * How long closing may send.
     *
     * @return the close timeout at application shutdown
     */
    public Duration getShutdownTimeout() {
      return shutdownTimeout;
    }

    /**
     * Sets {@code ours.privacy.tracker.shutdown-timeout}.
     *
     * @param shutdownTimeout the close timeout
     */
    public void setShutdownTimeout(Duration shutdownTimeout) {
      this.shutdownTimeout = shutdownTimeout;
    }

    /**
     * The crash-safe spool ({@code ours.privacy.tracker.spool.*}).
     *
     * @return the spool settings
     */
    public Spool getSpool() {
      return spool;
    }
  }

  /** The tracker's crash-safe disk spool, {@code ours.privacy.tracker.spool.*}. */
  public static class Spool {
    /**
     * Directory of the crash-safe spool (created if missing; one tracker per directory). Unset: no
     * spool. With it, a tracked event is on disk before track returns, and events left by a crash
     * are sent by the next tracker on the same directory.
     */
    private @Nullable Path path;

    /** How often the spool is forced to the storage device; 0: before every track returns. */
    private Duration fsync = Duration.ofMillis(10);

    /**
     * The spool directory, if set.
     *
     * @return the directory, or null for no spool
     */
    public @Nullable Path getPath() {
      return path;
    }

    /**
     * Sets {@code ours.privacy.tracker.spool.path}.
     *
     * @param path the directory
     */
    public void setPath(@Nullable Path path) {
      this.path = path;
    }

    /**
     * The fsync interval.
     *
     * @return how often the spool is forced to disk
     */
    public Duration getFsync() {
      return fsync;
    }

    /**
     * Sets {@code ours.privacy.tracker.spool.fsync}.
     *
     * @param fsync the interval, zero for every track
     */
    public void setFsync(Duration fsync) {
      this.fsync = fsync;
    }
  }

  /**
   * Metrics and traces of the clients' calls and of the tracker through {@code
   * ours-privacy-micrometer}, {@code ours.privacy.observability.*}: used only when that module is
   * on the class path and the application has an {@code ObservationRegistry} or a {@code
   * MeterRegistry} bean (Actuator configures both).
   */
  public static class Observability {
    /**
     * Whether to observe the clients' calls and bind the tracker's meters when
     * ours-privacy-micrometer is on the class path and a MeterRegistry or ObservationRegistry bean
     * exists.
     */
    private boolean enabled = true;

    /**
     * Whether to send each call's trace context (W3C traceparent) to the Ours Privacy APIs. Off:
     * the APIs do not continue traces, so the headers would only hand your trace ids to a third
     * party; turn it on to correlate with Ours Privacy support by trace id.
     */
    private boolean propagateTraceContext;

    /**
     * Whether the clients and the tracker are observed.
     *
     * @return true unless {@code ours.privacy.observability.enabled=false}
     */
    public boolean isEnabled() {
      return enabled;
    }

    /**
     * Sets {@code ours.privacy.observability.enabled}.
     *
     * @param enabled false leaves the clients unobserved
     */
    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    /**
     * Whether outgoing requests carry the trace context.
     *
     * @return the setting, false by default
     */
    public boolean isPropagateTraceContext() {
      return propagateTraceContext;
    }

    /**
     * Sets {@code ours.privacy.observability.propagate-trace-context}.
     *
     * @param propagateTraceContext true to send {@code traceparent}
     */
    public void setPropagateTraceContext(boolean propagateTraceContext) {
      this.propagateTraceContext = propagateTraceContext;
    }
  }
}
