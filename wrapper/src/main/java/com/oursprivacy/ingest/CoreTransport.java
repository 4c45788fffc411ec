package com.oursprivacy.ingest;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.reflect.TypeToken;
import com.oursprivacy.core.RawResponse;
import com.oursprivacy.core.RequestOptions;
import com.oursprivacy.errors.OursApiException;
import com.oursprivacy.errors.OursException;
import com.oursprivacy.internal.ClientCore;
import com.oursprivacy.internal.Utf8Writer;
import com.oursprivacy.lowlevel.ingest.model.Batch;
import com.oursprivacy.lowlevel.ingest.model.BatchResult;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import okhttp3.MediaType;
import okhttp3.RequestBody;
import okio.BufferedSink;
import retrofit2.Call;

/**
 * The tracker's transport over {@link ClientCore}: one attempt per call (the core's retries are
 * switched off, the tracker owns the back-off), the status and 207/500 row results kept, every
 * failure turned into a {@link Reply}. {@code /batch} bodies are streamed straight into the request
 * body by {@link Wire#batch(java.io.Writer, String, List)} (no JSON tree, no intermediate string).
 *
 * <p><b>The worker's own thread sends.</b> Each call runs synchronously on the tracker worker that
 * asked for it, not on an OkHttp dispatcher thread the worker then waits for: in a tracker run, the
 * hand-off there and back (two thread wake-ups per batch, OkHttp renaming its thread per call, a
 * future) took a quarter to a third of the sending path's CPU, measured with {@code TrackerRun
 * -Dtracker.detail=true}. {@link #cancelAll} cancels the OkHttp calls in flight (they are
 * registered as they start), so {@code close} still stops a worker blocked on a silent server.
 *
 * <p>Every wait is bounded: the call carries a whole-attempt timeout (OkHttp's call timeout, which
 * cancels it); with an {@link Exchanger} that answers through a future (tests), the wait on it
 * gives up {@link #WAIT_GRACE} after that timeout, cancelling the call, should the future never
 * complete.
 */
final class CoreTransport implements IngestTransport {
  private static final java.lang.reflect.Type RESULTS =
      new TypeToken<List<BatchResult>>() {}.getType();
  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

  /** The core's default whole-call timeout, used when the client sets none. */
  static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(60);

  /** How long past the call's own timeout the transport waits for the core's answer. */
  static final Duration WAIT_GRACE = Duration.ofSeconds(5);

  /**
   * Runs one call; by default on the calling thread ({@link #runHere}); the seam tests use to hand
   * out futures that never complete.
   */
  interface Exchanger {
    <T> CompletableFuture<RawResponse<T>> exchange(Call<T> call, RequestOptions options);
  }

  private final ClientCore core;
  private final IngestService service;
  private final Exchanger exchanger;
  private final RequestOptions once;
  private final long waitNanos;
  private final Set<CompletableFuture<?>> inFlight = ConcurrentHashMap.newKeySet();

  /** The OkHttp call each worker is running now, for {@link #cancelAll}. */
  private final Map<Thread, okhttp3.Call> running = new ConcurrentHashMap<>();

  private volatile boolean cancelled;

  // When set, the token to send is read from it per request (a client with a token supplier)
  // instead of the one the tracker was made with.
  private volatile Supplier<String> tokenSource;

  CoreTransport(ClientCore core, Duration timeout) {
    this(core, timeout, null, WAIT_GRACE);
  }

  /** With {@code exchanger} null, calls run on the calling thread ({@link #runHere}). */
  CoreTransport(ClientCore core, Duration timeout, Exchanger exchanger, Duration grace) {
    this.core = core;
    this.service = core.api(IngestService.class);
    this.exchanger = exchanger != null ? exchanger : this::runHere;
    Duration call = timeout != null ? timeout : DEFAULT_CALL_TIMEOUT;
    this.once = RequestOptions.builder().maxRetries(0).timeout(call).build();
    this.waitNanos = call.plus(grace).toNanos();
  }

  /** Reads the token from {@code source} before each request from now on. */
  void tokenSource(Supplier<String> source) {
    this.tokenSource = source;
  }

  @Override
  public Reply batch(String token, List<Event> rows) {
    String t = current(token);
    if (t == null) {
      return Reply.network("token supplier failed");
    }
    Reply r = send(service.batchStream(new BatchBody(t, rows)));
    Wire.withoutToken(r.results, t);
    return r;
  }

  @Override
  public Reply track(String token, Event event) {
    String t = current(token);
    return t == null
        ? Reply.network("token supplier failed")
        : send(service.track(Wire.track(t, event)));
  }

  @Override
  public Reply identify(String token, Identify identify) {
    String t = current(token);
    return t == null
        ? Reply.network("token supplier failed")
        : send(service.identify(Wire.identify(t, identify)));
  }

  /** {@code token}, or the token source's current one; null when the source failed. */
  private String current(String token) {
    Supplier<String> source = tokenSource;
    if (source == null) {
      return token;
    }
    try {
      return source.get();
    } catch (OursException e) {
      return null; // a failed send: the tracker retries it with its back-off
    }
  }

  @Override
  public void cancelAll() {
    cancelled = true;
    inFlight.forEach(f -> f.cancel(true));
    running.values().forEach(okhttp3.Call::cancel);
  }

  /**
   * Runs {@code call} on this thread, its OkHttp call registered for {@link #cancelAll} while it
   * runs; the answer (or the core's exception) comes back as a completed future.
   */
  private <T> CompletableFuture<RawResponse<T>> runHere(Call<T> call, RequestOptions options) {
    Thread self = Thread.currentThread();
    try {
      return CompletableFuture.completedFuture(
          core.executeRaw(call, options, c -> started(self, c)));
    } catch (OursException e) {
      return CompletableFuture.failedFuture(e);
    } finally {
      running.remove(self);
    }
  }

  private void started(Thread self, okhttp3.Call c) {
    running.put(self, c);
    if (cancelled) {
      c.cancel(); // cancelAll() ran before the call was registered: it fails at once
    }
  }

  private <T> Reply send(Call<T> call) {
    if (cancelled) {
      return Reply.network("cancelled");
    }
    CompletableFuture<RawResponse<T>> f;
    try {
      f = exchanger.exchange(call, once);
    } catch (IllegalStateException closed) {
      return Reply.network("client closed");
    }
    inFlight.add(f);
    try {
      RawResponse<T> r = f.get(waitNanos, TimeUnit.NANOSECONDS);
      Object v = r.value();
      return Reply.ok(r.statusCode(), v instanceof Batch ? ((Batch) v).getResults() : null);
    } catch (TimeoutException e) {
      f.cancel(true);
      return Reply.network("no answer within " + TimeUnit.NANOSECONDS.toMillis(waitNanos) + " ms");
    } catch (InterruptedException e) {
      f.cancel(true);
      Thread.currentThread().interrupt();
      return Reply.network("interrupted");
    } catch (CancellationException e) {
      return Reply.network("cancelled");
    } catch (ExecutionException e) {
      return failure(e.getCause());
    } finally {
      inFlight.remove(f);
    }
  }

  private Reply failure(Throwable t) {
    if (t instanceof OursApiException) {
      OursApiException api = (OursApiException) t;
      String reason = "HTTP " + api.statusCode() + api.error().map(s -> ": " + s).orElse("");
      return new Reply(
          api.statusCode(), results(api.rawBody()), api.retryAfter().orElse(null), reason);
    }
    return Reply.network(t == null ? "unknown error" : t.getClass().getSimpleName());
  }

  /** The {@code results} array of a 500 body, or null when absent or unreadable. */
  private List<BatchResult> results(String body) {
    try {
      JsonElement e = JsonParser.parseString(body);
      if (e.isJsonObject()) {
        JsonObject o = e.getAsJsonObject();
        if (o.has("results") && o.get("results").isJsonArray()) {
          JsonArray a = o.getAsJsonArray("results");
          return core.gson().fromJson(a, RESULTS);
        }
      }
    } catch (RuntimeException unreadable) {
      // no usable results: the whole request is retried
    }
    return null;
  }

  /** A /batch body written row by row into OkHttp's sink; may be written more than once. */
  static final class BatchBody extends RequestBody {
    private final String token;
    private final List<Event> rows;

    BatchBody(String token, List<Event> rows) {
      this.token = token;
      this.rows = rows;
    }

    @Override
    public MediaType contentType() {
      return JSON;
    }

    @Override
    public void writeTo(BufferedSink sink) throws IOException {
      Utf8Writer w = Utf8Writer.large(sink);
      Wire.batch(w, token, rows);
      w.flush();
    }

    @Override
    public String toString() {
      return "BatchBody{" + rows.size() + " rows}"; // never the token
    }
  }
}
