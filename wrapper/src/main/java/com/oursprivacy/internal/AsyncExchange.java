package com.oursprivacy.internal;

import com.oursprivacy.core.RawResponse;
import com.oursprivacy.errors.OursException;
import com.oursprivacy.errors.OursIoException;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.Response;

/**
 * Drives an {@link Exchange} with {@code enqueue}: no thread blocks on the network or on a retry
 * delay; the next attempt is enqueued when the delay future completes.
 */
final class AsyncExchange<T> implements Callback {
  private final ClientCore core;
  private final Exchange<T> exchange;
  private final CompletableFuture<RawResponse<T>> future = new CompletableFuture<>();
  private volatile Call current;
  private volatile CompletableFuture<Void> currentDelay;

  AsyncExchange(ClientCore core, Exchange<T> exchange) {
    this.core = core;
    this.exchange = exchange;
  }

  CompletableFuture<RawResponse<T>> start() {
    future.whenComplete(
        (r, e) -> {
          if (future.isCancelled()) {
            Call c = current;
            if (c != null) {
              c.cancel();
            }
            CompletableFuture<Void> d = currentDelay;
            if (d != null) {
              d.cancel(false);
            }
          }
        });
    send();
    return future;
  }

  private void send() {
    if (future.isDone()) {
      return;
    }
    if (core.isClosed()) {
      future.completeExceptionally(
          new OursIoException("client closed before the request was sent", null));
      return;
    }
    try {
      Call call = exchange.newCall();
      current = call;
      call.enqueue(this);
    } catch (Throwable t) {
      fail(t);
    }
  }

  @Override
  public void onFailure(Call call, IOException e) {
    follow(() -> exchange.onFailure(call, e));
  }

  @Override
  public void onResponse(Call call, Response response) {
    follow(() -> exchange.onResponse(call, response));
  }

  private interface StepSupplier<T> {
    Step<T> get();
  }

  private void follow(StepSupplier<T> next) {
    Step<T> step;
    try {
      step = next.get();
    } catch (Throwable t) {
      // Anything at all, an Error included, must still complete the future: a caller (or the
      // tracker's transport) waiting on it would otherwise wait forever.
      fail(t);
      return;
    }
    if (step.retryDelay == null) {
      if (step.failure != null) {
        future.completeExceptionally(step.failure);
      } else {
        future.complete(step.response);
      }
      return;
    }
    if (step.retryDelay.isZero()) {
      send(); // a resend with a newer credential: no wait, no scheduler
      return;
    }
    CompletableFuture<Void> delay = core.delay(step.retryDelay);
    currentDelay = delay;
    delay
        .whenComplete(
            (v, e) -> {
              if (e != null) {
                Throwable cause = unwrap(e);
                future.completeExceptionally(
                    cause instanceof OursException
                        ? cause
                        : new OursIoException("retry delay failed", cause));
              } else {
                send();
              }
            })
        .exceptionally(
            t -> {
              fail(t);
              return null;
            });
  }

  /**
   * Completes the future with {@code t} as an {@link OursException} (wrapped when it is not one). A
   * {@link VirtualMachineError} is rethrown after that: the JVM is in trouble and the thread's
   * uncaught-exception handler should hear of it.
   */
  private void fail(Throwable t) {
    future.completeExceptionally(
        t instanceof OursException
            ? t
            : new OursException("request failed unexpectedly: " + t.getClass().getName(), t));
    if (t instanceof VirtualMachineError) {
      throw (VirtualMachineError) t;
    }
  }

  /** Strips the wrappers {@code CompletableFuture} puts around a failure. */
  static Throwable unwrap(Throwable e) {
    Throwable t = e;
    while ((t instanceof CompletionException || t instanceof ExecutionException)
        && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }
}
