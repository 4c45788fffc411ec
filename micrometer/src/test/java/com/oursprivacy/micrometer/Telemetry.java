package com.oursprivacy.micrometer;

import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.tracing.handler.DefaultTracingObservationHandler;
import io.micrometer.tracing.handler.PropagatingSenderTracingObservationHandler;
import io.micrometer.tracing.otel.bridge.OtelBaggageManager;
import io.micrometer.tracing.otel.bridge.OtelCurrentTraceContext;
import io.micrometer.tracing.otel.bridge.OtelPropagator;
import io.micrometer.tracing.otel.bridge.OtelTracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.List;

/**
 * What a Spring Boot application with Micrometer and the OpenTelemetry bridge has, in memory: a
 * {@link SimpleMeterRegistry}, a {@link TestObservationRegistry} whose handlers make timers and
 * OpenTelemetry spans (CLIENT spans propagate W3C trace context), and an in-memory span exporter
 * that receives each span as it ends (synchronously: a simple span processor).
 */
final class Telemetry implements AutoCloseable {
  final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  final TestObservationRegistry observations = TestObservationRegistry.create();
  final InMemorySpanExporter spans = InMemorySpanExporter.create();
  private final SdkTracerProvider tracerProvider =
      SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build();
  final OtelTracer tracer;

  Telemetry() {
    OpenTelemetrySdk otel =
        OpenTelemetrySdk.builder()
            .setTracerProvider(tracerProvider)
            .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
            .build();
    io.opentelemetry.api.trace.Tracer otelTracer = otel.getTracer("ours-test");
    OtelCurrentTraceContext current = new OtelCurrentTraceContext();
    tracer =
        new OtelTracer(
            otelTracer,
            current,
            event -> {},
            new OtelBaggageManager(current, List.of(), List.of()));
    OtelPropagator propagator = new OtelPropagator(otel.getPropagators(), otelTracer);
    observations
        .observationConfig()
        .observationHandler(
            new ObservationHandler.FirstMatchingCompositeObservationHandler(
                new PropagatingSenderTracingObservationHandler<>(tracer, propagator),
                new DefaultTracingObservationHandler(tracer)))
        .observationHandler(new DefaultMeterObservationHandler(meters));
  }

  @Override
  public void close() {
    tracerProvider.close();
    meters.close();
  }
}
