package com.oursprivacy.internal;

import com.oursprivacy.core.CallInfo;
import com.oursprivacy.core.CallListener;
import com.oursprivacy.core.LogLevel;
import com.oursprivacy.core.RetryPolicy;
import com.oursprivacy.core.Sleeper;
import java.net.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.jspecify.annotations.Nullable;

/**
 * Configures a {@link ClientCore}. <b>Internal, no compatibility guarantee.</b> Not thread-safe.
 *
 * <p>Timeouts left unset keep a supplied {@link #httpClient}'s values, else the defaults: connect
 * 10 s, read 30 s, write 30 s, whole call 60 s (per attempt).
 */
public final class ClientCoreBuilder {
  /**
   * The most the default {@link #maxResponseBytes} can be: 32 MiB, far above any page the API
   * returns.
   */
  public static final long DEFAULT_MAX_RESPONSE_BYTES = 32L * 1024 * 1024;

  /** The least the default {@link #maxResponseBytes} can be, however small the heap: 1 MiB. */
  static final long MIN_DEFAULT_MAX_RESPONSE_BYTES = 1024L * 1024;

  String name = "ours-privacy";
  String baseUrl;
  String bearerToken;
  BearerSource bearer;
  @Nullable String tokenExchangePath;
  String userAgent = UserAgent.VALUE;
  Duration connectTimeout;
  Duration readTimeout;
  Duration writeTimeout;
  @Nullable Duration callTimeout;
  RetryPolicy retryPolicy = RetryPolicy.defaults();
  Proxy proxy;
  OkHttpClient httpClient;
  LogLevel logLevel = LogLevel.OFF;
  boolean allowInsecureHttp;
  Sleeper sleeper = Sleeper.system();
  Clock clock = Clock.systemUTC();
  long maxResponseBytes = defaultMaxResponseBytes(Runtime.getRuntime().maxMemory());
  private final List<String> extraSecrets = new ArrayList<>();
  final List<CallListener> listeners = new ArrayList<>();
  CallInfo.Api api = CallInfo.Api.PLATFORM;

  ClientCoreBuilder() {}

  /** Prefix of thread names (default {@code ours-privacy}). */
  public ClientCoreBuilder name(String name) {
    this.name = Objects.requireNonNull(name, "name == null");
    return this;
  }

  /**
   * Required. HTTPS unless loopback or {@link #allowInsecureHttp(boolean)}; checked by {@link
   * #build()}.
   */
  public ClientCoreBuilder baseUrl(String baseUrl) {
    this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl == null");
    return this;
  }

  /** Sent as {@code Authorization: Bearer …} on every request; null (default) sends none. */
  public ClientCoreBuilder bearerToken(String bearerToken) {
    this.bearerToken = bearerToken;
    return this;
  }

  /**
   * Where each request's {@code Authorization: Bearer …} credential comes from (a fixed key or a
   * supplier); wins over {@link #bearerToken}.
   */
  public ClientCoreBuilder bearer(BearerSource bearer) {
    this.bearer = Objects.requireNonNull(bearer, "bearer == null");
    return this;
  }

  /**
   * Exchanges the bearer credential for a token at {@code POST <baseUrl>/<path>} before the first
   * call, sends the token instead, and exchanges again once after a 401 (see {@link
   * TokenExchanger}); null (default) sends the credential itself.
   */
  public ClientCoreBuilder tokenExchange(@Nullable String path) {
    this.tokenExchangePath = path;
    return this;
  }

  /** Adds a listener of every call (issue 26); several may be added, called in this order. */
  public ClientCoreBuilder listener(CallListener listener) {
    listeners.add(Objects.requireNonNull(listener, "listener == null"));
    return this;
  }

  /** Which API the core talks to, as {@link CallInfo#api()} reports it (default PLATFORM). */
  public ClientCoreBuilder api(CallInfo.Api api) {
    this.api = Objects.requireNonNull(api, "api == null");
    return this;
  }

  /** A further secret to mask wherever it would appear in logs or exception messages. */
  public ClientCoreBuilder secret(String secret) {
    extraSecrets.add(Objects.requireNonNull(secret, "secret == null"));
    return this;
  }

  /** The {@code User-Agent} header (default {@link UserAgent#VALUE}). */
  public ClientCoreBuilder userAgent(String userAgent) {
    this.userAgent = Objects.requireNonNull(userAgent, "userAgent == null");
    return this;
  }

  /** TCP (and TLS) connect timeout. */
  public ClientCoreBuilder connectTimeout(Duration connectTimeout) {
    this.connectTimeout = Objects.requireNonNull(connectTimeout, "connectTimeout == null");
    return this;
  }

  /** Longest gap between two reads of the response. */
  public ClientCoreBuilder readTimeout(Duration readTimeout) {
    this.readTimeout = Objects.requireNonNull(readTimeout, "readTimeout == null");
    return this;
  }

  /** Longest gap between two writes of the request. */
  public ClientCoreBuilder writeTimeout(Duration writeTimeout) {
    this.writeTimeout = Objects.requireNonNull(writeTimeout, "writeTimeout == null");
    return this;
  }

  /** Whole-attempt timeout (connect, write, wait, read); zero means none. */
  public ClientCoreBuilder callTimeout(Duration callTimeout) {
    this.callTimeout = Objects.requireNonNull(callTimeout, "callTimeout == null");
    return this;
  }

  /** The whole-attempt timeout set so far, or null (then the default or the shared client's). */
  public @Nullable Duration callTimeout() {
    return callTimeout;
  }

  /** When and how long to retry (default {@link RetryPolicy#defaults()}). */
  public ClientCoreBuilder retryPolicy(RetryPolicy retryPolicy) {
    this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy == null");
    return this;
  }

  /** An HTTP or SOCKS proxy for every request. */
  public ClientCoreBuilder proxy(Proxy proxy) {
    this.proxy = Objects.requireNonNull(proxy, "proxy == null");
    return this;
  }

  /**
   * A client whose dispatcher and connection pool are shared (via {@code newBuilder()}); the core
   * adds its interceptors to a derived client and never shuts the shared pools down.
   */
  public ClientCoreBuilder httpClient(OkHttpClient httpClient) {
    this.httpClient = Objects.requireNonNull(httpClient, "httpClient == null");
    return this;
  }

  /** What to log (default {@link LogLevel#OFF}). */
  public ClientCoreBuilder logLevel(LogLevel logLevel) {
    this.logLevel = Objects.requireNonNull(logLevel, "logLevel == null");
    return this;
  }

  /** Permits a plain-http base URL on a non-loopback host (logged as a warning). */
  public ClientCoreBuilder allowInsecureHttp(boolean allowInsecureHttp) {
    this.allowInsecureHttp = allowInsecureHttp;
    return this;
  }

  /** Waits between retries (default real sleeping); tests inject a recording one. */
  public ClientCoreBuilder sleeper(Sleeper sleeper) {
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper == null");
    return this;
  }

  /** The clock an HTTP-date {@code Retry-After} is measured against (default UTC system clock). */
  public ClientCoreBuilder clock(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock == null");
    return this;
  }

  /**
   * The default {@link #maxResponseBytes} for a heap of {@code maxHeapBytes}: {@link
   * #DEFAULT_MAX_RESPONSE_BYTES}, or an eighth of the heap when that is less (at least 1 MiB). A
   * body is parsed as it streams, but one JSON string of it is held whole, as UTF-16 while it
   * grows: on a small heap (-Xmx96m) a 32 MiB string alone would end in OutOfMemoryError.
   */
  public static long defaultMaxResponseBytes(long maxHeapBytes) {
    return Math.max(
        MIN_DEFAULT_MAX_RESPONSE_BYTES, Math.min(DEFAULT_MAX_RESPONSE_BYTES, maxHeapBytes / 8));
  }

  /**
   * The most bytes of one response body to read, counted after gzip inflation (default {@link
   * #defaultMaxResponseBytes} of this JVM's heap). A body declaring a larger {@code Content-Length}
   * is not read at all; one that grows past it is cut off there. Either way the call fails with
   * {@code OursInvalidResponseException} and the connection is closed.
   *
   * @throws com.oursprivacy.errors.OursValidationException naming {@code maxResponseBytes} when not
   *     positive
   */
  public ClientCoreBuilder maxResponseBytes(long maxResponseBytes) {
    if (maxResponseBytes <= 0) {
      throw new com.oursprivacy.errors.OursValidationException(
          "maxResponseBytes", "must be positive, was " + maxResponseBytes);
    }
    this.maxResponseBytes = maxResponseBytes;
    return this;
  }

  List<String> secrets() {
    List<String> all = new ArrayList<>(extraSecrets);
    if (bearerToken != null) {
      all.add(bearerToken);
    }
    return all;
  }

  /**
   * The core.
   *
   * @throws IllegalStateException when {@code baseUrl} is missing
   * @throws IllegalArgumentException when {@code baseUrl} is malformed or insecure
   * @throws com.oursprivacy.errors.OursValidationException when the bearer token or user agent
   *     cannot be sent as a header value (control characters, non-ASCII)
   */
  public ClientCore build() {
    if (baseUrl == null) {
      throw new IllegalStateException("baseUrl is required");
    }
    HttpUrl url = HttpClients.baseUrl(baseUrl, allowInsecureHttp);
    HeaderRules.requireValue("userAgent", userAgent);
    if (bearer == null && bearerToken != null) {
      bearer = BearerSource.fixed("apiKey", bearerToken);
    }
    HttpUrl exchangeUrl = null;
    if (tokenExchangePath != null) {
      if (bearer == null) {
        throw new IllegalStateException("tokenExchange needs a key to exchange (apiKey)");
      }
      exchangeUrl = exchangeUrl(url, tokenExchangePath);
    }
    boolean owned = httpClient == null;
    OkHttpClient.Builder b = owned ? HttpClients.owned(name) : httpClient.newBuilder();
    timeouts(b, owned);
    if (proxy != null) {
      b.proxy(proxy);
    }
    // Our RetryPolicy is the only retry layer: OkHttp's own silent retry may repeat a POST that
    // reached the server, which the policy promises never to do.
    b.retryOnConnectionFailure(false);
    // Never follow a redirect, on an owned client or one derived from the caller's: a 307/308
    // re-sends the body (the ingest token lives in it) to whatever host the Location names,
    // https or not, and a 301-303 turns a POST into a GET that reports success. A 3xx becomes
    // a RedirectException instead.
    b.followRedirects(false);
    b.followSslRedirects(false);
    b.addNetworkInterceptor(Attempt.MARK_SENT);
    return new ClientCore(this, url, b.build(), owned, exchangeUrl);
  }

  private static HttpUrl exchangeUrl(HttpUrl base, String path) {
    String relative = path.startsWith("/") ? path.substring(1) : path;
    if (relative.isBlank() || relative.contains("?") || relative.contains("#")) {
      throw new com.oursprivacy.errors.OursValidationException(
          "tokenExchange.path", "must be a path relative to the base URL, e.g. users/get-token");
    }
    PathGuard.checkEncodedPath(relative);
    HttpUrl url = base.resolve(relative);
    if (url == null) {
      throw new com.oursprivacy.errors.OursValidationException(
          "tokenExchange.path", "does not form a URL relative to the base URL");
    }
    return url;
  }

  private void timeouts(OkHttpClient.Builder b, boolean owned) {
    Duration connect =
        connectTimeout != null ? connectTimeout : owned ? Duration.ofSeconds(10) : null;
    Duration read = readTimeout != null ? readTimeout : owned ? Duration.ofSeconds(30) : null;
    Duration write = writeTimeout != null ? writeTimeout : owned ? Duration.ofSeconds(30) : null;
    Duration call = callTimeout != null ? callTimeout : owned ? Duration.ofSeconds(60) : null;
    if (connect != null) {
      b.connectTimeout(connect);
    }
    if (read != null) {
      b.readTimeout(read);
    }
    if (write != null) {
      b.writeTimeout(write);
    }
    if (call != null) {
      b.callTimeout(call);
    }
  }

  /** {@code url} without its {@code user:password@}, for {@code toString()} and messages. */
  public static String displayUrl(String url) {
    return Redactor.withoutUserinfo(url);
  }

  @Override
  public String toString() {
    return "ClientCoreBuilder{baseUrl="
        + (baseUrl == null ? null : Redactor.withoutUserinfo(baseUrl))
        + ", bearerToken="
        + (bearerToken == null && bearer == null ? "none" : "[redacted]")
        + '}';
  }
}
