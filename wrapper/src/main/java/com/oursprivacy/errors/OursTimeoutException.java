package com.oursprivacy.errors;

import org.jspecify.annotations.Nullable;

/**
 * A connect, read or whole-call timeout expired (after the client's retries were used up). The
 * server may or may not have acted on the request.
 */
public final class OursTimeoutException extends OursException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception with a message and the underlying cause.
   *
   * @param message the detail message
   * @param cause the underlying failure
   */
  public OursTimeoutException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
