package com.oursprivacy.internal;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names the operation of a hand-written Retrofit method for {@link
 * com.oursprivacy.core.CallListener}s (e.g. the ingest service's {@code batch}); a method without
 * it is named after itself. <b>Internal, no compatibility guarantee.</b>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface OperationName {
  /**
   * The operation name.
   *
   * @return e.g. {@code batch}
   */
  String value();
}
