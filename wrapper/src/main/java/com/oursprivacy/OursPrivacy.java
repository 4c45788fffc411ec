package com.oursprivacy;

import com.oursprivacy.core.LogLevel;
import com.oursprivacy.core.RetryPolicy;
import com.oursprivacy.core.Sleeper;
import com.oursprivacy.internal.ClientCore;
import com.oursprivacy.internal.ClientCoreBuilder;
import java.net.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.function.UnaryOperator;
import okhttp3.OkHttpClient;

/**
 * The Platform REST API client. Thread-safe: create one per application and share it; {@link
 * #close()} it when done (it also works as try-with-resources).
 *
 * <pre>{@code
 * try (OursPrivacy ours = OursPrivacy.fromEnv()) {           // reads OURS_PRIVACY_API_KEY
 *   for (Destination d : ours.destinations().list()) {      // every page, lazily
 *     System.out.println(d.getId() + " " + d.getName());
 *   }
 *   ours.destinations().update("dst_123",
 *       DestinationUpdateParams.builder().name("EU").clearHashingSalt().build());
 * }
 * }</pre>
 *
 * <p>Each resource of the API has an accessor ({@code destinations()}, {@code sources()}, …,
 * generated from the spec); each service also has {@code …Async} forms and a {@code
 * withRawResponse()} view with status, headers, request id and rate limit. {@link #raw} reaches the generated
 * Retrofit interfaces for anything else.
 *
 * <p>Every call throws an unchecked {@link com.oursprivacy.errors.OursException} on failure; see
 * {@link RetryPolicy} for what is retried. The API key never appears in {@link #toString()},
 * logs or exception messages.
 */
public final class OursPrivacy extends ResourceAccessors implements AutoCloseable {
  /** The production API. */
  public static final String DEFAULT_BASE_URL = "https://app.oursprivacy.com";

  private final ClientCore core;

  private OursPrivacy(ClientCore core) {
    this.core = core;
  }

  /** A builder; {@link Builder#apiKey} is required. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A client configured from system properties and environment variables ({@link
   * Builder#fromEnv()}).
   *
   * @throws IllegalStateException when no API key is configured
   */
  public static OursPrivacy fromEnv() {
    return builder().fromEnv().build();
  }

  /**
   * The generated Retrofit interface (package {@code com.oursprivacy.lowlevel.platform.api})
   * bound to this client's stack: auth, retries, logging and envelope unwrapping apply. A call's
   * {@code execute()} returns {@code Response.success(value)} or throws an {@code OursException};
   * an error status is never returned as an unsuccessful {@code Response}.
   */
  public <S> S raw(Class<S> api) {
    return core.api(api);
  }

  /** The shared HTTP stack the generated services run on; internal, so package-private. */
  @Override
  ClientCore core() {
    return core;
  }

  /**
   * Releases the client's threads and pooled connections and cancels requests in flight; a
   * caller-supplied {@link OkHttpClient}'s pools are left alone. Idempotent; calls made after it
   * throw {@link IllegalStateException}.
   */
  @Override
  public void close() {
    core.close();
  }

  @Override
  public String toString() {
    return "OursPrivacy{baseUrl=" + core.baseUrl() + ", apiKey=[redacted]}";
  }

  /** Configures an {@link OursPrivacy}. Not thread-safe. */
  public static final class Builder {
    /** System property for the API key; wins over {@value #ENV_API_KEY}. */
    public static final String PROP_API_KEY = "ours.privacy.apiKey";
    /** Environment variable for the API key. */
    public static final String ENV_API_KEY = "OURS_PRIVACY_API_KEY";
    /** System property for the base URL; wins over {@value #ENV_BASE_URL}. */
    public static final String PROP_BASE_URL = "ours.privacy.baseUrl";
    /** Environment variable for the base URL. */
    public static final String ENV_BASE_URL = "OURS_PRIVACY_BASE_URL";
    /** System property for the log level; wins over {@value #ENV_LOG}. */
    public static final String PROP_LOG = "ours.privacy.log";
    /** Environment variable for the log level ({@code off}, {@code info}, {@code debug}). */
    public static final String ENV_LOG = "OURS_PRIVACY_LOG";

    private final ClientCoreBuilder core = ClientCore.builder().name("ours-privacy");
    private String apiKey;
    private String baseUrl = DEFAULT_BASE_URL;
    private RetryPolicy retryPolicy = RetryPolicy.defaults();
    private Integer maxRetries;
    private LogLevel logLevel;

    private Builder() {}

    /** Required: the organization API key, sent as {@code Authorization: Bearer …}. */
    public Builder apiKey(String apiKey) {
      Objects.requireNonNull(apiKey, "apiKey == null");
      if (apiKey.isBlank()) {
        throw new IllegalArgumentException("apiKey is blank");
      }
      this.apiKey = apiKey;
      return this;
    }

    /**
     * Default {@value OursPrivacy#DEFAULT_BASE_URL}. Must be https, except for loopback hosts
     * ({@code localhost}, {@code 127.0.0.1}, {@code ::1}) or with {@link #allowInsecureHttp()}.
     */
    public Builder baseUrl(String baseUrl) {
      this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl == null");
      return this;
    }

    /** TCP and TLS connect timeout (default 10 s). */
    public Builder connectTimeout(Duration timeout) {
      core.connectTimeout(timeout);
      return this;
    }

    /** Longest wait between two reads of a response (default 30 s); also used for writes. */
    public Builder readTimeout(Duration timeout) {
      core.readTimeout(timeout);
      core.writeTimeout(timeout);
      return this;
    }

    /** Whole-attempt timeout: connect, send, wait and read (default 60 s; zero for none). */
    public Builder callTimeout(Duration timeout) {
      core.callTimeout(timeout);
      return this;
    }

    /** Retries after the first attempt (default 2); shorthand for the policy's value. */
    public Builder maxRetries(int maxRetries) {
      if (maxRetries < 0) {
        throw new IllegalArgumentException("maxRetries < 0: " + maxRetries);
      }
      this.maxRetries = maxRetries;
      return this;
    }

    /** The whole retry policy (default {@link RetryPolicy#defaults()}); {@link #maxRetries} still wins. */
    public Builder retryPolicy(RetryPolicy retryPolicy) {
      this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy == null");
      return this;
    }

    /** An HTTP or SOCKS proxy. */
    public Builder proxy(Proxy proxy) {
      core.proxy(proxy);
      return this;
    }

    /**
     * An OkHttp client to share connection pool and dispatcher with (via {@code newBuilder()}).
     * Its timeouts are kept unless set here; {@link #close()} leaves its pools running.
     */
    public Builder httpClient(OkHttpClient httpClient) {
      core.httpClient(httpClient);
      return this;
    }

    /**
     * What to log through {@code java.util.logging} logger {@code com.oursprivacy}. When not
     * set, {@value #PROP_LOG} / {@value #ENV_LOG} decide, else nothing is logged.
     */
    public Builder logLevel(LogLevel logLevel) {
      this.logLevel = Objects.requireNonNull(logLevel, "logLevel == null");
      return this;
    }

    /** Permits a plain-http base URL on a non-loopback host. The API key then travels unencrypted. */
    public Builder allowInsecureHttp() {
      core.allowInsecureHttp(true);
      return this;
    }

    /** Replaces the real waits between retries; for tests (see {@link Sleeper}). */
    public Builder sleeper(Sleeper sleeper) {
      core.sleeper(sleeper);
      return this;
    }

    /** The clock an HTTP-date {@code Retry-After} is measured against; for tests. */
    public Builder clock(Clock clock) {
      core.clock(clock);
      return this;
    }

    /**
     * Reads the API key, base URL and log level from system properties ({@value #PROP_API_KEY},
     * {@value #PROP_BASE_URL}, {@value #PROP_LOG}), falling back to environment variables
     * ({@value #ENV_API_KEY}, {@value #ENV_BASE_URL}, {@value #ENV_LOG}). Absent values leave
     * the builder unchanged; call other setters afterwards to override.
     */
    public Builder fromEnv() {
      return fromEnv(System::getProperty, System::getenv);
    }

    Builder fromEnv(UnaryOperator<String> properties, UnaryOperator<String> environment) {
      String key = lookup(properties, environment, PROP_API_KEY, ENV_API_KEY);
      if (key != null) {
        apiKey(key);
      }
      String url = lookup(properties, environment, PROP_BASE_URL, ENV_BASE_URL);
      if (url != null) {
        baseUrl(url);
      }
      String log = lookup(properties, environment, PROP_LOG, ENV_LOG);
      if (log != null) {
        logLevel(LogLevel.parse(log));
      }
      return this;
    }

    private static String lookup(
        UnaryOperator<String> properties, UnaryOperator<String> environment, String prop, String env) {
      String v = properties.apply(prop);
      if (v == null || v.isBlank()) {
        v = environment.apply(env);
      }
      return v == null || v.isBlank() ? null : v.trim();
    }

    /**
     * The client.
     *
     * @throws IllegalStateException when no API key was given
     * @throws IllegalArgumentException when the base URL is malformed or plain http without
     *     {@link #allowInsecureHttp()}
     */
    public OursPrivacy build() {
      if (apiKey == null) {
        throw new IllegalStateException(
            "apiKey is required: call apiKey(...), or set the " + ENV_API_KEY
                + " environment variable or the " + PROP_API_KEY + " system property and use fromEnv()");
      }
      LogLevel level = logLevel;
      if (level == null) {
        String fromEnv = lookup(System::getProperty, System::getenv, PROP_LOG, ENV_LOG);
        level = fromEnv == null ? LogLevel.OFF : LogLevel.parse(fromEnv);
      }
      RetryPolicy policy = maxRetries == null ? retryPolicy : retryPolicy.toBuilder().maxRetries(maxRetries).build();
      return new OursPrivacy(
          core.baseUrl(baseUrl).bearerToken(apiKey).retryPolicy(policy).logLevel(level).build());
    }

    @Override
    public String toString() {
      return "OursPrivacy.Builder{baseUrl=" + baseUrl + ", apiKey=" + (apiKey == null ? "unset" : "[redacted]") + '}';
    }
  }
}
