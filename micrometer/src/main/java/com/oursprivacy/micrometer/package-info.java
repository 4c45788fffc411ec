/**
 * Micrometer and OpenTelemetry for the Ours Privacy SDK: {@link
 * com.oursprivacy.micrometer.OursObservability}, a {@link com.oursprivacy.core.CallListener} that
 * makes one Micrometer {@code Observation} per platform or ingest call (a timer, and a span through
 * a tracing bridge such as OpenTelemetry's) and counts retries and tracker batches, and {@link
 * com.oursprivacy.micrometer.OursTrackerMetrics}, a {@code MeterBinder} for a tracker's counters.
 * Names and tags: {@code docs/observability.md}.
 */
@NullMarked
package com.oursprivacy.micrometer;

import org.jspecify.annotations.NullMarked;
