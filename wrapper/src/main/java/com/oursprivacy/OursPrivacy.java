package com.oursprivacy;

import com.oursprivacy.core.ClientBuilder;
import com.oursprivacy.core.LogLevel;
import com.oursprivacy.core.RetryPolicy;
import com.oursprivacy.core.TokenExchange;
import com.oursprivacy.errors.OursValidationException;
import com.oursprivacy.internal.BearerSource;
import com.oursprivacy.internal.ClientCore;
import com.oursprivacy.internal.ClientCoreBuilder;
import com.oursprivacy.internal.ConfigResolver;
import com.oursprivacy.internal.SharedBuilders;
import java.time.Clock;
import java.util.Objects;
import java.util.function.Supplier;
import okhttp3.OkHttpClient;
import org.jspecify.annotations.Nullable;

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
 * withRawResponse()} view with status, headers, request id and rate limit. {@link #raw} reaches the
 * generated Retrofit interfaces for anything else.
 *
 * <p>Every call throws an unchecked {@link com.oursprivacy.errors.OursException} on failure; see
 * {@link RetryPolicy} for what is retried. The API key never appears in {@link #toString()}, logs
 * or exception messages.
 */
public final class OursPrivacy extends ResourceAccessors implements AutoCloseable {
  /** The production API. */
  public static final String DEFAULT_BASE_URL = "https://app.oursprivacy.com";

  private final ClientCore core;

  private OursPrivacy(ClientCore core) {
    this.core = core;
  }

  /**
   * {@return a builder} Settings not given to it are read at {@link Builder#build()} from system
   * properties, then environment variables (see {@link Builder}); an API key is required from one
   * of them.
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A client configured only from system properties and environment variables; the same as {@code
   * builder().build()}.
   *
   * @return a client configured only from system properties and environment variables; the same as
   *     {@code builder().build()}
   * @throws IllegalStateException when no API key is configured (the message names {@code
   *     apiKey(String)}, {@value Builder#PROP_API_KEY} and {@value Builder#ENV_API_KEY})
   */
  public static OursPrivacy fromEnv() {
    return builder().build();
  }

  /**
   * {@return the generated Retrofit interface (package {@code
   * com.oursprivacy.lowlevel.platform.api}) bound to this client's stack: auth, retries, logging
   * and envelope unwrapping apply} A call's {@code execute()} returns {@code
   * Response.success(value)} or throws an {@code OursException}; an error status is never returned
   * as an unsuccessful {@code Response}.
   *
   * @param <S> the Retrofit interface type
   * @param api the generated Retrofit interface's class
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
    return "OursPrivacy{baseUrl=" + core.baseUrlForDisplay() + ", apiKey=[redacted]}";
  }

  /**
   * Configures an {@link OursPrivacy}. Not thread-safe.
   *
   * <p>A setting not given to the builder (or given as null or blank) is resolved at {@link
   * #build()}: system property first, then environment variable, blank meaning unset.
   *
   * <table>
   *   <caption>Settings read from the environment</caption>
   *   <tr><th>builder method</th><th>system property</th><th>environment variable</th></tr>
   *   <tr><td>{@link #apiKey}</td><td>{@value #PROP_API_KEY}</td><td>{@value #ENV_API_KEY}</td></tr>
   *   <tr><td>{@link #baseUrl}</td><td>{@value #PROP_BASE_URL}</td><td>{@value #ENV_BASE_URL}</td></tr>
   *   <tr><td>{@link #logLevel}</td><td>{@value #PROP_LOG}</td><td>{@value #ENV_LOG}</td></tr>
   * </table>
   */
  public static final class Builder extends ClientBuilder<Builder> {
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

    private static final ConfigResolver.Key API_KEY =
        new ConfigResolver.Key("apiKey(String)", PROP_API_KEY, ENV_API_KEY);
    private static final ConfigResolver.Key BASE_URL =
        new ConfigResolver.Key("baseUrl(String)", PROP_BASE_URL, ENV_BASE_URL);

    private @Nullable String apiKey;
    private @Nullable Supplier<String> apiKeySupplier;
    private @Nullable TokenExchange tokenExchange;
    private @Nullable String baseUrl;
    private RetryPolicy retryPolicy = RetryPolicy.defaults();
    private @Nullable Integer maxRetries;
    private @Nullable LogLevel logLevel;
    private ConfigResolver config = ConfigResolver.system();

    private Builder() {
      super("ours-privacy");
    }

    /**
     * The organization API key, sent as {@code Authorization: Bearer …}; surrounding blanks are
     * trimmed. Null leaves it unset, so {@code apiKey(System.getenv("X"))} with X unset falls back
     * to {@value #PROP_API_KEY} / {@value #ENV_API_KEY} and, failing those, {@link #build()} says
     * what to set. Checked at {@link #build()}: printable ASCII only (a pasted line break is
     * rejected, without echoing the key).
     *
     * @param apiKey the key, or null to read it from the environment
     * @return this builder
     * @throws OursValidationException naming {@code apiKey} when it is blank (empty or only
     *     blanks): pass null to fall back to the environment
     */
    public Builder apiKey(@Nullable String apiKey) {
      if (apiKey != null && apiKey.isBlank()) {
        throw new OursValidationException(
            "apiKey",
            "must not be blank; pass null to read "
                + PROP_API_KEY
                + " / "
                + ENV_API_KEY
                + " instead");
      }
      this.apiKey = apiKey == null ? null : apiKey.trim();
      return this;
    }

    /**
     * Reads the API key from {@code apiKey} before every call instead of once: a key rotated in a
     * secrets store is used from the next call on, without rebuilding the client. Keep it cheap
     * (serve a cached value; refresh it in the background or on expiry). A value is trimmed and
     * checked like {@link #apiKey(String)}'s; a null, blank or unsendable value, or a supplier that
     * throws, fails that call with an {@link com.oursprivacy.errors.OursException} naming {@code
     * apiKeySupplier}, never quoting the key. After a 401 the call is resent once if the supplier
     * now returns a different key. Wins over {@link #apiKey(String)} and the environment. Every key
     * it returns is masked in logs and messages.
     *
     * @param apiKey the source of the current key
     * @return this builder
     */
    public Builder apiKeySupplier(Supplier<String> apiKey) {
      this.apiKeySupplier = Objects.requireNonNull(apiKey, "apiKeySupplier == null");
      return this;
    }

    /**
     * Exchanges the API key for a token at {@code exchange}'s endpoint and sends the token on every
     * call, exchanging again once after a 401 (see {@link TokenExchange}). The key comes from
     * {@link #apiKeySupplier}, {@link #apiKey(String)} or the environment, as without an exchange.
     *
     * @param exchange where to exchange the key
     * @return this builder
     */
    public Builder tokenExchange(TokenExchange exchange) {
      this.tokenExchange = Objects.requireNonNull(exchange, "tokenExchange == null");
      return this;
    }

    /**
     * Default {@value OursPrivacy#DEFAULT_BASE_URL}, or {@value #PROP_BASE_URL} / {@value
     * #ENV_BASE_URL}. Must be https, except for loopback hosts ({@code localhost}, {@code
     * 127.0.0.1}, {@code ::1}) or with {@link #allowInsecureHttp()}.
     *
     * @param baseUrl the base URL of the API
     * @return this builder
     */
    public Builder baseUrl(String baseUrl) {
      this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl == null");
      return this;
    }

    /**
     * Retries after the first attempt (default 2); shorthand for the policy's value.
     *
     * @param maxRetries the max retries
     * @return this builder
     */
    public Builder maxRetries(int maxRetries) {
      if (maxRetries < 0) {
        throw new OursValidationException("maxRetries", "must be ≥ 0, was " + maxRetries);
      }
      this.maxRetries = maxRetries;
      return this;
    }

    /**
     * The whole retry policy (default {@link RetryPolicy#defaults()}); {@link #maxRetries} still
     * wins.
     *
     * @param retryPolicy the retry policy
     * @return this builder
     */
    public Builder retryPolicy(RetryPolicy retryPolicy) {
      this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy == null");
      return this;
    }

    /**
     * What the client emits through SLF4J (loggers under {@code com.oursprivacy}; your backend
     * decides where it goes). When not set, {@value #PROP_LOG} / {@value #ENV_LOG} decide, else
     * {@link LogLevel#OFF}. See {@link LogLevel}.
     *
     * @param logLevel the log level
     * @return this builder
     */
    public Builder logLevel(LogLevel logLevel) {
      this.logLevel = Objects.requireNonNull(logLevel, "logLevel == null");
      return this;
    }

    /**
     * The clock an HTTP-date {@code Retry-After} is measured against; for tests.
     *
     * @param clock the clock an HTTP-date {@code Retry-After} is measured against
     * @return this builder
     */
    public Builder clock(Clock clock) {
      SharedBuilders.core(this).clock(clock);
      return this;
    }

    /**
     * Where unset settings are looked up; tests inject lookups instead of mutating the environment.
     */
    Builder config(ConfigResolver config) {
      this.config = Objects.requireNonNull(config, "config == null");
      return this;
    }

    /**
     * The client.
     *
     * @return the client
     * @throws IllegalStateException when no API key was given or found, naming {@code
     *     apiKey(String)}, {@value #PROP_API_KEY} and {@value #ENV_API_KEY}
     * @throws IllegalArgumentException when the log level property / variable is not {@code off},
     *     {@code info} or {@code debug}, or the base URL is malformed or plain http without {@link
     *     #allowInsecureHttp()}
     * @throws com.oursprivacy.errors.OursValidationException when the API key holds a CR, LF, other
     *     control or non-ASCII character (it could not be sent as a header); the message gives the
     *     position, never the key
     */
    public OursPrivacy build() {
      BearerSource bearer =
          apiKeySupplier != null
              ? BearerSource.supplied("apiKeySupplier", apiKeySupplier)
              : BearerSource.fixed(
                  "apiKey", config.requireHeaderSecret(apiKey, API_KEY, "API key"));
      String url = config.get(baseUrl, BASE_URL);
      LogLevel level = config.logLevel(logLevel);
      RetryPolicy policy =
          maxRetries == null ? retryPolicy : retryPolicy.toBuilder().maxRetries(maxRetries).build();
      ClientCoreBuilder core = SharedBuilders.core(this);
      return new OursPrivacy(
          core.baseUrl(url == null ? DEFAULT_BASE_URL : url)
              .bearer(bearer)
              .tokenExchange(tokenExchange == null ? null : tokenExchange.path())
              .retryPolicy(policy)
              .logLevel(level)
              .build());
    }

    @Override
    public String toString() {
      return "OursPrivacy.Builder{baseUrl="
          + (baseUrl == null ? "unset" : ClientCoreBuilder.displayUrl(baseUrl))
          + ", apiKey="
          + (apiKeySupplier != null ? "supplied" : apiKey == null ? "unset" : "[redacted]")
          + (tokenExchange == null ? "" : ", " + tokenExchange)
          + '}';
    }
  }
}
