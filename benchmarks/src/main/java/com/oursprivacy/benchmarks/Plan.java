package com.oursprivacy.benchmarks;

/**
 * How much of each measurement to run. {@link #full()} is the published run (about 10 minutes on 2
 * cores); {@link #smoke()} checks that everything works in under a minute and proves nothing.
 */
final class Plan {
  final boolean smoke;
  final int jmhForks;
  final int jmhWarmups;
  final int jmhIterations;
  final int jmhSeconds;
  final int trackerEvents;
  final int trackerRounds;
  final int batchSize = 100;
  final int pages;
  final int coldRuns;

  /**
   * Pairs (A B / B A) of batches per per-call comparison; the median of their ratios is the figure.
   */
  final int callPairs;

  /** Warm-up batches of each contestant before the first measured pair. */
  final int warmupBatches;

  /** Calls per batch: single objects, and lists of 100. */
  final int singleCalls;

  final int listCalls;

  private Plan(
      boolean smoke,
      int forks,
      int warmups,
      int iterations,
      int seconds,
      int events,
      int rounds,
      int pages,
      int coldRuns,
      int callPairs,
      int warmupBatches,
      int singleCalls,
      int listCalls) {
    this.smoke = smoke;
    this.jmhForks = forks;
    this.jmhWarmups = warmups;
    this.jmhIterations = iterations;
    this.jmhSeconds = seconds;
    this.trackerEvents = events;
    this.trackerRounds = rounds;
    this.pages = pages;
    this.coldRuns = coldRuns;
    this.callPairs = callPairs;
    this.warmupBatches = warmupBatches;
    this.singleCalls = singleCalls;
    this.listCalls = listCalls;
  }

  static Plan full() {
    return new Plan(false, 2, 3, 5, 1, 100_000, 3, 10_000, 11, 9, 3, 1_000, 200);
  }

  static Plan smoke() {
    return new Plan(true, 1, 0, 1, 1, 2_000, 1, 100, 2, 1, 1, 20, 5);
  }

  String describe() {
    return "per-call: "
        + callPairs
        + " pairs (A B, B A, …) of batches of "
        + singleCalls
        + " single-object calls / "
        + listCalls
        + " lists of 100, in one JVM after "
        + warmupBatches
        + " warm-up batches each; pagination "
        + pages * 100L
        + " entities / "
        + pages
        + " pages under -Xmx32m; cold start "
        + coldRuns
        + " rounds of fresh JVMs, order rotated";
  }
}
