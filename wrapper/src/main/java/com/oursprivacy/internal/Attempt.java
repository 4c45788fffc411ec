package com.oursprivacy.internal;

import java.io.IOException;
import okhttp3.Interceptor;
import okhttp3.Response;

/**
 * Request tag recording whether the current attempt got as far as the network. OkHttp runs network
 * interceptors only once a connection exists, so an attempt whose flag is still false failed while
 * connecting: no byte of it reached the server and even a POST is safe to repeat. One tag serves
 * all attempts of a request (they never overlap): {@link Exchange} resets it before each, so the
 * request is built once, not once per attempt.
 */
final class Attempt {
  volatile boolean sent;

  /** The network interceptor that sets {@link #sent}. */
  static final Interceptor MARK_SENT =
      new Interceptor() {
        @Override
        public Response intercept(Chain chain) throws IOException {
          Attempt attempt = chain.request().tag(Attempt.class);
          if (attempt != null) {
            attempt.sent = true;
          }
          return chain.proceed(chain.request());
        }
      };
}
