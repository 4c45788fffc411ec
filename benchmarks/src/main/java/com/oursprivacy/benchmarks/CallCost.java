package com.oursprivacy.benchmarks;

import com.oursprivacy.OursPrivacy;
import com.oursprivacy.benchmarks.server.LoopbackServer;
import com.oursprivacy.benchmarks.server.Routes;
import com.oursprivacy.core.LogLevel;
import com.oursprivacy.models.Destination;
import com.oursprivacy.resources.DestinationCreateParams;
import com.oursprivacy.resources.DestinationListParams;
import com.oursprivacy.resources.DestinationUpdateParams;
import java.lang.management.ManagementFactory;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Per-call cost of the SDK's platform calls with no call listener, in a fresh JVM, using only API
 * that existed before issue 26 (so the same file runs against an older build): {@code CallCost
 * ROUNDS CALLS}. After warming up, each round makes CALLS calls of each kind (get, list of 100,
 * create, update) and prints the calling thread's bytes allocated and CPU time per call ({@code
 * RESULT callcost.KIND.bytes / .cpuUs}); the minimum over the rounds is printed last ({@code
 * .minBytes}). Allocation is load-independent; CPU time is not.
 */
public final class CallCost {
  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  private CallCost() {}

  /** Entry point: {@code CallCost ROUNDS CALLS}. */
  public static void main(String[] args) throws Exception {
    int rounds = Integer.parseInt(args[0]);
    int calls = Integer.parseInt(args[1]);
    try (LoopbackServer server = LoopbackServer.start(new Routes(1));
        OursPrivacy ours =
            OursPrivacy.builder()
                .apiKey(Clients.API_KEY)
                .baseUrl(server.baseUrl())
                .logLevel(LogLevel.OFF)
                .build()) {
      DestinationCreateParams create = Clients.createParams();
      DestinationListParams list = DestinationListParams.builder().limit(100L).build();
      DestinationUpdateParams update = DestinationUpdateParams.builder().name("Renamed").build();
      String[] kinds = {"get", "list", "create", "update"};
      LongSupplier[] ops = {
        () -> ours.destinations().get("dst_000001").getId().length(),
        () -> {
          long sink = 0;
          for (Destination d : ours.destinations().list(list).firstPage().items()) {
            sink += d.getId().length();
          }
          return sink;
        },
        () -> ours.destinations().create(create).getId().length(),
        () -> ours.destinations().update("dst_000001", update).getId().length()
      };
      for (LongSupplier op : ops) {
        loop(op, calls * 3); // warm-up: JIT and the connection pool
      }
      double[] minBytes = new double[ops.length];
      java.util.Arrays.fill(minBytes, Double.MAX_VALUE);
      for (int r = 0; r < rounds; r++) {
        for (int k = 0; k < ops.length; k++) {
          long thread = Thread.currentThread().getId();
          long bytes0 = THREADS.getThreadAllocatedBytes(thread);
          long cpu0 = THREADS.getCurrentThreadCpuTime();
          long sink = loop(ops[k], calls);
          long cpu = THREADS.getCurrentThreadCpuTime() - cpu0;
          long bytes = THREADS.getThreadAllocatedBytes(thread) - bytes0;
          if (sink == 0) {
            throw new IllegalStateException("no data read");
          }
          double b = (double) bytes / calls;
          minBytes[k] = Math.min(minBytes[k], b);
          System.out.printf(
              Locale.ROOT,
              "RESULT callcost.%s.bytes %.1f%nRESULT callcost.%s.cpuUs %.2f%n",
              kinds[k],
              b,
              kinds[k],
              cpu / 1e3 / calls);
        }
      }
      for (int k = 0; k < ops.length; k++) {
        System.out.printf(Locale.ROOT, "RESULT callcost.%s.minBytes %.1f%n", kinds[k], minBytes[k]);
      }
    }
  }

  private static long loop(LongSupplier op, int n) {
    long sink = 0;
    for (int i = 0; i < n; i++) {
      sink += op.getAsLong();
    }
    return sink;
  }
}
