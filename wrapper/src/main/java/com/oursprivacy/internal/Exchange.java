package com.oursprivacy.internal;

import com.oursprivacy.core.RawResponse;
import com.oursprivacy.errors.OursInvalidResponseException;
import com.oursprivacy.errors.OursIoException;
import com.oursprivacy.errors.OursTimeoutException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.jspecify.annotations.Nullable;

/**
 * One logical request and its attempts. Turns each attempt's outcome into a {@link Step}; the sync
 * loop and the async chain in {@link ClientCore} only follow the steps, so both share every
 * decision. Not thread-safe, but attempts never overlap: the next starts after the last ended.
 */
final class Exchange<T> {
  private final ClientCore core;
  private Request request;
  // The core's credential this request carries when a 401 may be answered by resending it with a
  // newer one (a rotated key, a re-exchanged token); null once that chance is used, or never.
  private String refreshableAuthorization;
  private final Type responseType;
  private final int maxRetries;
  private final Duration timeout;
  private int retries;
  private long startNanos;
  // Call listeners' state; null (and nothing allocated) when the client has none.
  final @Nullable Observed observed;

  Exchange(
      ClientCore core,
      Request request,
      Type responseType,
      int maxRetries,
      Duration timeout,
      @Nullable String refreshableAuthorization,
      @Nullable Observed observed) {
    this.core = core;
    this.refreshableAuthorization = refreshableAuthorization;
    this.request = request;
    this.responseType = responseType;
    this.maxRetries = maxRetries;
    this.timeout = timeout;
    this.observed = observed;
  }

  /**
   * A fresh OkHttp call for the next attempt. The request is the same every time; its {@link
   * Attempt} tag is reset so we learn whether this attempt was sent.
   */
  Call newCall() {
    Attempt attempt = request.tag(Attempt.class);
    if (attempt != null) {
      attempt.sent = false;
    }
    Call call = core.httpClient().newCall(request);
    if (timeout != null) {
      call.timeout().timeout(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }
    startNanos = System.nanoTime();
    core.log().request(request, retries + 1, maxRetries + 1);
    if (observed != null) {
      observed.attemptStart(retries + 1);
    }
    return call;
  }

  /**
   * Consumes and closes {@code response}, reading at most the core's {@code maxResponseBytes} of
   * its (decompressed) body. Over the limit, {@code call} is cancelled so that the rest of the body
   * is never read and the connection is not reused.
   */
  Step<T> onResponse(Call call, Response response) {
    if (observed == null) {
      return respond(call, response);
    }
    int attempt = retries + 1;
    Step<T> step = respond(call, response);
    // An error status is a response, not an attempt failure; a body that could not be read is.
    Throwable failure =
        step.failure instanceof com.oursprivacy.errors.OursApiException ? null : step.failure;
    observed.attemptEnd(attempt, response.code(), failure, step.retryDelay);
    return step;
  }

  private Step<T> respond(Call call, Response response) {
    try (Response r = response) {
      int status = r.code();
      ResponseBody rb = r.body();
      long limit = core.maxResponseBytes();
      if (rb != null && BoundedBody.declaredTooLarge(rb, limit)) {
        call.cancel();
        core.log().response(request, r, null, startNanos, retries + 1, maxRetries + 1);
        return Step.fail(tooLarge(status, limit, "declares Content-Length " + rb.contentLength()));
      }
      BoundedBody body = rb == null ? null : new BoundedBody(rb, limit);
      try {
        if (status >= 200 && status <= 299) {
          core.log()
              .response(
                  request,
                  r,
                  body == null || !core.log().debug()
                      ? null
                      : body.peekUtf8(HttpLog.MAX_BODY_CHARS),
                  startNanos,
                  retries + 1,
                  maxRetries + 1);
          T value = body == null ? null : core.parser().parse(status, body, responseType);
          return Step.done(
              new RawResponse<>(
                  status, ResponseHeaders.of(r.headers(), core.redactor()), value, retries));
        }
        String text = body == null ? "" : body.readUtf8();
        core.log().response(request, r, text, startNanos, retries + 1, maxRetries + 1);
        if (status == 401 && refreshableAuthorization != null) {
          Step<T> again = resendWithNewerCredential();
          if (again != null) {
            return again;
          }
        }
        Duration delay =
            core.decider().afterStatus(request.method(), status, r.headers(), retries, maxRetries);
        if (delay != null) {
          return retry(delay, "HTTP " + status);
        }
        return Step.fail(core.parser().error(status, text, r.headers().toMultimap()));
      } catch (OursInvalidResponseException e) {
        return Step.fail(e);
      } catch (IOException e) {
        return bodyFailure(call, status, limit, e);
      }
    }
  }

  /** A read of the body failed: over the limit, stalled (timed out), or cut off. */
  private Step<T> bodyFailure(Call call, int status, long limit, IOException e) {
    if (e instanceof BoundedBody.TooLargeException) {
      call.cancel();
      core.log().failure(request, e, startNanos, retries + 1, maxRetries + 1);
      return Step.fail(tooLarge(status, limit, "went on past it"));
    }
    core.log().failure(request, e, startNanos, retries + 1, maxRetries + 1);
    Duration delay = core.decider().afterFailure(request.method(), true, retries, maxRetries);
    boolean timedOut = e instanceof InterruptedIOException;
    if (delay != null) {
      return retry(
          delay, (timedOut ? "a stalled body (HTTP " : "a truncated body (HTTP ") + status + ")");
    }
    String tries = retries == 0 ? "" : " after " + (retries + 1) + " attempts";
    if (timedOut) {
      return Step.fail(
          new OursTimeoutException(
              describe() + " timed out while reading the HTTP " + status + " body" + tries, e));
    }
    return Step.fail(
        new OursInvalidResponseException(
            status, "HTTP " + status + " body was cut off: " + e.getClass().getSimpleName(), e));
  }

  private OursInvalidResponseException tooLarge(int status, long limit, String how) {
    return new OursInvalidResponseException(
        status,
        "HTTP "
            + status
            + " body of "
            + describe()
            + " is larger than maxResponseBytes ("
            + limit
            + " bytes): it "
            + how
            + "; the connection was closed",
        null);
  }

  Step<T> onFailure(Call call, IOException e) {
    if (observed == null) {
      return fail(call, e);
    }
    int attempt = retries + 1;
    Step<T> step = fail(call, e);
    observed.attemptEnd(attempt, 0, e, step.retryDelay);
    return step;
  }

  private Step<T> fail(Call call, IOException e) {
    core.log().failure(request, e, startNanos, retries + 1, maxRetries + 1);
    boolean timedOut = e instanceof InterruptedIOException;
    if (call.isCanceled() && !timedOut) {
      return Step.fail(new OursIoException(describe() + " was canceled", e));
    }
    Attempt attempt = call.request().tag(Attempt.class);
    boolean sent = attempt == null || attempt.sent;
    Duration delay = core.decider().afterFailure(request.method(), sent, retries, maxRetries);
    if (delay != null) {
      return retry(delay, e.getClass().getSimpleName());
    }
    String tries = retries == 0 ? "" : " after " + (retries + 1) + " attempts";
    if (timedOut) {
      return Step.fail(new OursTimeoutException(describe() + " timed out" + tries, e));
    }
    return Step.fail(
        new OursIoException(
            describe()
                + " failed"
                + tries
                + ": "
                + e.getClass().getSimpleName()
                + ": "
                + e.getMessage(),
            e));
  }

  /**
   * Once per call: when the core has a newer credential than the one a 401 answered, the same
   * request goes out again at once with it (not counted as a retry); else null.
   */
  private Step<T> resendWithNewerCredential() {
    String used = refreshableAuthorization;
    refreshableAuthorization = null;
    String next = core.authorizationAfterUnauthorized(used);
    if (next == null) {
      return null;
    }
    request = request.newBuilder().header("Authorization", next).build();
    core.log()
        .retry(request, "HTTP 401 with a newer credential", Duration.ZERO, retries, maxRetries);
    return Step.retry(Duration.ZERO);
  }

  private Step<T> retry(Duration delay, String reason) {
    retries++;
    core.log().retry(request, reason, delay, retries, maxRetries);
    if (observed != null) {
      observed.retryReason(reason);
    }
    return Step.retry(delay);
  }

  private String describe() {
    return request.method() + " " + request.url().encodedPath();
  }
}
