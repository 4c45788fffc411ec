package com.oursprivacy.benchmarks;

import com.oursprivacy.benchmarks.server.LoopbackServer;
import com.oursprivacy.benchmarks.server.Routes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Runs every measurement and writes {@code results.md}, {@code results.png} and the README's
 * Performance table (between its {@code performance:table} markers) from the same data: {@code
 * Suite [--smoke] [--out DIR] [--readme FILE]}. Order: per-call comparisons (paired batches in one
 * JVM, {@link PairedCalls}), the 1M-entity walk under {@code -Xmx32m}, cold starts (fresh JVMs,
 * order rotated, paired per round). The tracker has its own paired run ({@code run.sh --tracker}).
 */
public final class Suite {
  private Suite() {}

  /** Entry point; see the class comment for the arguments. */
  public static void main(String[] args) throws Exception {
    List<String> a = Arrays.asList(args);
    Plan plan = a.contains("--smoke") ? Plan.smoke() : Plan.full();
    int out = a.indexOf("--out");
    Path dir = Paths.get(out >= 0 ? a.get(out + 1) : "results");
    int readme = a.indexOf("--readme");
    Files.createDirectories(dir);
    long t0 = System.nanoTime();
    String loadBefore = Report.loadAverage();
    log("per-call comparisons");
    PairedCalls calls = PairedCalls.run(plan);
    Map<String, Double> r = new TreeMap<>();
    pagination(plan, r);
    PairedRuns cold = coldStart(plan, r);
    double minutes = (System.nanoTime() - t0) / 6e10;
    Report report = new Report(plan, calls, cold, r, loadBefore, Report.loadAverage(), minutes);
    Files.writeString(dir.resolve("results.md"), report.markdown());
    Chart.write(report.rows(), dir.resolve("results.png"));
    if (readme >= 0) {
      Path file = Paths.get(a.get(readme + 1));
      Files.writeString(file, Report.replaceTable(Files.readString(file), report.readmeTable()));
    }
    System.out.println(report.markdown());
  }

  private static void pagination(Plan plan, Map<String, Double> r) throws Exception {
    log("pagination of " + plan.pages * 100L + " entities under -Xmx32m");
    try (LoopbackServer server = LoopbackServer.start(new Routes(plan.pages))) {
      Child.Outcome o =
          Child.run(
              List.of("-Xmx32m"),
              PaginationRun.class,
              server.baseUrl(),
              String.valueOf(plan.pages * 100L));
      for (String k : o.values.keySet()) {
        r.put(k, o.number(k));
      }
    }
  }

  /** Cold starts; the pairs are wrapper (A) and raw (B) of each round, for the paired ratio. */
  private static PairedRuns coldStart(Plan plan, Map<String, Double> r) throws Exception {
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
      return PairedRuns.of(wall[0], wall[1], "processMs");
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
