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

  private ThreadCost() {}

  /** A snapshot of every client thread's CPU nanoseconds and allocated bytes. */
  static ThreadCost snapshot() {
    ThreadCost c = new ThreadCost();
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.getName().startsWith("loopback-")) {
        continue;
      }
      long id = t.getId();
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

  /** Bytes the calling thread has allocated so far. */
  static long callerBytes() {
    return MX.getThreadAllocatedBytes(Thread.currentThread().getId());
  }
}
