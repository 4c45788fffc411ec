package com.oursprivacy.internal;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.oursprivacy.errors.OursInvalidResponseException;
import com.oursprivacy.errors.OursIoException;
import java.io.IOException;
import java.io.InterruptedIOException;
import okhttp3.HttpUrl;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * Exchanges the client's key for a token ({@code POST <base>/<path>} with {@code Authorization:
 * Bearer <key>}, answer {@code {"token": "…"}}, also inside a {@code data} envelope or named {@code
 * accessToken} / {@code access_token}) and sends the token on every call; after a 401 it exchanges
 * once more, unless another call already did since. One exchange at a time; calls that need a token
 * while one runs wait for it. The key and the tokens are masked in logs and messages.
 */
final class TokenExchanger extends BearerSource {
  /** An exchange answer is a few hundred bytes; anything near this is not one. */
  private static final long MAX_ANSWER_BYTES = 64 * 1024;

  private static final String[] TOKEN_FIELDS = {"token", "accessToken", "access_token"};

  private final ClientCore core;
  private final BearerSource key;
  private final HttpUrl url;
  private final String path;
  private volatile String token;

  TokenExchanger(ClientCore core, BearerSource key, HttpUrl url, String path) {
    this.core = core;
    this.key = key;
    this.url = url;
    this.path = path;
  }

  @Override
  String current() {
    String t = token;
    if (t != null) {
      return t;
    }
    synchronized (this) {
      if (token == null) {
        token = exchange();
      }
      return token;
    }
  }

  @Override
  synchronized boolean refreshAfterUnauthorized(String used) {
    if (token != null && !token.equals(used)) {
      return true; // another call refreshed it since this one was sent
    }
    token = null;
    token = exchange();
    return !token.equals(used);
  }

  @Override
  boolean changes() {
    return true;
  }

  private String exchange() {
    String secret = key.current();
    core.remember(secret);
    Request request =
        new Request.Builder()
            .url(url)
            .header("Authorization", "Bearer " + secret)
            .header("User-Agent", core.userAgent())
            .post(okhttp3.RequestBody.create(new byte[] {'{', '}'}, ClientCore.JSON))
            .build();
    core.log().request(request, 1, 1);
    long start = System.nanoTime();
    okhttp3.Call call = core.httpClient().newCall(request);
    try (Response r = call.execute()) {
      ResponseBody rb = r.body();
      if (rb != null && BoundedBody.declaredTooLarge(rb, MAX_ANSWER_BYTES)) {
        call.cancel();
        throw invalid(r.code(), "answer is larger than " + MAX_ANSWER_BYTES + " bytes");
      }
      String body = rb == null ? "" : new BoundedBody(rb, MAX_ANSWER_BYTES).readUtf8();
      core.log().response(request, r, null, start, 1, 1);
      if (!r.isSuccessful()) {
        throw core.parser().error(r.code(), body, r.headers().toMultimap());
      }
      String t = tokenOf(body);
      if (t == null) {
        throw invalid(r.code(), "answer has no token (expected {\"token\": \"…\"})");
      }
      String checked = check("tokenExchange (token in the answer)", t);
      core.remember(checked);
      return checked;
    } catch (BoundedBody.TooLargeException e) {
      call.cancel();
      throw invalid(200, "answer is larger than " + MAX_ANSWER_BYTES + " bytes");
    } catch (InterruptedIOException e) {
      throw new com.oursprivacy.errors.OursTimeoutException(describe() + " timed out", e);
    } catch (IOException e) {
      core.log().failure(request, e, start, 1, 1);
      throw new OursIoException(describe() + " failed: " + e.getClass().getSimpleName(), e);
    }
  }

  private String tokenOf(String body) {
    JsonElement e;
    try {
      e = ResponseParser.unwrap(core.parser().parseStrict(body));
    } catch (IOException | RuntimeException notJson) {
      return null;
    }
    if (!e.isJsonObject()) {
      return null;
    }
    JsonObject o = e.getAsJsonObject();
    for (String name : TOKEN_FIELDS) {
      JsonElement v = o.get(name);
      if (v != null && v.isJsonPrimitive() && v.getAsJsonPrimitive().isString()) {
        return v.getAsString();
      }
    }
    return null;
  }

  private OursInvalidResponseException invalid(int status, String what) {
    return new OursInvalidResponseException(status, describe() + ": the " + what, null);
  }

  private String describe() {
    return "token exchange POST /" + path;
  }

  @Override
  public String toString() {
    return "TokenExchanger{path=" + path + ", token=[redacted]}";
  }
}
