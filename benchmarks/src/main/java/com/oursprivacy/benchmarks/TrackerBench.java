package com.oursprivacy.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The tracker's side-by-side figures, each from {@link PairedRuns} (ABAB…, fresh JVMs): {@code
 * TrackerBench [--pairs N] [--events N] [--warmup N] [--window S] [--out DIR]}; with {@code
 * --micrometer}, only the pairs of issue 26 (the Micrometer module on ÷ off), printed, not written.
 *
 * <ol>
 *   <li>tracker ÷ Segment analytics-java events/s to the loopback sink (same events, batch 100, one
 *       sending thread), and enqueue p50/p99 on the caller's thread; beside them the figures a
 *       loaded machine barely moves: CPU time and bytes allocated per event by the client's threads
 *       (see {@link ThreadCost}), and bytes allocated per enqueue on the caller's thread;
 *   <li>the same with the spool on (fsync every 10 ms) ÷ Segment's in-memory queue;
 *   <li>degraded ÷ fault-free: delivered events/s while 30 % of {@code /batch} requests fail (500,
 *       503, connection cut), default configuration, and the events lost (must be 0).
 * </ol>
 *
 * Writes {@code tracker.md} to the output directory.
 */
public final class TrackerBench {
  /**
   * Warm-up events per throughput run, the same for both contestants. Until 2026-12 it was a fifth
   * of the measured events (10,000 of 50,000; {@code --warmup 10000} gives those figures again):
   * too few for C2, as {@code -XX:+PrintCompilation} showed {@code Tracker.track} and {@code
   * Dispatcher.enqueue} still at tier 3 (C1 with full profiling) for the whole measured phase, so
   * the enqueue percentiles measured the JIT, not the steady state a long-running service sees.
   * With 100,000 both enqueue paths reach C2 before measuring starts.
   */
  static final int DEFAULT_WARMUP = 100_000;

  /**
   * Measured events per run of {@code --micrometer} unless {@code --events} says otherwise:
   * 500,000, about 3 s of sending. In the 0.3 s that 50,000 take, one scheduling hiccup moved a
   * pair's ratio by half (pairs from 0.60 to 1.55 on a quiet machine); with 500,000 they stayed
   * within 0.73-1.16.
   */
  static final int MICROMETER_EVENTS = 500_000;

  private TrackerBench() {}

  /** Entry point; see the class comment. */
  public static void main(String[] args) throws Exception {
    List<String> a = Arrays.asList(args);
    int pairs = intArg(a, "--pairs", 7);
    int events = intArg(a, "--events", 50_000);
    int warmup = intArg(a, "--warmup", DEFAULT_WARMUP);
    String window = a.contains("--window") ? a.get(a.indexOf("--window") + 1) : "6";
    Path out =
        Paths.get(a.contains("--out") ? a.get(a.indexOf("--out") + 1) : "benchmarks/results");
    Files.createDirectories(out);
    if (a.contains("--micrometer")) {
      micrometer(pairs, intArg(a, "--events", MICROMETER_EVENTS), warmup);
      return;
    }
    String loadBefore = Report.loadAverage();
    long t0 = System.nanoTime();

    PairedRuns speed =
        PairedRuns.run(
            pairs,
            () -> child("ours", events, warmup),
            () -> child("segment", events, warmup),
            "tracker vs Segment");
    PairedRuns spool =
        PairedRuns.run(
            pairs,
            () -> child("ours-spool", events, warmup),
            () -> child("segment", events, warmup),
            "tracker with spool vs Segment");
    PairedRuns degraded =
        PairedRuns.run(
            pairs,
            () -> window("0.3", window),
            () -> window("0", window),
            "degraded vs fault-free");

    StringBuilder md = new StringBuilder("# Tracker benchmarks\n\n");
    md.append("| figure | median | spread over ")
        .append(pairs)
        .append(" pairs | target |\n|---|---:|---|---|\n");
    row(
        md,
        "tracker ÷ Segment, events/s",
        PairedRuns.summary(
            speed.ratios(
                m -> m.get("tracker.ours.eventsPerSec"),
                m -> m.get("tracker.segment.eventsPerSec"))),
        "%.2f",
        "≥ 2.5");
    row(
        md,
        "tracker events/s",
        PairedRuns.summary(PairedRuns.values(speed.a, "tracker.ours.eventsPerSec")),
        "%.0f",
        "");
    row(
        md,
        "Segment events/s",
        PairedRuns.summary(PairedRuns.values(speed.b, "tracker.segment.eventsPerSec")),
        "%.0f",
        "");
    row(
        md,
        "tracker enqueue p50 (µs)",
        PairedRuns.summary(PairedRuns.values(speed.a, "tracker.ours.enqueueP50Us")),
        "%.2f",
        "≤ 1");
    row(
        md,
        "tracker enqueue p99 (µs)",
        PairedRuns.summary(PairedRuns.values(speed.a, "tracker.ours.enqueueP99Us")),
        "%.2f",
        "≤ 2");
    row(
        md,
        "Segment enqueue p50 (µs)",
        PairedRuns.summary(PairedRuns.values(speed.b, "tracker.segment.enqueueP50Us")),
        "%.2f",
        "");
    row(
        md,
        "Segment enqueue p99 (µs)",
        PairedRuns.summary(PairedRuns.values(speed.b, "tracker.segment.enqueueP99Us")),
        "%.2f",
        "");
    row(
        md,
        "client CPU per event, tracker ÷ Segment (load-independent; lower is better)",
        PairedRuns.summary(
            speed.ratios(
                m -> m.get("tracker.ours.cpuNsPerEvent"),
                m -> m.get("tracker.segment.cpuNsPerEvent"))),
        "%.2f",
        "");
    row(
        md,
        "tracker CPU per event, all client threads (µs)",
        PairedRuns.summary(micros(PairedRuns.values(speed.a, "tracker.ours.cpuNsPerEvent"))),
        "%.2f",
        "");
    row(
        md,
        "Segment CPU per event, all client threads (µs)",
        PairedRuns.summary(micros(PairedRuns.values(speed.b, "tracker.segment.cpuNsPerEvent"))),
        "%.2f",
        "");
    row(
        md,
        "tracker bytes allocated per event, all client threads",
        PairedRuns.summary(PairedRuns.values(speed.a, "tracker.ours.allocBytesPerEvent")),
        "%.0f",
        "");
    row(
        md,
        "Segment bytes allocated per event, all client threads",
        PairedRuns.summary(PairedRuns.values(speed.b, "tracker.segment.allocBytesPerEvent")),
        "%.0f",
        "");
    row(
        md,
        "tracker bytes allocated per enqueue, caller's thread",
        PairedRuns.summary(PairedRuns.values(speed.a, "tracker.ours.callerAllocBytesPerEvent")),
        "%.0f",
        "");
    row(
        md,
        "Segment bytes allocated per enqueue, caller's thread",
        PairedRuns.summary(PairedRuns.values(speed.b, "tracker.segment.callerAllocBytesPerEvent")),
        "%.0f",
        "");
    row(
        md,
        "spool (fsync 10 ms) enqueue p99 (µs)",
        PairedRuns.summary(PairedRuns.values(spool.a, "tracker.ours-spool.enqueueP99Us")),
        "%.2f",
        "≤ 15");
    row(
        md,
        "spool (fsync 10 ms) enqueue p50 (µs)",
        PairedRuns.summary(PairedRuns.values(spool.a, "tracker.ours-spool.enqueueP50Us")),
        "%.2f",
        "");
    row(
        md,
        "spool events/s ÷ Segment in-memory",
        PairedRuns.summary(
            spool.ratios(
                m -> m.get("tracker.ours-spool.eventsPerSec"),
                m -> m.get("tracker.segment.eventsPerSec"))),
        "%.2f",
        "≥ 1.0");
    row(
        md,
        "degraded (30 % failing) ÷ fault-free, delivered events/s",
        PairedRuns.summary(
            degraded.ratios(
                m -> m.get("window.degraded.eventsPerSec"),
                m -> m.get("window.faultFree.eventsPerSec"))),
        "%.2f",
        "≥ 0.5");
    row(
        md,
        "degraded delivered events/s",
        PairedRuns.summary(PairedRuns.values(degraded.a, "window.degraded.eventsPerSec")),
        "%.0f",
        "");
    row(
        md,
        "fault-free delivered events/s",
        PairedRuns.summary(PairedRuns.values(degraded.b, "window.faultFree.eventsPerSec")),
        "%.0f",
        "");
    double lost = 0;
    for (Map<String, Double> m : degraded.a) {
      lost += m.get("window.degraded.lost");
    }
    double faults =
        PairedRuns.values(degraded.a, "window.degraded.faultsInjected").length == 0
            ? 0
            : Arrays.stream(PairedRuns.values(degraded.a, "window.degraded.faultsInjected")).sum();
    md.append("| events lost in degraded runs (all ")
        .append(pairs)
        .append(" runs) | ")
        .append(String.format(Locale.ROOT, "%.0f", lost))
        .append(" | ")
        .append(String.format(Locale.ROOT, "%.0f", faults))
        .append(" requests failed on purpose | 0 |\n\n");
    md.append("- Command: `benchmarks/run.sh --tracker --pairs ")
        .append(pairs)
        .append(" --events ")
        .append(events)
        .append(" --warmup ")
        .append(warmup)
        .append(" --window ")
        .append(window)
        .append("` (")
        .append(pairs)
        .append(" pairs, ")
        .append(events)
        .append(" events per throughput run after ")
        .append(warmup)
        .append(" warm-up events, degraded window ")
        .append(window)
        .append(" s; ")
        .append(String.format(Locale.ROOT, "%.1f", (System.nanoTime() - t0) / 6e10))
        .append(" min)\n");
    md.append("- Load average before / after: ")
        .append(loadBefore)
        .append(" / ")
        .append(Report.loadAverage())
        .append(" (2 shared cores: read the spread, not just the median)\n");
    Files.writeString(out.resolve("tracker.md"), md.toString());
    System.out.println(md);
  }

  /**
   * Issue 26: the tracker with the Micrometer module on ({@code ours-micrometer}: its listener and
   * tracker meters on a simple registry) ÷ without it, in fresh JVMs alternating A B, B A, …;
   * prints the median ratio of events/s and of client CPU per event with their spreads.
   */
  private static void micrometer(int pairs, int events, int warmup) throws Exception {
    String loadBefore = Report.loadAverage();
    PairedRuns runs =
        PairedRuns.run(
            pairs,
            () -> child("ours-micrometer", events, warmup),
            () -> child("ours", events, warmup),
            "tracker with Micrometer vs without");
    for (String key : new String[] {"eventsPerSec", "cpuNsPerEvent", "allocBytesPerEvent"}) {
      String on = "tracker.ours-micrometer." + key;
      String off = "tracker.ours." + key;
      System.out.println(
          "RESULT tracker.micrometer."
              + key
              + " on/off "
              + PairedRuns.summary(runs.ratios(m -> m.get(on), m -> m.get(off))).format("%.3f")
              + "; on "
              + PairedRuns.summary(PairedRuns.values(runs.a, on)).format("%.0f")
              + ", off "
              + PairedRuns.summary(PairedRuns.values(runs.b, off)).format("%.0f"));
    }
    System.out.println(
        "RESULT load average before / after: " + loadBefore + " / " + Report.loadAverage());
  }

  private static void row(
      StringBuilder md, String name, PairedRuns.Summary s, String fmt, String target) {
    String[] parts = s.format(fmt).split(" \\(", 2);
    md.append("| ")
        .append(name)
        .append(" | ")
        .append(parts[0])
        .append(" | ")
        .append(parts[1], 0, parts[1].length() - 1)
        .append(" | ")
        .append(target)
        .append(" |\n");
  }

  private static Map<String, Double> child(String kind, int events, int warmup) throws Exception {
    Child.Outcome o =
        Child.run(
            List.of("-Xmx512m"),
            TrackerRun.class,
            kind,
            String.valueOf(events),
            "100",
            String.valueOf(warmup));
    return numbers(o);
  }

  private static Map<String, Double> window(String faultRate, String seconds) throws Exception {
    return numbers(Child.run(List.of("-Xmx1g"), TrackerWindowRun.class, faultRate, seconds));
  }

  private static Map<String, Double> numbers(Child.Outcome o) {
    Map<String, Double> m = new TreeMap<>();
    for (String k : o.values.keySet()) {
      m.put(k, o.number(k));
    }
    return m;
  }

  private static double[] micros(double[] nanos) {
    return Arrays.stream(nanos).map(n -> n / 1_000).toArray();
  }

  private static int intArg(List<String> a, String name, int dflt) {
    int i = a.indexOf(name);
    return i < 0 ? dflt : Integer.parseInt(a.get(i + 1));
  }
}
