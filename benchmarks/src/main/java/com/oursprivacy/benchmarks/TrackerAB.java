package com.oursprivacy.benchmarks;

import com.oursprivacy.benchmarks.server.LoopbackServer;
import com.oursprivacy.benchmarks.server.Routes;
import com.oursprivacy.core.LogLevel;
import com.oursprivacy.ingest.Event;
import com.oursprivacy.ingest.OursIngest;
import com.oursprivacy.ingest.Tracker;
import com.oursprivacy.ingest.TrackerConfig;
import com.oursprivacy.micrometer.OursObservability;
import com.oursprivacy.micrometer.OursTrackerMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Issue 26: the tracker with the Micrometer module on ÷ off in one JVM: {@code TrackerAB ROUNDS
 * EVENTS}. Where {@code TrackerBench --micrometer} compares fresh JVMs, each compiling its own
 * code, here both trackers (one from a client with the module's listener and tracker meters, one
 * from a client without) run the same compiled code, alternating A B, B A, … with EVENTS events per
 * turn after three warm-up turns each; so a difference left here is work the module adds, not the
 * JIT's. Prints the median ratio, on ÷ off, of events/s and of the client threads' CPU per event. A
 * third argument changes what "on" has: {@code module} (the default), {@code noop} (a listener that
 * does nothing) or {@code plain} (nothing: an A/A control of the method itself).
 */
public final class TrackerAB {
  private TrackerAB() {}

  /** Entry point; see the class comment. */
  public static void main(String[] args) throws Exception {
    int rounds = Integer.parseInt(args[0]);
    int events = Integer.parseInt(args[1]);
    String variant = args.length > 2 ? args[2] : "module";
    Routes routes = new Routes(1);
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    try (LoopbackServer server = LoopbackServer.start(routes);
        OursIngest plain = client(server, null);
        OursIngest observed =
            client(
                server,
                variant.equals("module")
                    ? OursObservability.of(meters)
                    : variant.equals("noop") ? new com.oursprivacy.core.CallListener() {} : null)) {
      TrackerConfig config =
          TrackerConfig.builder()
              .batchSize(100)
              .flushInterval(Duration.ofSeconds(1))
              .capacity(events)
              .build();
      Tracker on = observed.tracker(config);
      if (variant.equals("module")) {
        new OursTrackerMetrics(on).bindTo(meters);
      }
      Tracker off = plain.tracker(config);
      for (int w = 0; w < 3; w++) {
        turn(on, routes, events);
        turn(off, routes, events);
      }
      double[] speed = new double[rounds];
      double[] cpu = new double[rounds];
      for (int r = 0; r < rounds; r++) {
        double[] a;
        double[] b;
        if (r % 2 == 0) {
          a = turn(on, routes, events);
          b = turn(off, routes, events);
        } else {
          b = turn(off, routes, events);
          a = turn(on, routes, events);
        }
        speed[r] = a[0] / b[0];
        cpu[r] = a[1] / b[1];
      }
      System.out.println(
          "RESULT trackerab.eventsPerSec on/off " + PairedRuns.summary(speed).format("%.3f"));
      System.out.println(
          "RESULT trackerab.cpuNsPerEvent on/off " + PairedRuns.summary(cpu).format("%.3f"));
      System.out.println("RESULT load average after: " + Report.loadAverage());
      on.close(Duration.ofSeconds(10));
      off.close(Duration.ofSeconds(10));
    }
  }

  private static OursIngest client(
      LoopbackServer server, com.oursprivacy.core.@Nullable CallListener listener) {
    OursIngest.Builder b =
        OursIngest.builder()
            .token("bench-token")
            .baseUrl(server.baseUrl() + "/api/v1")
            .logLevel(LogLevel.OFF);
    if (listener != null) {
      b.listener(listener);
    }
    return b.build();
  }

  /** {@code {events/s, client CPU ns per event}} of one turn. */
  private static double[] turn(Tracker tracker, Routes routes, int events)
      throws InterruptedException {
    long target = routes.events() + events;
    ThreadCost before = ThreadCost.snapshot();
    long t0 = System.nanoTime();
    for (int i = 0; i < events; i++) {
      tracker.track(
          Event.named(Routes.EVENT_NAME).userId("u" + (i % 1000)).property("plan", "pro"));
    }
    long deadline = t0 + TimeUnit.SECONDS.toNanos(180);
    while (routes.events() < target) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("sink received too few events");
      }
      Thread.sleep(1);
    }
    long elapsed = System.nanoTime() - t0;
    long[] cost = ThreadCost.snapshot().since(before);
    return new double[] {events * 1e9 / elapsed, (double) cost[0] / events};
  }
}
