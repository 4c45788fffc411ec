package com.oursprivacy.internal;

import com.oursprivacy.core.RawResponse;
import com.oursprivacy.core.RequestOptions;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import okhttp3.Headers;
import okhttp3.Protocol;
import okhttp3.Request;
import okio.Timeout;
import retrofit2.Call;
import retrofit2.Callback;
import retrofit2.Response;

/**
 * A generated interface's {@code Call<T>} running through {@link ClientCore}. Success comes back as
 * {@code Response.success(value)}; every failure, error statuses included, is thrown by {@link
 * #execute()} or passed to {@code onFailure} as an {@code OursException}. {@link #cancel()} cancels
 * an enqueued call; a call already inside {@link #execute()} runs on.
 */
final class CoreCall<T> implements Call<T> {
  private final ClientCore core;
  private final Call<T> delegate;
  private final Type responseType;
  private final AtomicBoolean executed = new AtomicBoolean();
  private volatile boolean canceled;
  private volatile CompletableFuture<RawResponse<T>> inFlight;

  CoreCall(ClientCore core, Call<T> delegate, Type responseType) {
    this.core = core;
    this.delegate = delegate;
    this.responseType = responseType;
  }

  /** The {@code T} of the method's {@code Call<T>}, what the body is parsed as. */
  Type responseType() {
    return responseType;
  }

  @Override
  public Response<T> execute() {
    markExecuted();
    return toResponse(core.executeRaw(this, RequestOptions.none()));
  }

  @Override
  public void enqueue(Callback<T> callback) {
    markExecuted();
    CompletableFuture<RawResponse<T>> f = core.executeRawAsync(this, RequestOptions.none());
    inFlight = f;
    if (canceled) {
      f.cancel(false);
    }
    f.whenComplete(
        (r, e) -> {
          if (e != null) {
            callback.onFailure(this, AsyncExchange.unwrap(e));
          } else {
            callback.onResponse(this, toResponse(r));
          }
        });
  }

  private Response<T> toResponse(RawResponse<T> raw) {
    Headers.Builder headers = new Headers.Builder();
    for (Map.Entry<String, List<String>> h : raw.headers().entrySet()) {
      for (String v : h.getValue()) {
        headers.addUnsafeNonAscii(h.getKey(), v);
      }
    }
    okhttp3.Response okResponse =
        new okhttp3.Response.Builder()
            .request(delegate.request())
            .protocol(Protocol.HTTP_1_1)
            .code(raw.statusCode())
            .message("")
            .headers(headers.build())
            .build();
    return Response.success(raw.value(), okResponse);
  }

  private void markExecuted() {
    if (!executed.compareAndSet(false, true)) {
      throw new IllegalStateException("Already executed.");
    }
  }

  @Override
  public boolean isExecuted() {
    return executed.get();
  }

  @Override
  public void cancel() {
    canceled = true;
    CompletableFuture<RawResponse<T>> f = inFlight;
    if (f != null) {
      f.cancel(false);
    }
  }

  @Override
  public boolean isCanceled() {
    return canceled;
  }

  @Override
  public Call<T> clone() {
    return new CoreCall<>(core, delegate.clone(), responseType);
  }

  @Override
  public Request request() {
    return delegate.request();
  }

  @Override
  public Timeout timeout() {
    return delegate.timeout();
  }
}
