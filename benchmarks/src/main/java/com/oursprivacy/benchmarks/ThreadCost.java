package com.oursprivacy.benchmarks;

import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.Map;

/**
 * CPU time and bytes allocated by the client's threads (every live thread except the loopback
 * server's), from one snapshot to another: figures a loaded machine changes far less than wall
 * time, since they count work done, not waiting for a core. Threads that end between the snapshots
 * are missed (the clients under test keep theirs).
 */
final class ThreadCost {
  private static final com.sun.management.ThreadMXBean MX =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  private final Map<Long, long[]> byThread = new HashMap<>();
  private final Map<Long, String> names = new HashMap<>();

  private ThreadCost() {}

  /** A snapshot of every client thread's CPU nanoseconds and allocated bytes. */
  static ThreadCost snapshot() {
    return snapshot(false);
  }

  /** Like {@link #snapshot()}; with {@code all}, the loopback server's threads too. */
  static ThreadCost snapshot(boolean all) {
    ThreadCost c = new ThreadCost();
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (!all && t.getName().startsWith("loopback-")) {
        continue;
      }
      long id = t.getId();
      c.names.put(id, t.getName().replaceAll("[0-9]+$", ""));
      long cpu = MX.getThreadCpuTime(id);
      long bytes = MX.getThreadAllocatedBytes(id);
      if (cpu >= 0 && bytes >= 0) {
        c.byThread.put(id, new long[] {cpu, bytes});
      }
    }
    return c;
  }

  /** {@code [cpu ns, bytes]} the client threads spent since {@code before}. */
  long[] since(ThreadCost before) {
    long cpu = 0;
    long bytes = 0;
    for (Map.Entry<Long, long[]> e : byThread.entrySet()) {
      long[] b = before.byThread.getOrDefault(e.getKey(), new long[2]);
      cpu += e.getValue()[0] - b[0];
      bytes += e.getValue()[1] - b[1];
    }
    return new long[] {cpu, bytes};
  }

  /**
   * {@code [cpu ns, bytes]} since {@code before} per thread name (trailing digits dropped, so a
   * pool's threads add up): where a run's work went, for {@code TrackerRun}'s detail lines.
   */
  Map<String, long[]> byName(ThreadCost before) {
    Map<String, long[]> out = new java.util.TreeMap<>();
    for (Map.Entry<Long, long[]> e : byThread.entrySet()) {
      long[] b = before.byThread.getOrDefault(e.getKey(), new long[2]);
      long[] sum = out.computeIfAbsent(names.get(e.getKey()), k -> new long[2]);
      sum[0] += e.getValue()[0] - b[0];
      sum[1] += e.getValue()[1] - b[1];
    }
    return out;
  }

  /** Bytes the calling thread has allocated so far. */
  static long callerBytes() {
    return MX.getThreadAllocatedBytes(Thread.currentThread().getId());
  }
}
