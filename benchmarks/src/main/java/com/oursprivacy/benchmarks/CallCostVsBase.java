package com.oursprivacy.benchmarks;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Issue 26's "no listener, no allocation added": {@link CallCost} in fresh JVMs, alternating this
 * build with an older one (A B, B A, …): {@code CallCostVsBase BASE_CLASSPATH PAIRS ROUNDS CALLS
 * [NOW_CLASSPATH]} (NOW_CLASSPATH, default this JVM's: a third build to compare instead of this
 * one). BASE_CLASSPATH is the older build's benchmark classes and dependencies (e.g. a worktree of
 * commit 68548ea, the SDK before issue 26, built with {@code -Pbenchmarks}); {@code CallCost} uses
 * only API both have. Prints, per call kind, the median ratio now ÷ base of the bytes allocated per
 * call (each run's minimum over its rounds) and of the CPU time per call (each run's last round),
 * with their spreads.
 */
public final class CallCostVsBase {
  private static final String[] KINDS = {"get", "list", "create", "update"};

  private CallCostVsBase() {}

  /** Entry point; see the class comment. */
  public static void main(String[] args) throws Exception {
    String base = args[0];
    int pairs = Integer.parseInt(args[1]);
    String rounds = args[2];
    String calls = args[3];
    String now = args.length > 4 ? args[4] : System.getProperty("java.class.path");
    String loadBefore = Report.loadAverage();
    PairedRuns runs =
        PairedRuns.run(
            pairs,
            () -> numbers(Child.run(List.of("-Xmx256m"), now, CallCost.class, rounds, calls)),
            () -> numbers(Child.run(List.of("-Xmx256m"), base, CallCost.class, rounds, calls)),
            "call cost, now vs base");
    for (String kind : KINDS) {
      for (String key : new String[] {"minBytes", "cpuUs"}) {
        String k = "callcost." + kind + "." + key;
        System.out.println(
            "RESULT "
                + k
                + " now/base "
                + PairedRuns.summary(runs.ratios(m -> m.get(k), m -> m.get(k))).format("%.4f")
                + "; now "
                + PairedRuns.summary(PairedRuns.values(runs.a, k)).format("%.1f")
                + ", base "
                + PairedRuns.summary(PairedRuns.values(runs.b, k)).format("%.1f"));
      }
    }
    System.out.println(
        "RESULT load average before / after: " + loadBefore + " / " + Report.loadAverage());
  }

  /** The last value printed under each key. */
  private static Map<String, Double> numbers(Child.Outcome o) {
    Map<String, Double> m = new TreeMap<>();
    for (String k : o.values.keySet()) {
      m.put(k, o.number(k));
    }
    return m;
  }
}
