package com.oursprivacy.spring;

import com.oursprivacy.errors.OursValidationException;
import java.util.function.Supplier;

/**
 * A setting the starter or the SDK refused while creating a bean; {@link
 * OursPrivacyFailureAnalyzer} turns it into startup advice naming the property. Never carries a
 * secret: the SDK's messages name fields and positions, not values.
 */
final class ConfigProblem extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  private final String property;
  private final String action;

  ConfigProblem(String property, String description, String action) {
    super(description);
    this.property = property;
    this.action = action;
  }

  ConfigProblem(String property, String description, String action, Throwable cause) {
    super(description, cause);
    this.property = property;
    this.action = action;
  }

  /** The property to look at, e.g. {@code ours.privacy.ingest.test-token}. */
  String property() {
    return property;
  }

  /** What to do, one or two sentences. */
  String action() {
    return action;
  }

  /** Runs the SDK's {@code build()}; what it refuses becomes a {@link ConfigProblem}. */
  static <T> T build(Supplier<T> build, String what, String properties) {
    try {
      return build.get();
    } catch (IllegalArgumentException | IllegalStateException | OursValidationException e) {
      throw refused(e, what, properties);
    }
  }

  /**
   * The SDK refused {@code what}; its message names the field and the position, never the value
   * (OursValidationException: a bad character in a key or token).
   */
  static ConfigProblem refused(RuntimeException e, String what, String properties) {
    return new ConfigProblem(
        properties,
        "the SDK refused the configuration of " + what + ": " + e.getMessage(),
        "Check " + properties + ".",
        e);
  }
}
