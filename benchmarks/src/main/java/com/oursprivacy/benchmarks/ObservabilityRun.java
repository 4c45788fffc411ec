package com.oursprivacy.benchmarks;

import com.oursprivacy.OursPrivacy;
import com.oursprivacy.benchmarks.server.LoopbackServer;
import com.oursprivacy.benchmarks.server.Routes;
import com.oursprivacy.core.LogLevel;
import com.oursprivacy.micrometer.OursObservability;
import com.oursprivacy.models.Destination;
import com.oursprivacy.resources.DestinationListParams;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Issue 26: what the Micrometer module costs per platform call, side by side in one JVM: {@code
 * ObservabilityRun PAIRS CALLS}. Contestant A is a client with {@link OursObservability}, either on
 * a {@link SimpleMeterRegistry} alone ({@code meters}: timers recorded directly) or on an {@link
 * ObservationRegistry} with Micrometer's meter handler ({@code observation}: an Observation per
 * call, as in a Spring Boot application without tracing; {@code observationEmptyHandler}: the same
 * with one handler that does nothing, Micrometer's {@code Observation} without its meters; {@code
 * observationNoLongTaskTimer}: the meter handler without its long task timer, as Spring Boot's
 * {@code management.observations.long-task-timer.enabled=false} configures it), B the same client
 * without a listener; each pair runs a batch of CALLS calls through each (A B, then B A, …) and
 * gives the ratios A ÷ B of the calling thread's CPU time and allocated bytes per call. Prints the
 * median ratio with its spread, for a get and a list of 100.
 */
public final class ObservabilityRun {
  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  private ObservabilityRun() {}

  /** Entry point: {@code ObservabilityRun PAIRS CALLS}. */
  public static void main(String[] args) throws Exception {
    int pairs = Integer.parseInt(args[0]);
    int calls = Integer.parseInt(args[1]);
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    SimpleMeterRegistry observed = new SimpleMeterRegistry();
    ObservationRegistry observations = ObservationRegistry.create();
    observations
        .observationConfig()
        .observationHandler(new DefaultMeterObservationHandler(observed));
    // Observations whose one handler does nothing: Micrometer's Observation without its meters.
    ObservationRegistry bare = ObservationRegistry.create();
    bare.observationConfig()
        .observationHandler(
            new io.micrometer.observation.ObservationHandler<
                io.micrometer.observation.Observation.Context>() {
              @Override
              public boolean supportsContext(io.micrometer.observation.Observation.Context c) {
                return true;
              }
            });
    // Spring Boot's management.observations.long-task-timer.enabled=false: timers, no long task
    // timer.
    ObservationRegistry noLongTask = ObservationRegistry.create();
    noLongTask
        .observationConfig()
        .observationHandler(
            new DefaultMeterObservationHandler(
                new SimpleMeterRegistry(),
                DefaultMeterObservationHandler.IgnoredMeters.LONG_TASK_TIMER));
    try (LoopbackServer server = LoopbackServer.start(new Routes(1));
        OursPrivacy direct = client(server, OursObservability.of(meters));
        OursPrivacy observation =
            client(
                server,
                OursObservability.builder()
                    .observationRegistry(observations)
                    .meterRegistry(observed)
                    .build());
        OursPrivacy empty = client(server, OursObservability.of(bare));
        OursPrivacy noLtt = client(server, OursObservability.of(noLongTask));
        OursPrivacy off = Clients.wrapper(server.baseUrl())) {
      DestinationListParams list = DestinationListParams.builder().limit(100L).build();
      String[] names = {
        "meters", "observation", "observationEmptyHandler", "observationNoLongTaskTimer"
      };
      OursPrivacy[] clients = {direct, observation, empty, noLtt};
      for (int i = 0; i < clients.length; i++) {
        OursPrivacy c = clients[i];
        compare(
            names[i] + ".get",
            pairs,
            calls,
            () -> c.destinations().get("dst_000001").getId().length(),
            () -> off.destinations().get("dst_000001").getId().length());
        compare(names[i] + ".list", pairs, calls / 5, () -> touch(c, list), () -> touch(off, list));
      }
    }
    System.out.println(
        "RESULT observability.timers "
            + meters.find("ours.client.requests").timers().size()
            + " / "
            + observed.find("ours.client.requests").timers().size()
            + " (meters made by the module)");
  }

  private static OursPrivacy client(LoopbackServer server, OursObservability listener) {
    return OursPrivacy.builder()
        .apiKey(Clients.API_KEY)
        .baseUrl(server.baseUrl())
        .logLevel(LogLevel.OFF)
        .listener(listener)
        .build();
  }

  private interface One {
    long call();
  }

  private static long touch(OursPrivacy ours, DestinationListParams list) {
    long sink = 0;
    for (Destination d : ours.destinations().list(list).firstPage().items()) {
      sink += d.getId().length();
    }
    return sink;
  }

  private static void compare(String name, int pairs, int calls, One on, One off) throws Exception {
    measure(on, calls * 10); // warm-up: C2 for both paths
    measure(off, calls * 10);
    PairedRuns runs =
        PairedRuns.run(pairs, () -> measure(on, calls), () -> measure(off, calls), name);
    for (String key : new String[] {"cpuUs", "bytes"}) {
      double[] ratios = runs.ratios(m -> m.get(key), m -> m.get(key));
      System.out.println(
          "RESULT observability."
              + name
              + "."
              + key
              + " on/off "
              + PairedRuns.summary(ratios).format("%.3f")
              + "; on "
              + PairedRuns.summary(PairedRuns.values(runs.a, key)).format("%.1f")
              + ", off "
              + PairedRuns.summary(PairedRuns.values(runs.b, key)).format("%.1f"));
    }
  }

  private static Map<String, Double> measure(One call, int n) {
    long thread = Thread.currentThread().getId();
    long bytes0 = THREADS.getThreadAllocatedBytes(thread);
    long cpu0 = THREADS.getCurrentThreadCpuTime();
    long sink = 0;
    for (int i = 0; i < n; i++) {
      sink += call.call();
    }
    long cpu = THREADS.getCurrentThreadCpuTime() - cpu0;
    long bytes = THREADS.getThreadAllocatedBytes(thread) - bytes0;
    if (sink == 0) {
      throw new IllegalStateException("no data read");
    }
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("cpuUs", cpu / 1e3 / n);
    m.put("bytes", (double) bytes / n);
    return m;
  }
}
