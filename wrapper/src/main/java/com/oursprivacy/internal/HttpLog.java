package com.oursprivacy.internal;

import com.oursprivacy.core.LogLevel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import okhttp3.Headers;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.Buffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client's log lines, through SLF4J logger {@code com.oursprivacy.http}. The {@link LogLevel}
 * chooses what is emitted (bodies carry personal data, so they are opt-in); the SLF4J backend
 * decides what is shown. Attempt and retry lines go out at SLF4J INFO, headers and bodies at DEBUG,
 * warnings at WARN whatever the level. Every line passes the {@link Redactor}.
 */
final class HttpLog {
  static final int MAX_BODY_CHARS = 64 * 1024;

  private final LogLevel level;
  private final Redactor redactor;

  HttpLog(LogLevel level, Redactor redactor) {
    this.level = level;
    this.redactor = redactor;
  }

  boolean info() {
    return level != LogLevel.OFF && logger().isInfoEnabled();
  }

  boolean debug() {
    return level == LogLevel.DEBUG && logger().isDebugEnabled();
  }

  void request(Request request, int attempt, int maxAttempts) {
    if (!debug()) {
      return;
    }
    StringBuilder sb =
        new StringBuilder("--> ")
            .append(request.method())
            .append(' ')
            .append(redactor.text(Redactor.withoutUserinfo(request.url().toString())))
            .append(" (attempt ")
            .append(attempt)
            .append(" of ")
            .append(maxAttempts)
            .append(')');
    headers(sb, request.headers());
    RequestBody body = request.body();
    if (body != null) {
      sb.append("\n\n").append(redactor.text(bodyText(body)));
    }
    logger().debug(sb.toString());
  }

  void response(
      Request request,
      Response response,
      String body,
      long startNanos,
      int attempt,
      int maxAttempts) {
    if (!info()) {
      return;
    }
    String line =
        exchangeLine(request, String.valueOf(response.code()), startNanos, attempt, maxAttempts);
    logger().info(line);
    if (debug()) {
      StringBuilder sb = new StringBuilder(line).append(" headers and body:");
      headers(sb, response.headers());
      if (body != null && !body.isEmpty()) {
        sb.append("\n\n").append(redactor.text(truncate(body)));
      }
      logger().debug(sb.toString());
    }
  }

  void failure(Request request, IOException e, long startNanos, int attempt, int maxAttempts) {
    if (!info()) {
      return;
    }
    logger()
        .info(
            exchangeLine(
                request,
                "failed: "
                    + e.getClass().getSimpleName()
                    + ": "
                    + redactor.text(String.valueOf(e.getMessage())),
                startNanos,
                attempt,
                maxAttempts));
  }

  /** {@code <-- METHOD /path OUTCOME (N ms, attempt A of M)}. */
  private static String exchangeLine(
      Request request, String outcome, long startNanos, int attempt, int maxAttempts) {
    return "<-- "
        + request.method()
        + ' '
        + request.url().encodedPath()
        + ' '
        + outcome
        + " ("
        + millis(startNanos)
        + " ms, attempt "
        + attempt
        + " of "
        + maxAttempts
        + ')';
  }

  void retry(Request request, String reason, Duration delay, int retry, int maxRetries) {
    if (!info()) {
      return;
    }
    logger()
        .info(
            "retrying "
                + request.method()
                + ' '
                + request.url().encodedPath()
                + " after "
                + reason
                + " in "
                + delay.toMillis()
                + " ms (retry "
                + retry
                + " of "
                + maxRetries
                + ')');
  }

  void warn(String message) {
    logger().warn(redactor.text(message));
  }

  private void headers(StringBuilder sb, Headers headers) {
    for (int i = 0; i < headers.size(); i++) {
      sb.append('\n')
          .append(headers.name(i))
          .append(": ")
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

  private static Logger logger() {
    return LoggerHolder.LOGGER;
  }

  /**
   * Made on first use: with {@link LogLevel#OFF} (the default) nothing reaches SLF4J, and a client
   * that never logs does not pay for SLF4J's start (provider lookup, about 20 classes) before its
   * first call.
   */
  private static final class LoggerHolder {
    static final Logger LOGGER = LoggerFactory.getLogger("com.oursprivacy.http");
  }
}
