package com.oursprivacy.benchmarks;

import com.openai.client.OpenAIClient;
import com.openai.models.files.FileListParams;
import com.openai.models.files.FileObject;
import com.oursprivacy.OursPrivacy;
import com.oursprivacy.benchmarks.server.LoopbackServer;
import com.oursprivacy.benchmarks.server.Routes;
import com.oursprivacy.models.Destination;
import com.oursprivacy.models.DestinationCreateBody;
import com.oursprivacy.resources.DestinationCreateParams;
import com.oursprivacy.resources.DestinationListParams;
import com.oursprivacy.resources.DestinationUpdateParams;
import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The per-call comparisons, steerable on a shared machine: in one JVM, against one loopback server,
 * each pair runs a batch of calls through contestant A and a batch through B (A B, then B A, …; see
 * {@link PairedRuns}), so that load from other processes hits both alike, and each pair gives one
 * ratio. Per batch: wall time per call, CPU time of the calling thread per call ({@code
 * ThreadMXBean}: OkHttp's blocking calls run on the caller, the server's threads are not counted)
 * and bytes allocated by the calling thread per call. Every item of a list is touched.
 */
final class PairedCalls {
  /** The SDK id every single-object call uses. */
  private static final String ID = "dst_000001";

  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  /** The paired runs of each comparison, by name ({@code get}, {@code list}, … {@code openai}). */
  final Map<String, PairedRuns> runs = new LinkedHashMap<>();

  private PairedCalls() {}

  /** Runs every comparison of {@code plan}. */
  static PairedCalls run(Plan plan) throws Exception {
    PairedCalls out = new PairedCalls();
    try (LoopbackServer server = LoopbackServer.start(new Routes(1));
        OursPrivacy wrapper = Clients.wrapper(server.baseUrl())) {
      String base = server.baseUrl();
      RawClient raw = Clients.raw(base);
      OpenAIClient openAi = Clients.openAi(base);
      try {
        DestinationCreateParams createParams = Clients.createParams();
        DestinationCreateBody createBody = Clients.createBody();
        DestinationListParams listParams = DestinationListParams.builder().limit(100L).build();
        DestinationUpdateParams update = DestinationUpdateParams.builder().name("Renamed").build();
        FileListParams openAiList = FileListParams.builder().limit(100).build();
        One wrapperList = () -> touch(wrapper.destinations().list(listParams).firstPage().items());
        out.compare(
            plan,
            "get",
            () -> wrapper.destinations().get(ID).getId().length(),
            () -> raw.get(ID).getId().length(),
            plan.singleCalls);
        out.compare(
            plan, "list", wrapperList, () -> touch(raw.list().getEntities()), plan.listCalls);
        out.compare(
            plan,
            "create",
            () -> wrapper.destinations().create(createParams).getId().length(),
            () -> raw.create(createBody).getId().length(),
            plan.singleCalls);
        out.compare(
            plan,
            "update",
            () -> wrapper.destinations().update(ID, update).getId().length(),
            () -> raw.rename(ID).getId().length(),
            plan.singleCalls);
        out.compare(
            plan,
            "openai",
            wrapperList,
            () -> {
              long sink = 0;
              for (FileObject f : openAi.files().list(openAiList).data()) {
                sink += f.id().length();
              }
              return sink;
            },
            plan.listCalls);
      } finally {
        openAi.close();
      }
    }
    return out;
  }

  /** One call of one contestant; returns something derived from the data read. */
  private interface One {
    long call() throws Exception;
  }

  private static long loop(int n, One one) throws Exception {
    long sink = 0;
    for (int i = 0; i < n; i++) {
      sink += one.call();
    }
    return sink;
  }

  private static long touch(List<Destination> items) {
    long sink = 0;
    for (Destination d : items) {
      sink += d.getId().length();
    }
    return sink;
  }

  private void compare(Plan plan, String name, One a, One b, int calls) throws Exception {
    // Warm both up (JIT, connection pools) before the first measured pair.
    loop(calls * plan.warmupBatches, a);
    loop(calls * plan.warmupBatches, b);
    runs.put(
        name,
        PairedRuns.run(plan.callPairs, () -> measure(a, calls), () -> measure(b, calls), name));
  }

  /** One batch: wall µs, calling-thread CPU µs and allocated bytes, each per call. */
  private static Map<String, Double> measure(One call, int n) throws Exception {
    long thread = Thread.currentThread().getId();
    long bytes0 = THREADS.getThreadAllocatedBytes(thread);
    long cpu0 = THREADS.getCurrentThreadCpuTime();
    long t0 = System.nanoTime();
    long sink = loop(n, call);
    long wall = System.nanoTime() - t0;
    long cpu = THREADS.getCurrentThreadCpuTime() - cpu0;
    long bytes = THREADS.getThreadAllocatedBytes(thread) - bytes0;
    if (sink == 0) {
      throw new IllegalStateException("no data read");
    }
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("wallUs", wall / 1e3 / n);
    m.put("cpuUs", cpu / 1e3 / n);
    m.put("bytes", (double) bytes / n);
    return m;
  }
}
