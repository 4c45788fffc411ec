package com.oursprivacy.internal;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.oursprivacy.core.CallInfo;
import com.oursprivacy.core.RawResponse;
import com.oursprivacy.core.RequestOptions;
import com.oursprivacy.core.RetryPolicy;
import com.oursprivacy.core.Sleeper;
import com.oursprivacy.errors.OursException;
import com.oursprivacy.errors.OursIoException;
import com.oursprivacy.errors.OursValidationException;
import com.oursprivacy.patch.PatchJson;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Proxy;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.jspecify.annotations.Nullable;
import retrofit2.Call;
import retrofit2.Invocation;
import retrofit2.Retrofit;

/**
 * The HTTP stack shared by one {@code OursPrivacy} or {@code OursIngest} instance: one OkHttp
 * client, one Gson, one retry policy, one logger, and the single executor every request goes
 * through (auth, retries, error mapping, {@code data}-envelope unwrapping, logging).
 *
 * <p><b>Internal, no compatibility guarantee.</b> Thread-safe; create with {@link #builder()},
 * release with {@link #close()}.
 *
 * <p>Every {@code execute*} method throws (or completes exceptionally with) an {@link
 * OursException}: {@code OursApiException} for non-2xx answers, {@code OursTimeoutException},
 * {@code OursIoException}, {@code OursInvalidResponseException}; and {@link IllegalStateException}
 * once the core is closed.
 */
public final class ClientCore implements AutoCloseable {
  static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
  // OkHttp rejects these methods without a body.
  private static final Set<String> BODY_METHODS = Set.of("POST", "PUT", "PATCH");
  private static final RequestBody EMPTY_JSON = RequestBody.create(new byte[0], JSON);

  private final HttpUrl baseUrl;
  private final OkHttpClient httpClient;
  private final boolean ownsHttpClient;
  private final String name;
  // Made on the first retry delay: most clients never wait to retry, and a client that starts
  // faster loads fewer classes.
  private ScheduledExecutorService scheduler; // guarded by this
  private final Gson gson;
  private final Retrofit retrofit;
  private final RetryDecider decider;
  private final Sleeper sleeper;
  private final HttpLog log;
  private final ResponseParser parser;
  private final Redactor redactor;
  // Null: no Authorization header. Read once here for a fixed key, per call when it changes.
  private final @Nullable BearerSource bearer;
  private final @Nullable String fixedAuthorization;
  private final String userAgent;
  private final Map<Class<?>, Object> services = new ConcurrentHashMap<>();
  // Response type per Retrofit method: parsing the generic signature on every call is wasted work.
  private final Map<Method, Type> responseTypes = new ConcurrentHashMap<>();
  private final Set<CompletableFuture<Void>> pendingDelays = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final long maxResponseBytes;
  // Observation (issue 26): null when the client has no CallListener, and then nothing below
  // allocates for it.
  private final @Nullable Listeners listeners;
  private final CallInfo.Api api;
  // Operation name and path template per Retrofit method, read once (only for observed calls).
  private final Map<Method, String[]> descriptors = new ConcurrentHashMap<>();

  ClientCore(
      ClientCoreBuilder b,
      HttpUrl baseUrl,
      OkHttpClient httpClient,
      boolean ownsHttpClient,
      @Nullable HttpUrl tokenExchangeUrl) {
    this.baseUrl = baseUrl;
    this.httpClient = httpClient;
    this.ownsHttpClient = ownsHttpClient;
    this.name = b.name;
    this.gson = SdkGson.get();
    this.maxResponseBytes = b.maxResponseBytes;
    this.redactor = new Redactor(b.secrets());
    this.log = new HttpLog(b.logLevel, redactor);
    this.parser = new ResponseParser(gson, redactor);
    this.decider = new RetryDecider(b.retryPolicy, b.clock);
    this.sleeper = b.sleeper;
    this.bearer =
        tokenExchangeUrl == null
            ? b.bearer
            : new TokenExchanger(this, b.bearer, tokenExchangeUrl, b.tokenExchangePath);
    this.fixedAuthorization =
        bearer == null || bearer.changes() ? null : "Bearer " + bearer.current();
    if (fixedAuthorization != null) {
      redactor.remember(bearer.current());
    }
    this.userAgent = b.userAgent;
    this.listeners = Listeners.of(b.listeners);
    this.api = b.api;
    this.retrofit =
        new Retrofit.Builder()
            .baseUrl(baseUrl)
            .callFactory(new RequestOnlyCallFactory(httpClient))
            .addConverterFactory(new JsonConverterFactory(gson, parser, maxResponseBytes))
            .addCallAdapterFactory(new CoreCallAdapterFactory(this))
            .build();
    if (b.allowInsecureHttp && !baseUrl.isHttps() && !HttpClients.isLoopback(baseUrl.host())) {
      log.warn(
          "allowInsecureHttp(): sending requests and credentials unencrypted to " + baseUrl.host());
    }
  }

  /** A builder; {@code baseUrl} is required. */
  public static ClientCoreBuilder builder() {
    return new ClientCoreBuilder();
  }

  /** The SDK's one Gson ({@link SdkGson}; the executor, not Gson, unwraps the envelope). */
  public Gson gson() {
    return gson;
  }

  /** The base URL, always ending in {@code /}. */
  public String baseUrl() {
    return baseUrl.toString();
  }

  /** The base URL without any {@code user:password@}, for {@code toString()} and log lines. */
  public String baseUrlForDisplay() {
    return baseUrl.newBuilder().username("").password("").build().toString();
  }

  /**
   * The most bytes of one response body this core reads, counted after decompression; a larger body
   * fails with {@code OursInvalidResponseException}.
   */
  public long maxResponseBytes() {
    return maxResponseBytes;
  }

  /** The retry policy requests use unless {@link RequestOptions} override its retry count. */
  public RetryPolicy retryPolicy() {
    return decider.policy();
  }

  /**
   * The generated Retrofit interface bound to this stack. Its calls' {@code execute()} and {@code
   * enqueue()} run through this core (auth, retries, logging, envelope) and report every failure as
   * an {@link OursException}: an error status never comes back as an unsuccessful {@code
   * retrofit2.Response}. Instances are cached per interface.
   */
  public <S> S api(Class<S> retrofitService) {
    Objects.requireNonNull(retrofitService, "retrofitService == null");
    return retrofitService.cast(services.computeIfAbsent(retrofitService, this::guarded));
  }

  /**
   * Retrofit's implementation of {@code service} behind a proxy that checks every {@code @Path}
   * argument first ({@link PathGuard}): the one place all Retrofit-made calls pass through before a
   * request exists, so a {@code ..} id fails as an {@code OursValidationException} naming the
   * parameter, for every verb.
   */
  private Object guarded(Class<?> service) {
    // Retrofit's own handler is called directly: no reflective access to the (possibly
    // package-private) interface is needed, and default and Object methods keep its behaviour.
    InvocationHandler retrofitHandler = Proxy.getInvocationHandler(retrofit.create(service));
    // Which arguments are @Path ones, read once per method: reading parameter annotations
    // reflectively on every call was a sixth of a small call's allocation.
    Map<Method, String[]> pathFields = new ConcurrentHashMap<>();
    InvocationHandler handler =
        (proxy, method, args) -> {
          if (method.getDeclaringClass() != Object.class) {
            PathGuard.checkArguments(
                pathFields.computeIfAbsent(method, PathGuard::pathFields), args);
          }
          return retrofitHandler.invoke(proxy, method, args);
        };
    return Proxy.newProxyInstance(service.getClassLoader(), new Class<?>[] {service}, handler);
  }

  /** Runs {@code call} (made by an {@link #api} interface) and returns its parsed body. */
  public <T> T execute(Call<T> call, RequestOptions options) {
    return this.<T>executeRaw(call, options).value();
  }

  /** Like {@link #execute(Call, RequestOptions)} but with the status, headers and rate limit. */
  public <T> RawResponse<T> executeRaw(Call<T> call, RequestOptions options) {
    Request request = request(call);
    return runSync(exchange(request, responseType(call, request), options, null));
  }

  /**
   * Like {@link #executeRaw(Call, RequestOptions)}, naming the operation for {@link
   * com.oursprivacy.core.CallListener}s (the generated facade passes the API's name, e.g. {@code
   * destinations.list}); without one, a call is named after its Retrofit method.
   */
  public <T> RawResponse<T> executeRaw(String operation, Call<T> call, RequestOptions options) {
    Request request = request(call);
    return runSync(exchange(request, responseType(call, request), options, operation));
  }

  /**
   * The asynchronous form of {@link #executeRaw(String, Call, RequestOptions)}: like {@link
   * #executeRawAsync(Call, RequestOptions)}, naming the operation.
   */
  public <T> CompletableFuture<RawResponse<T>> executeRawAsync(
      String operation, Call<T> call, RequestOptions options) {
    Request request = request(call);
    return runAsync(exchange(request, responseType(call, request), options, operation));
  }

  /**
   * Like {@link #executeRaw(Call, RequestOptions)}, handing each OkHttp call (one per attempt) to
   * {@code started} before it runs, so that another thread can cancel it: for a caller that blocks
   * a thread of its own on the call and must be able to stop it (the tracker's workers).
   */
  public <T> RawResponse<T> executeRaw(
      Call<T> call, RequestOptions options, Consumer<okhttp3.Call> started) {
    Request request = request(call);
    return runSync(exchange(request, responseType(call, request), options, null), started);
  }

  /**
   * Runs {@code call} without blocking the caller or any thread while waiting to retry; the future
   * completes on an OkHttp thread, exceptionally with an {@link OursException}. Cancelling the
   * future cancels the request in flight and any pending retry.
   */
  public <T> CompletableFuture<T> executeAsync(Call<T> call, RequestOptions options) {
    return values(executeRawAsync(call, options));
  }

  /**
   * Like {@link #executeAsync(Call, RequestOptions)} but with the status, headers and rate limit.
   */
  public <T> CompletableFuture<RawResponse<T>> executeRawAsync(
      Call<T> call, RequestOptions options) {
    Request request = request(call);
    return runAsync(exchange(request, responseType(call, request), options, null));
  }

  /**
   * Sends a hand-built request: for PATCH bodies with explicit nulls, and paths the generator does
   * not cover. The body is written exactly as given, JSON {@code null} members included.
   *
   * @param method HTTP method, e.g. {@code PATCH}
   * @param path relative to the base URL, already percent-encoded; a leading {@code /} is ignored
   * @param query query parameters, or null; null values are skipped
   * @param body the JSON body, or null (POST, PUT and PATCH then send an empty body)
   * @param responseType the type to parse the (unwrapped) body as; {@code Void.class} ignores it
   */
  public <T> T execute(
      String method,
      String path,
      Map<String, String> query,
      JsonElement body,
      Type responseType,
      RequestOptions options) {
    return this.<T>executeRaw(method, path, query, body, responseType, options).value();
  }

  /**
   * Like {@link #execute(String, String, Map, JsonElement, Type, RequestOptions)} but with the
   * status, headers and rate limit: what the generated services' {@code withRawResponse()} return.
   */
  public <T> RawResponse<T> executeRaw(
      String method,
      String path,
      Map<String, String> query,
      JsonElement body,
      Type responseType,
      RequestOptions options) {
    Request request = buildRequest(method, path, query, body);
    return runSync(exchange(request, responseType, options, null));
  }

  /**
   * The asynchronous form of {@link #executeRaw(String, String, Map, JsonElement, Type,
   * RequestOptions)}.
   */
  public <T> CompletableFuture<RawResponse<T>> executeRawAsync(
      String method,
      String path,
      Map<String, String> query,
      JsonElement body,
      Type responseType,
      RequestOptions options) {
    Request request = buildRequest(method, path, query, body);
    return runAsync(exchange(request, responseType, options, null));
  }

  /**
   * The asynchronous form of {@link #execute(String, String, Map, JsonElement, Type,
   * RequestOptions)}.
   */
  public <T> CompletableFuture<T> executeAsync(
      String method,
      String path,
      Map<String, String> query,
      JsonElement body,
      Type responseType,
      RequestOptions options) {
    return values(this.<T>executeRawAsync(method, path, query, body, responseType, options));
  }

  /**
   * Masks {@code secret} in this client's logs and exception messages from now on: a token a
   * supplier returned, for instance. Cheap for a secret already known.
   */
  public void remember(String secret) {
    redactor.remember(secret);
  }

  /** The client's call listeners, or null when it has none. */
  public @Nullable Listeners listeners() {
    return listeners;
  }

  /** Whether {@link #close()} has been called. */
  public boolean isClosed() {
    return closed.get();
  }

  /**
   * Cancels pending retries and releases what this core owns: its retry scheduler and, unless the
   * OkHttp client was supplied by the caller, the dispatcher threads and pooled connections
   * (cancelling requests in flight). A supplied client's pools are left alone. Idempotent.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    synchronized (this) {
      if (scheduler != null) {
        scheduler.shutdownNow();
      }
    }
    for (CompletableFuture<Void> delay : pendingDelays) {
      delay.completeExceptionally(
          new OursIoException("client closed while waiting to retry", null));
    }
    if (ownsHttpClient) {
      httpClient.dispatcher().cancelAll();
      httpClient.dispatcher().executorService().shutdown();
      httpClient.connectionPool().evictAll();
    }
  }

  @Override
  public String toString() {
    return "ClientCore{baseUrl=" + baseUrlForDisplay() + ", closed=" + closed.get() + '}';
  }

  OkHttpClient httpClient() {
    return httpClient;
  }

  HttpLog log() {
    return log;
  }

  ResponseParser parser() {
    return parser;
  }

  Redactor redactor() {
    return redactor;
  }

  String userAgent() {
    return userAgent;
  }

  /**
   * After a 401 to a request that carried the core's credential {@code used}: the header value to
   * resend it with once, or null when no newer credential exists (then the 401 stands).
   */
  @Nullable String authorizationAfterUnauthorized(String used) {
    if (bearer == null || !bearer.changes()) {
      return null;
    }
    String usedSecret = used.startsWith("Bearer ") ? used.substring(7) : used;
    if (!bearer.refreshAfterUnauthorized(usedSecret)) {
      return null;
    }
    String next = bearer.current();
    remember(next);
    return "Bearer " + next;
  }

  RetryDecider decider() {
    return decider;
  }

  /** A delay that fails instead of hanging when the core closes before it elapses. */
  CompletableFuture<Void> delay(Duration delay) {
    CompletableFuture<Void> d;
    try {
      d = sleeper.sleepAsync(delay, scheduler());
    } catch (RejectedExecutionException e) {
      return CompletableFuture.failedFuture(
          new OursIoException("client closed while waiting to retry", e));
    }
    pendingDelays.add(d);
    d.whenComplete((v, e) -> pendingDelays.remove(d));
    if (closed.get()) {
      d.completeExceptionally(new OursIoException("client closed while waiting to retry", null));
    }
    return d;
  }

  /** The retry scheduler if one has been made, else null: for tests of its lazy creation. */
  synchronized ScheduledExecutorService schedulerIfMade() {
    return scheduler;
  }

  /** The retry scheduler, made on first use; none once the core is closed. */
  private synchronized ScheduledExecutorService scheduler() {
    if (scheduler == null) {
      if (closed.get()) {
        throw new RejectedExecutionException("client is closed");
      }
      scheduler = HttpClients.scheduler(name);
    }
    return scheduler;
  }

  private <T> RawResponse<T> runSync(Exchange<T> exchange) {
    return runSync(exchange, call -> {});
  }

  private <T> RawResponse<T> runSync(Exchange<T> exchange, Consumer<okhttp3.Call> started) {
    Observed observed = exchange.observed;
    if (observed == null) {
      return loop(exchange, started);
    }
    RawResponse<T> response;
    try {
      response = loop(exchange, started);
    } catch (RuntimeException | Error e) {
      observed.end(e);
      throw e;
    }
    observed.end(null);
    return response;
  }

  private <T> RawResponse<T> loop(Exchange<T> exchange, Consumer<okhttp3.Call> started) {
    while (true) {
      okhttp3.Call call = exchange.newCall();
      started.accept(call);
      Step<T> step;
      try {
        step = exchange.onResponse(call, call.execute());
      } catch (java.io.IOException e) {
        step = exchange.onFailure(call, e);
      }
      if (step.retryDelay == null) {
        if (step.failure != null) {
          throw step.failure;
        }
        return step.response;
      }
      try {
        if (!step.retryDelay.isZero()) {
          sleeper.sleep(step.retryDelay);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new OursIoException("interrupted while waiting to retry", e);
      }
      ensureOpen();
    }
  }

  private <T> CompletableFuture<RawResponse<T>> runAsync(Exchange<T> exchange) {
    CompletableFuture<RawResponse<T>> future = new AsyncExchange<>(this, exchange).start();
    Observed observed = exchange.observed;
    if (observed == null) {
      return future;
    }
    // The caller's future completes after the listeners heard the end: a caller that joins and
    // then reads what its listener recorded must find the call's end there.
    CompletableFuture<RawResponse<T>> out = new CompletableFuture<>();
    future.whenComplete(
        (r, e) -> {
          observed.end(e == null ? null : AsyncExchange.unwrap(e));
          if (e != null) {
            out.completeExceptionally(e);
          } else {
            out.complete(r);
          }
        });
    out.whenComplete(
        (r, e) -> {
          if (out.isCancelled()) {
            future.cancel(false);
          }
        });
    return out;
  }

  private <T> Exchange<T> exchange(
      Request request, Type responseType, RequestOptions options, @Nullable String operation) {
    Objects.requireNonNull(options, "options == null");
    ensureOpen();
    try {
      return newExchange(request, responseType, options, operation);
    } catch (IllegalArgumentException e) {
      // RequestOptions checks headers when built; this only catches what a subclass of OkHttp's
      // rules still refuses. The message may quote a header value: keep it out.
      throw new OursValidationException(
          "options",
          "OkHttp refused a header or query parameter ("
              + e.getClass().getSimpleName()
              + "; details withheld, they may quote a secret)");
    }
  }

  private <T> Exchange<T> newExchange(
      Request request, Type responseType, RequestOptions options, @Nullable String operation) {
    Request.Builder b = request.newBuilder();
    // Defaults are added here rather than in an interceptor so that debug logs show the request
    // as sent; per-request headers (and headers the call already has) win.
    String authorization = null;
    if (bearer != null && request.header("Authorization") == null) {
      authorization = fixedAuthorization;
      if (authorization == null) {
        String secret = bearer.current();
        remember(secret);
        authorization = "Bearer " + secret;
      }
      b.header("Authorization", authorization);
    }
    if (request.header("User-Agent") == null) {
      b.header("User-Agent", userAgent);
    }
    RequestBody body = request.body();
    if (body != null && body.contentType() == null && isEmpty(body)) {
      // Retrofit's stand-in for a POST without a body has no media type; the SDK's empty bodies
      // are JSON, like every body it sends.
      b.method(request.method(), EMPTY_JSON);
    }
    // One tag for all attempts: they never overlap, and Exchange resets it before each.
    b.tag(Attempt.class, new Attempt());
    options.headers().forEach(b::header);
    if (!options.queryParams().isEmpty()) {
      HttpUrl.Builder url = request.url().newBuilder();
      options.queryParams().forEach(url::setQueryParameter);
      b.url(url.build());
    }
    int maxRetries = options.maxRetries().orElse(decider.policy().maxRetries());
    Request built = b.build();
    Observed observed = null;
    if (listeners != null) {
      CallInfo info = describe(built, operation, maxRetries + 1);
      listeners.callStart(info);
      built = withListenerHeaders(built, info);
      observed = new Observed(listeners, info);
    }
    // A credential the caller set per request is theirs: a 401 to it is not refreshed.
    boolean refreshable =
        authorization != null
            && fixedAuthorization == null
            && !options.headers().keySet().stream().anyMatch("Authorization"::equalsIgnoreCase);
    return new Exchange<>(
        this,
        built,
        responseType,
        maxRetries,
        options.timeout().orElse(null),
        refreshable ? authorization : null,
        observed);
  }

  /**
   * The call as listeners see it: its operation (given by the facade, else the Retrofit method's
   * name, else {@code raw}) and path template (from the Retrofit method's annotation; never the
   * concrete path of a hand-built request, which may hold ids).
   */
  private CallInfo describe(Request request, @Nullable String operation, int maxAttempts) {
    Invocation invocation = request.tag(Invocation.class);
    if (invocation == null) {
      return new CallInfo(
          api,
          operation != null ? operation : "raw",
          request.method(),
          CallInfo.UNKNOWN_TEMPLATE,
          maxAttempts);
    }
    String[] d = descriptors.computeIfAbsent(invocation.method(), ClientCore::descriptor);
    return new CallInfo(
        api, operation != null ? operation : d[0], request.method(), d[1], maxAttempts);
  }

  /** {@code {operation, path template}} of a Retrofit method. */
  private static String[] descriptor(Method method) {
    OperationName named = method.getAnnotation(OperationName.class);
    String template = CallInfo.UNKNOWN_TEMPLATE;
    for (java.lang.annotation.Annotation a : method.getAnnotations()) {
      String path = retrofitPath(a);
      if (path != null) {
        template = path.startsWith("/") ? path : "/" + path;
        break;
      }
    }
    return new String[] {named != null ? named.value() : method.getName(), template};
  }

  private static @Nullable String retrofitPath(java.lang.annotation.Annotation a) {
    if (a instanceof retrofit2.http.GET) {
      return ((retrofit2.http.GET) a).value();
    } else if (a instanceof retrofit2.http.POST) {
      return ((retrofit2.http.POST) a).value();
    } else if (a instanceof retrofit2.http.PUT) {
      return ((retrofit2.http.PUT) a).value();
    } else if (a instanceof retrofit2.http.PATCH) {
      return ((retrofit2.http.PATCH) a).value();
    } else if (a instanceof retrofit2.http.DELETE) {
      return ((retrofit2.http.DELETE) a).value();
    } else if (a instanceof retrofit2.http.HEAD) {
      return ((retrofit2.http.HEAD) a).value();
    } else if (a instanceof retrofit2.http.OPTIONS) {
      return ((retrofit2.http.OPTIONS) a).value();
    } else if (a instanceof retrofit2.http.HTTP) {
      return ((retrofit2.http.HTTP) a).path();
    }
    return null;
  }

  /** Adds the headers listeners ask for, never replacing one the request already has. */
  private Request withListenerHeaders(Request request, CallInfo info) {
    Request.Builder[] out = {null};
    listeners.addHeaders(
        info,
        (name, value) -> {
          if (name == null || value == null || request.header(name) != null) {
            return;
          }
          if (out[0] == null) {
            out[0] = request.newBuilder();
          }
          try {
            out[0].header(name, value);
          } catch (IllegalArgumentException e) {
            log.warn("a CallListener's header was refused by OkHttp (control characters?)");
          }
        });
    return out[0] == null ? request : out[0].build();
  }

  /**
   * The request a Retrofit call describes. Retrofit and OkHttp refuse some arguments with an {@code
   * IllegalArgumentException} whose message may quote the value (a header holding a key); it
   * becomes an {@link OursValidationException} that names the method but not the value.
   */
  private static Request request(Call<?> call) {
    Objects.requireNonNull(call, "call == null");
    try {
      return call.request();
    } catch (IllegalArgumentException e) {
      throw new OursValidationException(
          "request",
          "Retrofit/OkHttp refused an argument while building the request ("
              + e.getClass().getSimpleName()
              + "; details withheld, they may quote a secret)");
    }
  }

  private Request buildRequest(
      String method, String path, Map<String, String> query, JsonElement body) {
    Objects.requireNonNull(method, "method == null");
    Objects.requireNonNull(path, "path == null");
    int from = 0;
    while (from < path.length() && path.charAt(from) == '/') {
      from++;
    }
    String relative = path.substring(from);
    // Checked before resolving: HttpUrl.resolve would silently fold "a/../b" into "b".
    PathGuard.checkEncodedPath(relative);
    HttpUrl url = baseUrl.resolve(relative);
    if (url == null) {
      throw new OursValidationException("path", "does not form a URL relative to the base URL");
    }
    if (query != null) {
      HttpUrl.Builder u = url.newBuilder();
      query.forEach(
          (k, v) -> {
            if (v != null) {
              u.addQueryParameter(k, v);
            }
          });
      url = u.build();
    }
    RequestBody requestBody = null;
    if (body != null) {
      // Explicit JSON nulls are kept (they clear fields); gson.toJson would drop them.
      requestBody =
          RequestBody.create(PatchJson.write(body).getBytes(StandardCharsets.UTF_8), JSON);
    } else if (BODY_METHODS.contains(method)) {
      requestBody = EMPTY_JSON;
    }
    return new Request.Builder().url(url).method(method, requestBody).build();
  }

  private static boolean isEmpty(RequestBody body) {
    try {
      return body.contentLength() == 0;
    } catch (java.io.IOException e) {
      return false;
    }
  }

  private void ensureOpen() {
    if (closed.get()) {
      throw new IllegalStateException("client is closed");
    }
  }

  /**
   * The {@code T} of {@code Call<T>} of the Retrofit method that made the call: carried by the
   * calls this core's interfaces make (resolved once per method by the call adapter); for a call of
   * another Retrofit, read from the method's generic signature once per method, then from a cache.
   */
  private Type responseType(Call<?> call, Request request) {
    if (call instanceof CoreCall) {
      return ((CoreCall<?>) call).responseType();
    }
    Invocation invocation = request.tag(Invocation.class);
    if (invocation == null) {
      throw new IllegalArgumentException(
          "call was not made by a Retrofit interface (no Invocation tag)");
    }
    return responseTypes.computeIfAbsent(invocation.method(), ClientCore::callTypeArgument);
  }

  private static Type callTypeArgument(Method method) {
    Type returnType = method.getGenericReturnType();
    if (!(returnType instanceof ParameterizedType)) {
      throw new IllegalArgumentException(method + " does not return Call<T>");
    }
    Type t = ((ParameterizedType) returnType).getActualTypeArguments()[0];
    return t instanceof WildcardType ? ((WildcardType) t).getUpperBounds()[0] : t;
  }

  /** Maps to values, unwrapped exceptions, and forwards cancellation to the source. */
  private static <T> CompletableFuture<T> values(CompletableFuture<RawResponse<T>> source) {
    CompletableFuture<T> out = new CompletableFuture<>();
    source.whenComplete(
        (r, e) -> {
          if (e != null) {
            out.completeExceptionally(AsyncExchange.unwrap(e));
          } else {
            out.complete(r.value());
          }
        });
    out.whenComplete(
        (v, e) -> {
          if (out.isCancelled()) {
            source.cancel(false);
          }
        });
    return out;
  }
}
