package com.oursprivacy.benchmarks;

import java.util.Arrays;
import java.util.Locale;
import java.util.Queue;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Why the tracker's queue is a {@link ConcurrentLinkedQueue} behind an atomic bound: the caller's
 * offer latency (p50/p99, ns) of the JDK's candidates, 2 producers and 1 consumer draining in
 * batches of 100, rounds alternated so machine noise hits all alike: {@code QueueChoice [ROUNDS]}.
 * (JCTools' MpscArrayQueue would be a new runtime dependency for every SDK user; it is not
 * measured.)
 */
public final class QueueChoice {
  private QueueChoice() {}

  private static final int CAPACITY = 10_000;
  private static final int PER_PRODUCER = 400_000;

  /** Entry point. */
  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    String[] names = {
      "ConcurrentLinkedQueue+AtomicInteger", "LinkedBlockingQueue", "ArrayBlockingQueue"
    };
    double[][] p50 = new double[3][rounds];
    double[][] p99 = new double[3][rounds];
    for (int r = 0; r < rounds; r++) {
      for (int k = 0; k < 3; k++) {
        int which = (k + r) % 3;
        long[] lat = run(which);
        Arrays.sort(lat);
        p50[which][r] = lat[lat.length / 2];
        p99[which][r] = lat[(int) (lat.length * 0.99)];
      }
    }
    for (int k = 0; k < 3; k++) {
      System.out.println(
          String.format(
              Locale.ROOT,
              "RESULT queue.%s p50Ns %.0f p99Ns %.0f",
              names[k],
              Suite.median(p50[k]),
              Suite.median(p99[k])));
    }
  }

  private static long[] run(int which) throws InterruptedException {
    Supplier<Queue<Object>> make =
        which == 0
            ? ConcurrentLinkedQueue::new
            : which == 1
                ? () -> new LinkedBlockingQueue<>(CAPACITY)
                : () -> new ArrayBlockingQueue<>(CAPACITY);
    Queue<Object> q = make.get();
    AtomicInteger size = new AtomicInteger();
    long[] lat = new long[2 * PER_PRODUCER];
    AtomicInteger done = new AtomicInteger();
    Thread consumer =
        new Thread(
            () -> {
              while (done.get() < 2 || !q.isEmpty()) {
                int n = 0;
                while (n < 100 && q.poll() != null) {
                  n++;
                  if (which == 0) {
                    size.decrementAndGet();
                  }
                }
                if (n == 0) {
                  Thread.onSpinWait();
                }
              }
            });
    consumer.start();
    Thread[] producers = new Thread[2];
    for (int p = 0; p < 2; p++) {
      int base = p * PER_PRODUCER;
      producers[p] =
          new Thread(
              () -> {
                Object item = new Object();
                for (int i = 0; i < PER_PRODUCER; i++) {
                  long t = System.nanoTime();
                  boolean ok;
                  if (which == 0) {
                    ok = size.incrementAndGet() <= CAPACITY;
                    if (ok) {
                      q.offer(item);
                    } else {
                      size.decrementAndGet();
                    }
                  } else {
                    ok = q.offer(item);
                  }
                  lat[base + i] = System.nanoTime() - t;
                  if (!ok) {
                    Thread.onSpinWait();
                  }
                }
                done.incrementAndGet();
              });
      producers[p].start();
    }
    for (Thread t : producers) {
      t.join();
    }
    consumer.join();
    return lat;
  }
}
