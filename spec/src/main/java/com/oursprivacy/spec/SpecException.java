package com.oursprivacy.spec;

/**
 * A spec could not be read, parsed or normalized. The message is one line meant for a person
 * reading build output: it says what failed and what to set.
 */
public final class SpecException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates an exception with a one-line, user-facing message. */
  public SpecException(String message) {
    super(message);
  }

  /** Creates an exception with a one-line, user-facing message and its cause. */
  public SpecException(String message, Throwable cause) {
    super(message, cause);
  }
}
