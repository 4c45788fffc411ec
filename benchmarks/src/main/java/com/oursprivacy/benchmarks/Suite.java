package com.oursprivacy.benchmarks;

import com.oursprivacy.benchmarks.server.LoopbackServer;
import com.oursprivacy.benchmarks.server.Routes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs every measurement and writes {@code results.md} and {@code results.png}: {@code Suite
 * [--smoke] [--out DIR]}. Order: JMH per-call benchmarks, tracker throughput (fresh JVMs,
 * alternating clients), the 1M-entity walk under {@code -Xmx64m}, cold starts (fresh JVMs,
 * clients interleaved so that machine noise hits all of them alike).
 */
public final class Suite {
  private Suite() {}

  /** Entry point; see the class comment for the arguments. */
  public static void main(String[] args) throws Exception {
    List<String> a = Arrays.asList(args);
    Plan plan = a.contains("--smoke") ? Plan.smoke() : Plan.full();
    int out = a.indexOf("--out");
    Path dir = Paths.get(out >= 0 ? a.get(out + 1) : "results");
    Files.createDirectories(dir);
    long t0 = System.nanoTime();
    String loadBefore = Report.loadAverage();
    Map<String, Double> r = new TreeMap<>();
    jmh(plan, dir, r);
    tracker(plan, r);
    pagination(plan, r);
    coldStart(plan, r);
    double minutes = (System.nanoTime() - t0) / 6e10;
    Report report = new Report(plan, r, loadBefore, Report.loadAverage(), minutes);
    Files.writeString(dir.resolve("results.md"), report.markdown());
    Chart.write(report.rows(), dir.resolve("results.png"));
    System.out.println(report.markdown());
  }

  private static void jmh(Plan plan, Path dir, Map<String, Double> r) throws Exception {
    log("JMH per-call benchmarks");
    Options opts = new OptionsBuilder()
        .include(ApiCallBenchmark.class.getName())
        .forks(plan.jmhForks)
        .warmupIterations(plan.jmhWarmups)
        .warmupTime(TimeValue.seconds(plan.jmhSeconds))
        .measurementIterations(plan.jmhIterations)
        .measurementTime(TimeValue.seconds(plan.jmhSeconds))
        .jvmArgs("-Xms1g", "-Xmx1g")
        .addProfiler(GCProfiler.class)
        .output(dir.resolveSibling("target").resolve("jmh.txt").toString())
        .build();
    Files.createDirectories(dir.resolveSibling("target"));
    Collection<RunResult> results = new Runner(opts).run();
    for (RunResult rr : results) {
      String name = rr.getParams().getBenchmark();
      name = name.substring(name.lastIndexOf('.') + 1);
      Result<?> primary = rr.getPrimaryResult();
      r.put("jmh." + name + ".us", primary.getScore());
      r.put("jmh." + name + ".usErr", primary.getScoreError());
      Result<?> alloc = rr.getSecondaryResults().get("gc.alloc.rate.norm");
      if (alloc != null) {
        r.put("jmh." + name + ".bytes", alloc.getScore());
      }
    }
  }

  private static void tracker(Plan plan, Map<String, Double> r) throws Exception {
    String[] keys = {"eventsPerSec", "enqueueP50Us", "enqueueP99Us"};
    for (String kind : new String[] {"ours", "segment"}) {
      for (String k : keys) {
        r.put("tracker." + kind + "." + k, 0.0);
      }
    }
    List<Map<String, Double>> runs = new ArrayList<>();
    for (int round = 0; round < plan.trackerRounds; round++) {
      for (String kind : round % 2 == 0 ? new String[] {"ours", "segment"} : new String[] {"segment", "ours"}) {
        log("tracker " + kind + " round " + (round + 1));
        Child.Outcome o = Child.run(List.of("-Xmx512m"), TrackerRun.class, kind,
            String.valueOf(plan.trackerEvents), String.valueOf(plan.batchSize));
        Map<String, Double> m = new TreeMap<>();
        for (String k : keys) {
          m.put("tracker." + kind + "." + k, o.number("tracker." + kind + "." + k));
        }
        runs.add(m);
      }
    }
    for (String key : new ArrayList<>(r.keySet())) {
      if (key.startsWith("tracker.")) {
        r.put(key, median(runs.stream().filter(m -> m.containsKey(key)).mapToDouble(m -> m.get(key)).toArray()));
      }
    }
  }

  private static void pagination(Plan plan, Map<String, Double> r) throws Exception {
    log("pagination of " + plan.pages * 100L + " entities under -Xmx64m");
    try (LoopbackServer server = LoopbackServer.start(new Routes(plan.pages))) {
      Child.Outcome o = Child.run(List.of("-Xmx64m"), PaginationRun.class, server.baseUrl(),
          String.valueOf(plan.pages * 100L));
      for (String k : o.values.keySet()) {
        r.put(k, o.number(k));
      }
    }
  }

  private static void coldStart(Plan plan, Map<String, Double> r) throws Exception {
    String[] kinds = {"wrapper", "raw", "openai"};
    try (LoopbackServer server = LoopbackServer.start(new Routes(1))) {
      double[][] wall = new double[kinds.length][plan.coldRuns];
      double[][] main = new double[kinds.length][plan.coldRuns];
      for (int run = 0; run < plan.coldRuns; run++) {
        log("cold start run " + (run + 1) + " of " + plan.coldRuns);
        for (int j = 0; j < kinds.length; j++) {
          int k = (j + run) % kinds.length; // rotate the order: no client always goes first
          Child.Outcome o = Child.run(List.of(), ColdStart.class, kinds[k], server.baseUrl());
          wall[k][run] = o.wallMs;
          main[k][run] = o.number("cold.mainMs");
        }
      }
      for (int k = 0; k < kinds.length; k++) {
        r.put("cold." + kinds[k] + ".processMs", median(wall[k]));
        r.put("cold." + kinds[k] + ".mainMs", median(main[k]));
      }
    }
  }

  static double median(double[] values) {
    double[] v = values.clone();
    Arrays.sort(v);
    int n = v.length;
    return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
  }

  private static void log(String step) {
    System.err.println("[benchmarks] " + step);
  }
}
