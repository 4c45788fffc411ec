package com.oursprivacy.benchmarks;

import com.oursprivacy.OursPrivacy;
import com.oursprivacy.resources.DestinationListParams;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Walks every page of {@code GET /rest/v1/destinations} through the SDK's {@code AutoPager} stream,
 * in a JVM started with {@code -Xmx64m}: {@code PaginationRun BASE_URL EXPECTED}. The server runs
 * in the parent process, so the heap measured is the client's alone. Prints the entity count,
 * entities/s, the sum of the heap pools' peak usage (an upper bound on the high-water mark, garbage
 * included) and the largest heap still in use right after a GC (the live set the walk really
 * retains).
 */
public final class PaginationRun {
  private PaginationRun() {}

  /** Entry point; see the class comment for the arguments. */
  public static void main(String[] args) {
    long expected = Long.parseLong(args[1]);
    List<MemoryPoolMXBean> heap =
        ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == MemoryType.HEAP)
            .collect(Collectors.toList());
    try (OursPrivacy ours = Clients.wrapper(args[0])) {
      DestinationListParams params = DestinationListParams.builder().limit(100L).build();
      heap.forEach(MemoryPoolMXBean::resetPeakUsage);
      long t0 = System.nanoTime();
      long[] acc = new long[2];
      ours.destinations().list(params).stream()
          .forEach(
              d -> {
                acc[0]++;
                acc[1] += d.getId().length();
              });
      long elapsed = System.nanoTime() - t0;
      if (acc[0] != expected) {
        throw new IllegalStateException("walked " + acc[0] + " entities, expected " + expected);
      }
      long peak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
      long afterGc =
          heap.stream()
              .mapToLong(p -> p.getCollectionUsage() == null ? 0 : p.getCollectionUsage().getUsed())
              .sum();
      System.out.println("RESULT pagination.entities " + acc[0]);
      System.out.println("RESULT pagination.entitiesPerSec " + acc[0] * 1e9 / elapsed);
      System.out.println("RESULT pagination.heapPeakMb " + peak / 1048576.0);
      System.out.println("RESULT pagination.liveAfterGcMb " + afterGc / 1048576.0);
      System.out.println(
          "RESULT pagination.maxHeapMb " + Runtime.getRuntime().maxMemory() / 1048576.0);
    }
  }
}
