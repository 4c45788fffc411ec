package com.oursprivacy.errors;

import org.jspecify.annotations.Nullable;

/**
 * The root of every exception the SDK throws. Unchecked: an SDK call either returns its result or
 * throws one of these, never a Gson, OkHttp or Retrofit exception. Messages never contain API keys
 * or ingest tokens.
 */
public class OursException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception with a message.
   *
   * @param message the detail message
   */
  public OursException(String message) {
    super(message);
  }

  /**
   * Creates an exception with a message and a cause.
   *
   * @param message the detail message
   * @param cause the underlying failure
   */
  public OursException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
