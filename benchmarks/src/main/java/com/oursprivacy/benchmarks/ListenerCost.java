package com.oursprivacy.benchmarks;

import com.oursprivacy.core.BatchSent;
import com.oursprivacy.core.CallEnd;
import com.oursprivacy.core.CallInfo;
import com.oursprivacy.core.CallListener;
import com.oursprivacy.micrometer.OursObservability;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Locale;

/**
 * Where the Micrometer module's per-call cost goes, without HTTP: {@code ListenerCost CALLS}. Feeds
 * the events of CALLS successful calls (start, headers, end) straight to {@link OursObservability}
 * set up four ways, on one thread, and prints the bytes allocated and CPU time per call of the last
 * of three rounds: direct timers ({@code OursObservability.of(meterRegistry)}); an observation
 * registry whose one handler does nothing (the module's and Micrometer's {@code Observation}
 * bookkeeping); with Micrometer's {@code DefaultMeterObservationHandler} instead (what a Spring
 * Boot application without tracing has); and that plus the retry and batch meters. Last, {@code
 * trackerBatch}: what one request of a tracker costs the listener a tracker benchmark uses (direct
 * timers and meters), the ingest call and its {@code BatchSent} of 100 items. Each figure includes
 * the harness's own {@code CallInfo}, {@code CallEnd} (64 bytes) and {@code BatchSent}.
 */
public final class ListenerCost {
  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  private ListenerCost() {}

  /** Entry point: {@code ListenerCost CALLS}. */
  public static void main(String[] args) {
    int calls = Integer.parseInt(args[0]);
    ObservationRegistry empty = ObservationRegistry.create();
    empty
        .observationConfig()
        .observationHandler(
            new ObservationHandler<Observation.Context>() {
              @Override
              public boolean supportsContext(Observation.Context context) {
                return true;
              }
            });
    ObservationRegistry metered = ObservationRegistry.create();
    metered
        .observationConfig()
        .observationHandler(new DefaultMeterObservationHandler(new SimpleMeterRegistry()));
    String[] names = {
      "timers",
      "observationEmptyHandler",
      "observationMeterHandler",
      "observationAll",
      "trackerBatch"
    };
    CallListener[] listeners = {
      OursObservability.of(new SimpleMeterRegistry()),
      OursObservability.of(empty),
      OursObservability.of(metered),
      OursObservability.builder()
          .observationRegistry(metered)
          .meterRegistry(new SimpleMeterRegistry())
          .build(),
      OursObservability.of(new SimpleMeterRegistry())
    };
    Duration took = Duration.ofMillis(3);
    long thread = Thread.currentThread().getId();
    for (int round = 0; round < 3; round++) {
      for (int i = 0; i < listeners.length; i++) {
        CallListener l = listeners[i];
        boolean batch = names[i].equals("trackerBatch");
        long bytes0 = THREADS.getThreadAllocatedBytes(thread);
        long cpu0 = THREADS.getCurrentThreadCpuTime();
        for (int k = 0; k < calls; k++) {
          CallInfo call =
              batch
                  ? new CallInfo(CallInfo.Api.INGEST, "batch", "POST", "/batch", 1)
                  : new CallInfo(
                      CallInfo.Api.PLATFORM,
                      "destinations.get",
                      "GET",
                      "/rest/v1/destinations/{id}",
                      3);
          l.onCallStart(call);
          l.addHeaders(call, (name, value) -> {});
          l.onCallEnd(new CallEnd(call, 200, 1, took, null));
          if (batch) {
            l.onBatchSent(new BatchSent(100, 200, BatchSent.Result.ACCEPTED, took));
          }
        }
        long cpu = THREADS.getCurrentThreadCpuTime() - cpu0;
        long bytes = THREADS.getThreadAllocatedBytes(thread) - bytes0;
        if (round == 2) {
          System.out.printf(
              Locale.ROOT,
              "RESULT listenercost.%s.bytes %.0f%nRESULT listenercost.%s.cpuUs %.2f%n",
              names[i],
              (double) bytes / calls,
              names[i],
              cpu / 1e3 / calls);
        }
      }
    }
  }
}
