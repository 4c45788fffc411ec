package com.oursprivacy.it;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A test that sends a spec violation on purpose (e.g. an enum value newer than the spec). The
 * violation whose report contains {@link #value()} must occur; every other one still fails.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@interface KnownSpecViolation {
  /** A fragment of the validator's report that identifies the expected violation. */
  String value();

  /** Why the test sends it. */
  String reason();
}
