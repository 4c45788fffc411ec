package com.oursprivacy.errors;

import org.jspecify.annotations.Nullable;

/**
 * The server answered, but the body was not what the API describes: malformed or truncated JSON, an
 * HTML page, a wrong type, a missing required field. The server may have acted on the request.
 */
public final class OursInvalidResponseException extends OursException {
  private static final long serialVersionUID = 1L;

  /**
   * @serial the HTTP status the unusable body came with
   */
  private final int statusCode;

  /**
   * @param statusCode the HTTP status the body came with
   * @param message what was wrong, without the body's content
   * @param cause the parse failure, or null
   */
  public OursInvalidResponseException(int statusCode, String message, @Nullable Throwable cause) {
    super(message, cause);
    this.statusCode = statusCode;
  }

  /** {@return the HTTP status the unusable body came with} */
  public int statusCode() {
    return statusCode;
  }
}
