package com.oursprivacy.micrometer;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names an SDK call's observation and its tags. Implement it (or extend {@link
 * DefaultOursCallObservationConvention}) to change them, and pass it to {@link
 * OursObservability.Builder#convention}.
 */
public interface OursCallObservationConvention extends ObservationConvention<OursCallContext> {
  @Override
  default boolean supportsContext(Observation.Context context) {
    return context instanceof OursCallContext;
  }
}
