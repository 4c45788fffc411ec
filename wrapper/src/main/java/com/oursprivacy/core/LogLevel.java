package com.oursprivacy.core;

import java.util.Locale;

/**
 * How much the client logs through {@code java.util.logging} (logger {@code com.oursprivacy}).
 * Every line is emitted at JUL level {@code INFO} so it shows with a default JUL setup once the
 * user has opted in; the choice of what to log is made here, not by the JUL level.
 */
public enum LogLevel {
  /** Nothing (the default). */
  OFF,
  /** One line per attempt: method, path, status, duration, attempt number; plus retry decisions. */
  INFO,
  /** {@link #INFO} plus request and response headers and bodies, with secrets redacted. */
  DEBUG;

  /**
   * Parses {@code off}, {@code info} or {@code debug} (any case, surrounding blanks ignored).
   *
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
