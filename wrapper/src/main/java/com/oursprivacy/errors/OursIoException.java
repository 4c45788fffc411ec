package com.oursprivacy.errors;

import org.jspecify.annotations.Nullable;

/**
 * The request could not be completed at the network level (connection refused or reset, TLS
 * failure, the connection closed mid-body), after the client's retries were used up.
 */
public class OursIoException extends OursException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception with a message and the underlying I/O cause.
   *
   * @param message the detail message
   * @param cause the underlying failure
   */
  public OursIoException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
