package com.oursprivacy.benchmarks;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Turns the collected numbers into the ratio rows, their targets and {@code results.md}. */
final class Report {
  /** One compared figure: a ratio (or an absolute value) and the target it is held to. */
  static final class Row {
    final String name;
    final double value;
    final double target; // NaN: informational, no target
    final boolean higherIsBetter;
    final boolean ratio;
    final String detail;

    Row(
        String name,
        double value,
        double target,
        boolean higherIsBetter,
        boolean ratio,
        String detail) {
      this.name = name;
      this.value = value;
      this.target = target;
      this.higherIsBetter = higherIsBetter;
      this.ratio = ratio;
      this.detail = detail;
    }

    boolean hasTarget() {
      return !Double.isNaN(target);
    }

    boolean met() {
      return higherIsBetter ? value >= target : value <= target;
    }

    String verdict() {
      return !hasTarget() ? "—" : met() ? "met" : "**missed**";
    }

    String targetText() {
      return !hasTarget() ? "(info)" : (higherIsBetter ? "≥ " : "≤ ") + fmt(target);
    }
  }

  /** The README markers the table is written between. */
  static final String TABLE_START = "<!-- performance:table (written by benchmarks/run.sh) -->";

  static final String TABLE_END = "<!-- /performance:table -->";

  private static final String[] OPS = {"get", "list", "create", "update"};

  private final Plan plan;
  private final PairedCalls calls;
  private final PairedRuns cold;
  private final Map<String, Double> r;
  private final String loadBefore;
  private final String loadAfter;
  private final double minutes;

  Report(
      Plan plan,
      PairedCalls calls,
      PairedRuns cold,
      Map<String, Double> r,
      String loadBefore,
      String loadAfter,
      double minutes) {
    this.plan = plan;
    this.calls = calls;
    this.cold = cold;
    this.r = r;
    this.loadBefore = loadBefore;
    this.loadAfter = loadAfter;
    this.minutes = minutes;
  }

  List<Row> rows() {
    List<Row> rows = new ArrayList<>();
    for (String op : OPS) {
      PairedRuns p = calls.runs.get(op);
      rows.add(ratio(op + ": SDK ÷ hand-written, wall time", p, "wallUs", 1.05, "µs"));
      rows.add(ratio(op + ": SDK ÷ hand-written, CPU time", p, "cpuUs", Double.NaN, "µs"));
      rows.add(ratio(op + ": SDK ÷ hand-written, allocation", p, "bytes", 1.00, "B"));
    }
    PairedRuns o = calls.runs.get("openai");
    rows.add(ratio("list of 100: SDK ÷ openai-java, wall time", o, "wallUs", 0.5, "µs"));
    rows.add(ratio("list of 100: SDK ÷ openai-java, CPU time", o, "cpuUs", Double.NaN, "µs"));
    rows.add(ratio("list of 100: SDK ÷ openai-java, allocation", o, "bytes", Double.NaN, "B"));
    rows.add(
        new Row(
            "auto-pagination: entities walked under -Xmx32m",
            r.get("pagination.entities"),
            plan.pages * 100.0,
            true,
            false,
            String.format(
                Locale.ROOT,
                "%,.0f pages; %,.0f entities/s; heap peak %.1f MB, live after GC %.1f MB",
                (double) plan.pages,
                r.get("pagination.entitiesPerSec"),
                r.get("pagination.heapPeakMb"),
                r.get("pagination.liveAfterGcMb"))));
    PairedRuns.Summary c =
        PairedRuns.summary(cold.ratios(m -> m.get("processMs"), m -> m.get("processMs")));
    rows.add(
        new Row(
            "cold start to first call: SDK ÷ hand-written",
            c.median,
            1.10,
            false,
            true,
            c.format("%.2f")
                + "; "
                + cold("wrapper")
                + " vs "
                + cold("raw")
                + "; openai-java "
                + cold("openai")));
    return rows;
  }

  private static Row ratio(String name, PairedRuns p, String key, double target, String unit) {
    PairedRuns.Summary s = PairedRuns.summary(p.ratios(m -> m.get(key), m -> m.get(key)));
    PairedRuns.Summary a = PairedRuns.summary(PairedRuns.values(p.a, key));
    PairedRuns.Summary b = PairedRuns.summary(PairedRuns.values(p.b, key));
    String abs =
        unit.equals("B")
            ? String.format(
                Locale.ROOT, "%.1f KB vs %.1f KB per call", a.median / 1024, b.median / 1024)
            : String.format(Locale.ROOT, "%.0f µs vs %.0f µs per call", a.median, b.median);
    return new Row(name, s.median, target, false, true, "spread " + s.format("%.2f") + "; " + abs);
  }

  String markdown() {
    StringBuilder sb = new StringBuilder();
    sb.append(
        plan.smoke
            ? "# Benchmark results (SMOKE RUN: not meaningful)\n\n"
            : "# Benchmark results\n\n");
    sb.append(table());
    sb.append("\n![results](results.png)\n");
    return sb.toString();
  }

  /** The block written between the README's markers: the same table and notes as results.md. */
  String readmeTable() {
    return table().replace("![results](results.png)", "");
  }

  private String table() {
    StringBuilder sb = new StringBuilder();
    sb.append(
        "Each ratio is the median of paired runs (A B, then B A, …) against the same loopback server "
            + "(`127.0.0.1`, canned bodies); the spread is min, interquartile range and max of the per-pair "
            + "ratios. Lower is better unless the target says ≥.\n\n");
    sb.append(
        "| figure | median | target | verdict | spread; absolute |\n|---|---:|---|---|---|\n");
    for (Row row : rows()) {
      sb.append("| ")
          .append(row.name)
          .append(" | ")
          .append(row.ratio ? fmt(row.value) : String.format(Locale.ROOT, "%,.0f", row.value))
          .append(" | ")
          .append(row.targetText())
          .append(" | ")
          .append(row.verdict())
          .append(" | ")
          .append(row.detail)
          .append(" |\n");
    }
    sb.append("\n- Command: `benchmarks/run.sh")
        .append(plan.smoke ? " --smoke" : "")
        .append("` (")
        .append(String.format(Locale.ROOT, "%.1f", minutes))
        .append(" min for the measurements)\n");
    sb.append("- Plan: ").append(plan.describe()).append("\n");
    sb.append("- JVM: ")
        .append(System.getProperty("java.vm.name"))
        .append(' ')
        .append(System.getProperty("java.runtime.version"))
        .append("; OS: ")
        .append(System.getProperty("os.name"))
        .append(' ')
        .append(System.getProperty("os.arch"))
        .append(", ")
        .append(Runtime.getRuntime().availableProcessors())
        .append(" cores, ")
        .append(totalMemoryGb())
        .append(" GiB RAM\n");
    sb.append("- Load average before / after: ")
        .append(loadBefore)
        .append(" / ")
        .append(loadAfter)
        .append("\n");
    sb.append(
        "- CPU time is the calling thread's (`ThreadMXBean`); allocation is the calling thread's bytes "
            + "per call.\n");
    return sb.toString();
  }

  /** {@code readme} with the text between the table markers replaced by {@code table}. */
  static String replaceTable(String readme, String table) {
    int start = readme.indexOf(TABLE_START);
    int end = readme.indexOf(TABLE_END);
    if (start < 0 || end < start) {
      throw new IllegalStateException(
          "README has no " + TABLE_START + " … " + TABLE_END + " block");
    }
    return readme.substring(0, start + TABLE_START.length()) + "\n" + table + readme.substring(end);
  }

  private String cold(String kind) {
    return String.format(
        Locale.ROOT,
        "%.0f ms (%.0f ms in main)",
        r.get("cold." + kind + ".processMs"),
        r.get("cold." + kind + ".mainMs"));
  }

  static String fmt(double v) {
    return String.format(Locale.ROOT, v >= 1000 ? "%,.0f" : v >= 10 ? "%.1f" : "%.2f", v);
  }

  static String loadAverage() {
    try {
      return Files.readString(Paths.get("/proc/loadavg")).split(" ", -1)[0];
    } catch (Exception e) {
      return String.format(
          Locale.ROOT, "%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }
  }

  private static String totalMemoryGb() {
    java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    if (os instanceof com.sun.management.OperatingSystemMXBean) {
      return String.format(
          Locale.ROOT,
          "%.0f",
          ((com.sun.management.OperatingSystemMXBean) os).getTotalPhysicalMemorySize()
              / (1024.0 * 1024 * 1024));
    }
    return "?";
  }
}
