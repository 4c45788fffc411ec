package com.oursprivacy.internal;

import com.oursprivacy.core.LogLevel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import okhttp3.Headers;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.Buffer;

/**
 * The client's log lines, through {@code java.util.logging} logger {@code com.oursprivacy}.
 * Everything is logged at JUL {@code INFO}: the user opted in by choosing a {@link LogLevel}, so
 * the lines should show with a default JUL configuration. Every line passes the {@link Redactor}.
 */
final class HttpLog {
  static final Logger LOGGER = Logger.getLogger("com.oursprivacy");
  static final int MAX_BODY_CHARS = 64 * 1024;

  private final LogLevel level;
  private final Redactor redactor;

  HttpLog(LogLevel level, Redactor redactor) {
    this.level = level;
    this.redactor = redactor;
  }

  boolean info() {
    return level != LogLevel.OFF;
  }

  boolean debug() {
    return level == LogLevel.DEBUG;
  }

  void request(Request request, int attempt, int maxAttempts) {
    if (!debug()) {
      return;
    }
    StringBuilder sb = new StringBuilder("--> ").append(request.method()).append(' ')
        .append(redactor.text(Redactor.withoutUserinfo(request.url().toString())))
        .append(" (attempt ").append(attempt).append(" of ").append(maxAttempts).append(')');
    headers(sb, request.headers());
    RequestBody body = request.body();
    if (body != null) {
      sb.append("\n\n").append(redactor.text(bodyText(body)));
    }
    emit(sb.toString());
  }

  void response(Request request, Response response, String body, long startNanos, int attempt, int maxAttempts) {
    if (!info()) {
      return;
    }
    StringBuilder sb = new StringBuilder("<-- ")
        .append(request.method()).append(' ').append(request.url().encodedPath())
        .append(' ').append(response.code())
        .append(" (").append(millis(startNanos)).append(" ms, attempt ").append(attempt)
        .append(" of ").append(maxAttempts).append(')');
    if (debug()) {
      headers(sb, response.headers());
      if (body != null && !body.isEmpty()) {
        sb.append("\n\n").append(redactor.text(truncate(body)));
      }
    }
    emit(sb.toString());
  }

  void failure(Request request, IOException e, long startNanos, int attempt, int maxAttempts) {
    if (!info()) {
      return;
    }
    emit("<-- " + request.method() + ' ' + request.url().encodedPath() + " failed: "
        + e.getClass().getSimpleName() + ": " + redactor.text(String.valueOf(e.getMessage()))
        + " (" + millis(startNanos) + " ms, attempt " + attempt + " of " + maxAttempts + ')');
  }

  void retry(Request request, String reason, Duration delay, int retry, int maxRetries) {
    if (!info()) {
      return;
    }
    emit("retrying " + request.method() + ' ' + request.url().encodedPath() + " after " + reason
        + " in " + delay.toMillis() + " ms (retry " + retry + " of " + maxRetries + ')');
  }

  void warn(String message) {
    LOGGER.log(Level.WARNING, redactor.text(message));
  }

  private void headers(StringBuilder sb, Headers headers) {
    for (int i = 0; i < headers.size(); i++) {
      sb.append('\n').append(headers.name(i)).append(": ")
          .append(redactor.header(headers.name(i), headers.value(i)));
    }
  }

  private static String bodyText(RequestBody body) {
    try {
      Buffer buffer = new Buffer();
      body.writeTo(buffer);
      return truncate(buffer.readString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      return "(body not readable: " + e.getClass().getSimpleName() + ")";
    }
  }

  private static String truncate(String s) {
    return s.length() <= MAX_BODY_CHARS ? s : s.substring(0, MAX_BODY_CHARS) + "… (truncated)";
  }

  private static long millis(long startNanos) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
  }

  private static void emit(String line) {
    LOGGER.log(Level.INFO, line);
  }
}
