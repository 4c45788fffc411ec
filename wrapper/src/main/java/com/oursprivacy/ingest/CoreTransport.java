package com.oursprivacy.ingest;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.reflect.TypeToken;
import com.oursprivacy.core.RawResponse;
import com.oursprivacy.core.RequestOptions;
import com.oursprivacy.errors.OursApiException;
import com.oursprivacy.lowlevel.ingest.model.Batch;
import com.oursprivacy.lowlevel.ingest.model.BatchResult;
import com.oursprivacy.internal.ClientCore;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import retrofit2.Call;

/**
 * The tracker's transport over {@link ClientCore}: one attempt per call (the core's retries are
 * switched off, the tracker owns the back-off), the status and 207/500 row results kept, every
 * failure turned into a {@link Reply}. Waits on the core's future so close() can cancel it.
 */
final class CoreTransport implements IngestTransport {
  private static final java.lang.reflect.Type RESULTS = new TypeToken<List<BatchResult>>() {}.getType();

  private final ClientCore core;
  private final IngestService service;
  private final RequestOptions once;
  private final Set<CompletableFuture<?>> inFlight = ConcurrentHashMap.newKeySet();
  private volatile boolean cancelled;

  CoreTransport(ClientCore core, Duration timeout) {
    this.core = core;
    this.service = core.api(IngestService.class);
    RequestOptions.Builder b = RequestOptions.builder().maxRetries(0);
    if (timeout != null) {
      b.timeout(timeout);
    }
    this.once = b.build();
  }

  @Override
  public Reply batch(String token, List<Event> rows) {
    Reply r = send(service.batch(Wire.batch(token, rows)));
    Wire.withoutToken(r.results, token);
    return r;
  }

  @Override
  public Reply track(String token, Event event) {
    return send(service.track(Wire.track(token, event)));
  }

  @Override
  public Reply identify(String token, Identify identify) {
    return send(service.identify(Wire.identify(token, identify)));
  }

  @Override
  public void cancelAll() {
    cancelled = true;
    inFlight.forEach(f -> f.cancel(true));
  }

  private <T> Reply send(Call<T> call) {
    if (cancelled) {
      return Reply.network("cancelled");
    }
    CompletableFuture<RawResponse<T>> f;
    try {
      f = core.executeRawAsync(call, once);
    } catch (IllegalStateException closed) {
      return Reply.network("client closed");
    }
    inFlight.add(f);
    try {
      RawResponse<T> r = f.get();
      Object v = r.value();
      return Reply.ok(r.statusCode(), v instanceof Batch ? ((Batch) v).getResults() : null);
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
      return new Reply(api.statusCode(), results(api.rawBody()), api.retryAfter().orElse(null), reason);
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
}
