package com.oursprivacy.benchmarks;

import com.oursprivacy.benchmarks.server.LoopbackServer;
import com.oursprivacy.benchmarks.server.Routes;
import com.oursprivacy.core.LogLevel;
import com.oursprivacy.ingest.Event;
import com.oursprivacy.ingest.OursIngest;
import com.oursprivacy.ingest.Tracker;
import com.oursprivacy.ingest.TrackerConfig;
import com.segment.analytics.Analytics;
import com.segment.analytics.messages.TrackMessage;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One tracker throughput run in a fresh JVM: {@code TrackerRun
 * ours|ours-spool|ours-micrometer|ours-listener|segment EVENTS BATCH [WARMUP]} ({@code ours-spool}:
 * the crash-safe spool on, fsync every 10 ms; {@code ours-micrometer}: the Micrometer module's
 * listener and tracker meters on a simple registry; {@code ours-listener}: a call listener that
 * does nothing, the core's listener path alone). Starts its own loopback sink, warms the client up
 * with WARMUP events (default: a fifth of EVENTS) and waits until the sink has them all, then
 * enqueues EVENTS events from one thread, timing each enqueue call, and waits until the sink has
 * counted every one. Prints {@code RESULT} lines: events/s (first enqueue to last event received),
 * enqueue p50/p99/max in microseconds, and the load-independent figures: CPU time and bytes
 * allocated per event by all of the client's threads (the loopback sink's excluded), and bytes
 * allocated per enqueue on the caller's thread. Both clients get the same events (name, user id,
 * one property), the same batch size, one sending thread and a queue large enough not to drop.
 */
public final class TrackerRun {
  private TrackerRun() {}

  /** Entry point; see the class comment for the arguments. */
  public static void main(String[] args) throws Exception {
    String kind = args[0];
    int events = Integer.parseInt(args[1]);
    int batch = Integer.parseInt(args[2]);
    int warmup = args.length > 3 ? Integer.parseInt(args[3]) : events / 5;
    Routes routes = new Routes(1);
    try (LoopbackServer server = LoopbackServer.start(routes)) {
      Client client =
          kind.startsWith("ours")
              ? ours(
                  server.baseUrl(),
                  batch,
                  warmup + events,
                  kind.endsWith("spool"),
                  kind.endsWith("micrometer"),
                  kind.endsWith("listener"))
              : segment(server.baseUrl(), batch);
      long[] ignored = new long[warmup];
      send(client, 0, warmup, ignored);
      await(routes, warmup);
      long[] latencies = new long[events];
      ThreadCost before = ThreadCost.snapshot();
      ThreadCost beforeAll = DETAIL ? ThreadCost.snapshot(true) : null;
      long callerBefore = ThreadCost.callerBytes();
      long t0 = System.nanoTime();
      long up0 = java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime();
      send(client, warmup, events, latencies);
      if (DETAIL) {
        System.out.printf(
            "DETAIL %s enqueue phase from %d to %d ms JVM uptime%n",
            kind, up0, java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime());
      }
      long callerBytes = ThreadCost.callerBytes() - callerBefore;
      await(routes, warmup + events);
      long elapsed = System.nanoTime() - t0;
      long[] cost = ThreadCost.snapshot().since(before);
      if (DETAIL) {
        detail(kind, latencies, ThreadCost.snapshot(true).byName(beforeAll), events);
      }
      client.close();
      Arrays.sort(latencies);
      String p = "tracker." + kind + ".";
      System.out.println("RESULT " + p + "eventsPerSec " + (events * 1e9 / elapsed));
      System.out.println("RESULT " + p + "enqueueP50Us " + latencies[events / 2] / 1000.0);
      System.out.println(
          "RESULT " + p + "enqueueP99Us " + latencies[(int) (events * 0.99)] / 1000.0);
      System.out.println("RESULT " + p + "enqueueMaxUs " + latencies[events - 1] / 1000.0);
      System.out.println("RESULT " + p + "accepted " + client.accepted());
      // load-independent: work done per event by the client's threads (caller and senders)
      System.out.println("RESULT " + p + "cpuNsPerEvent " + (double) cost[0] / events);
      System.out.println("RESULT " + p + "allocBytesPerEvent " + (double) cost[1] / events);
      System.out.println(
          "RESULT " + p + "callerAllocBytesPerEvent " + (double) callerBytes / events);
    }
  }

  /** {@code -Dtracker.detail=true}: per-thread work and latency by call index, for profiling. */
  private static final boolean DETAIL = Boolean.getBoolean("tracker.detail");

  private static void detail(String kind, long[] latencies, Map<String, long[]> work, int events) {
    work.forEach(
        (name, w) ->
            System.out.printf(
                java.util.Locale.ROOT,
                "DETAIL %s thread %-24s cpu %8.0f ns/event  alloc %7.0f B/event%n",
                kind,
                name,
                (double) w[0] / events,
                (double) w[1] / events));
    int tenth = events / 10;
    for (int d = 0; d < 10; d++) {
      long[] part = Arrays.copyOfRange(latencies, d * tenth, (d + 1) * tenth);
      long slow = Arrays.stream(part).filter(l -> l > 2_000).count();
      Arrays.sort(part);
      System.out.printf(
          java.util.Locale.ROOT,
          "DETAIL %s calls %7d-%7d p50 %.2f p99 %.2f us, %d over 2 us%n",
          kind,
          d * tenth,
          (d + 1) * tenth,
          part[tenth / 2] / 1000.0,
          part[(int) (tenth * 0.99)] / 1000.0,
          slow);
    }
  }

  private static void send(Client client, int from, int n, long[] latencies) {
    for (int i = 0; i < n; i++) {
      Object event = client.event(from + i);
      long t = System.nanoTime();
      client.enqueue(event);
      latencies[i] = System.nanoTime() - t;
    }
  }

  private static void await(Routes routes, long total) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
    while (routes.events() < total) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("sink received " + routes.events() + " of " + total);
      }
      Thread.sleep(1);
    }
  }

  /** What the run needs from a client: build an event, enqueue it, close. */
  private abstract static class Client {
    private long accepted;

    abstract Object event(int i);

    abstract boolean offer(Object event);

    abstract void close();

    final void enqueue(Object event) {
      if (offer(event)) {
        accepted++;
      }
    }

    final long accepted() {
      return accepted;
    }
  }

  private static Client ours(
      String base, int batch, int capacity, boolean spool, boolean micrometer, boolean noop)
      throws java.io.IOException {
    OursIngest.Builder builder =
        OursIngest.builder().token("bench-token").baseUrl(base + "/api/v1").logLevel(LogLevel.OFF);
    io.micrometer.core.instrument.simple.SimpleMeterRegistry meters =
        new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
    if (micrometer) { // issue 26: ours-micrometer, the Micrometer module on
      builder.listener(com.oursprivacy.micrometer.OursObservability.of(meters));
    }
    if (noop) { // a listener that does nothing: what the core's listener path costs by itself
      builder.listener(new com.oursprivacy.core.CallListener() {});
    }
    OursIngest ingest = builder.build();
    TrackerConfig.Builder config =
        TrackerConfig.builder()
            .batchSize(batch)
            .flushInterval(Duration.ofSeconds(1))
            .capacity(capacity);
    if (spool) {
      java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("ours-spool-bench");
      config.spool(dir).spoolFsync(Duration.ofMillis(10)); // the run's temp dir; the OS cleans /tmp
    }
    Tracker tracker = ingest.tracker(config.build());
    if (micrometer) {
      new com.oursprivacy.micrometer.OursTrackerMetrics(tracker).bindTo(meters);
    }
    return new Client() {
      @Override
      Object event(int i) {
        return Event.named(Routes.EVENT_NAME).userId("u" + (i % 1000)).property("plan", "pro");
      }

      @Override
      boolean offer(Object event) {
        return tracker.track((Event) event);
      }

      @Override
      void close() {
        tracker.close(Duration.ofSeconds(10));
        ingest.close();
      }
    };
  }

  private static Client segment(String base, int batch) {
    Analytics analytics =
        Analytics.builder("bench-write-key")
            .endpoint(base)
            .flushQueueSize(batch)
            .flushInterval(1, TimeUnit.SECONDS)
            .build();
    return new Client() {
      @Override
      Object event(int i) {
        return TrackMessage.builder(Routes.EVENT_NAME)
            .userId("u" + (i % 1000))
            .properties(Map.of("plan", "pro"));
      }

      @Override
      boolean offer(Object event) {
        analytics.enqueue((TrackMessage.Builder) event);
        return true; // enqueue() never refuses: Segment's queue is unbounded by default
      }

      @Override
      void close() {
        analytics.flush();
        analytics.shutdown();
      }
    };
  }
}
