package com.oursprivacy.benchmarks;

/**
 * How much of each measurement to run. {@link #full()} is the published run (about 10 minutes on
 * 2 cores); {@link #smoke()} checks that everything works in under a minute and proves nothing.
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

  private Plan(boolean smoke, int forks, int warmups, int iterations, int seconds, int events, int rounds,
      int pages, int coldRuns) {
    this.smoke = smoke;
    this.jmhForks = forks;
    this.jmhWarmups = warmups;
    this.jmhIterations = iterations;
    this.jmhSeconds = seconds;
    this.trackerEvents = events;
    this.trackerRounds = rounds;
    this.pages = pages;
    this.coldRuns = coldRuns;
  }

  static Plan full() {
    return new Plan(false, 2, 3, 5, 1, 100_000, 3, 10_000, 11);
  }

  static Plan smoke() {
    return new Plan(true, 1, 0, 1, 1, 2_000, 1, 100, 1);
  }

  String describe() {
    return "JMH " + jmhForks + " fork(s) × (" + jmhWarmups + " warmup + " + jmhIterations + " measured) × "
        + jmhSeconds + " s, -prof gc; tracker " + trackerEvents + " events × " + trackerRounds
        + " round(s), batch " + batchSize + "; pagination " + pages * 100L + " entities / " + pages
        + " pages under -Xmx64m; cold start median of " + coldRuns + " runs per client";
  }
}
