package com.oursprivacy.internal;

import java.io.IOException;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Adds {@code Authorization: Bearer …} (when the client has a key) and {@code User-Agent} unless
 * the request already carries them, so per-request headers win.
 */
final class DefaultHeaders implements Interceptor {
  private final String authorization;
  private final String userAgent;

  DefaultHeaders(String bearerToken, String userAgent) {
    this.authorization = bearerToken == null ? null : "Bearer " + bearerToken;
    this.userAgent = userAgent;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    Request.Builder b = request.newBuilder();
    if (authorization != null && request.header("Authorization") == null) {
      b.header("Authorization", authorization);
    }
    if (request.header("User-Agent") == null) {
      b.header("User-Agent", userAgent);
    }
    return chain.proceed(b.build());
  }

  @Override
  public String toString() {
    return "DefaultHeaders{authorization=" + (authorization == null ? "none" : "[redacted]") + '}';
  }
}
