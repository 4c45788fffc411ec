package com.oursprivacy.internal;

import java.io.IOException;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okio.Timeout;

/**
 * The call factory of the core's Retrofit. Retrofit asks it for an OkHttp call whenever it builds a
 * request, even when only the request is wanted: {@link ClientCore} reads the request of a
 * generated method's call and sends it itself (with auth, retries and logging), so a real OkHttp
 * call per request would be made and dropped unused. The calls made here hold the request and make
 * the real call only if someone actually runs or inspects this one.
 */
final class RequestOnlyCallFactory implements Call.Factory {
  private final OkHttpClient client;

  RequestOnlyCallFactory(OkHttpClient client) {
    this.client = client;
  }

  @Override
  public Call newCall(Request request) {
    return new Deferred(client, request);
  }

  /** A request, and the real call made from it on first use. Thread-safe. */
  private static final class Deferred implements Call {
    private final OkHttpClient client;
    private final Request request;
    private Call real;

    Deferred(OkHttpClient client, Request request) {
      this.client = client;
      this.request = request;
    }

    private synchronized Call real() {
      if (real == null) {
        real = client.newCall(request);
      }
      return real;
    }

    private synchronized Call started() {
      return real;
    }

    @Override
    public Request request() {
      return request;
    }

    @Override
    public Response execute() throws IOException {
      return real().execute();
    }

    @Override
    public void enqueue(Callback responseCallback) {
      real().enqueue(responseCallback);
    }

    @Override
    public void cancel() {
      real().cancel();
    }

    @Override
    public boolean isExecuted() {
      Call c = started();
      return c != null && c.isExecuted();
    }

    @Override
    public boolean isCanceled() {
      Call c = started();
      return c != null && c.isCanceled();
    }

    @Override
    public Timeout timeout() {
      return real().timeout();
    }

    @Override
    @SuppressWarnings("MethodDoesntCallSuperMethod")
    public Call clone() {
      return new Deferred(client, request);
    }
  }
}
