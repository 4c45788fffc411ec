package com.oursprivacy.core;

import java.util.Locale;

/**
 * What the client emits through SLF4J, on top of your backend's configuration. The SDK logs to
 * loggers under {@code com.oursprivacy} ({@code com.oursprivacy.http} for requests); your backend
 * (Logback, Log4j 2, {@code slf4j-simple} …) decides what is shown and where. This level decides
 * what the SDK emits at all: request bodies carry personal data, so they are never emitted unless
 * asked for here, whatever the backend's level.
 *
 * <p>Set with {@code logLevel(..)} on either client's builder, or {@code ours.privacy.log} / {@code
 * OURS_PRIVACY_LOG}. Warnings (e.g. {@code allowInsecureHttp()}) are emitted at WARN at every
 * level.
 */
public enum LogLevel {
  /** No request lines (the default). */
  OFF,
  /**
   * One line per attempt (method, path, status, duration, attempt number) and each retry decision,
   * emitted at SLF4J INFO.
   */
  INFO,
  /**
   * {@link #INFO} plus request and response headers and bodies with secrets redacted, emitted at
   * SLF4J DEBUG: enable DEBUG for {@code com.oursprivacy.http} in the backend too.
   */
  DEBUG;

  /**
   * Parses {@code off}, {@code info} or {@code debug} (any case, surrounding blanks ignored).
   *
   * @param value the value
   * @return the level
   * @throws IllegalArgumentException for any other value, naming the accepted ones
   */
  public static LogLevel parse(String value) {
    String v = value == null ? "" : value.trim().toUpperCase(Locale.ROOT);
    for (LogLevel l : values()) {
      if (l.name().equals(v)) {
        return l;
      }
    }
    throw new IllegalArgumentException(
        "log level must be one of off, info, debug; got a value of length "
            + (value == null ? 0 : value.length()));
  }
}
