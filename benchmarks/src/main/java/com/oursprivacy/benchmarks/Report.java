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

    Row(String name, double value, double target, boolean higherIsBetter, boolean ratio, String detail) {
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

  private final Plan plan;
  private final Map<String, Double> r;
  private final String loadBefore;
  private final String loadAfter;
  private final double minutes;

  Report(Plan plan, Map<String, Double> r, String loadBefore, String loadAfter, double minutes) {
    this.plan = plan;
    this.r = r;
    this.loadBefore = loadBefore;
    this.loadAfter = loadAfter;
    this.minutes = minutes;
  }

  List<Row> rows() {
    List<Row> rows = new ArrayList<>();
    for (String op : new String[] {"Get", "List", "Create", "Update"}) {
      String w = "jmh.wrapper" + op;
      String raw = "jmh.raw" + op;
      String gen = "jmh.generated" + op;
      rows.add(new Row(op.toLowerCase(Locale.ROOT) + ": wrapper ÷ raw, time", r.get(w + ".us") / r.get(raw + ".us"),
          1.10, false, true, us(w) + " vs " + us(raw)));
      rows.add(new Row(op.toLowerCase(Locale.ROOT) + ": wrapper ÷ raw, allocation", r.get(w + ".bytes") / r.get(raw + ".bytes"),
          1.3, false, true, kb(w) + " vs " + kb(raw)));
      rows.add(new Row(op.toLowerCase(Locale.ROOT) + ": wrapper ÷ generated Retrofit, time",
          r.get(w + ".us") / r.get(gen + ".us"), Double.NaN, false, true, us(w) + " vs " + us(gen) + "; " + kb(gen)));
    }
    rows.add(new Row("list of 100: wrapper ÷ openai-java, time", r.get("jmh.wrapperList.us") / r.get("jmh.openaiList.us"),
        0.8, false, true, us("jmh.wrapperList") + " vs " + us("jmh.openaiList")));
    rows.add(new Row("list of 100: wrapper ÷ openai-java, allocation",
        r.get("jmh.wrapperList.bytes") / r.get("jmh.openaiList.bytes"), Double.NaN, false, true,
        kb("jmh.wrapperList") + " vs " + kb("jmh.openaiList")));
    double ours = r.get("tracker.ours.eventsPerSec");
    double seg = r.get("tracker.segment.eventsPerSec");
    rows.add(new Row("tracker ÷ Segment, events/s", ours / seg, 1.5, true, true,
        String.format(Locale.ROOT, "%,.0f vs %,.0f events/s", ours, seg)));
    rows.add(new Row("tracker enqueue p99 (µs)", r.get("tracker.ours.enqueueP99Us"), 5, false, false,
        String.format(Locale.ROOT, "p50 %.1f µs; Segment p50 %.1f / p99 %.1f µs", r.get("tracker.ours.enqueueP50Us"),
            r.get("tracker.segment.enqueueP50Us"), r.get("tracker.segment.enqueueP99Us"))));
    rows.add(new Row("auto-pagination: heap high-water (MB)", r.get("pagination.heapPeakMb"), 64, false, false,
        String.format(Locale.ROOT, "%,.0f entities, completed under -Xmx64m at %,.0f entities/s; live after GC %.1f MB",
            r.get("pagination.entities"), r.get("pagination.entitiesPerSec"), r.get("pagination.liveAfterGcMb"))));
    rows.add(new Row("cold start: wrapper ÷ raw", r.get("cold.wrapper.processMs") / r.get("cold.raw.processMs"), 1.2,
        false, true, cold("wrapper") + " vs " + cold("raw")));
    rows.add(new Row("cold start: openai-java ÷ raw", r.get("cold.openai.processMs") / r.get("cold.raw.processMs"),
        Double.NaN, false, true, cold("openai") + " vs " + cold("raw")));
    return rows;
  }

  String markdown() {
    StringBuilder sb = new StringBuilder();
    sb.append(plan.smoke ? "# Benchmark results (SMOKE RUN: not meaningful)\n\n" : "# Benchmark results\n\n");
    sb.append("Each ratio is measured side by side in one run against the same loopback server "
        + "(`127.0.0.1`, canned bodies). Lower is better unless the target says ≥.\n\n");
    sb.append("| figure | value | target | verdict | absolute |\n|---|---:|---|---|---|\n");
    for (Row row : rows()) {
      sb.append("| ").append(row.name).append(" | ").append(fmt(row.value)).append(" | ")
          .append(row.targetText()).append(" | ").append(row.verdict()).append(" | ").append(row.detail).append(" |\n");
    }
    sb.append("\n![results](results.png)\n\n");
    sb.append("- Command: `benchmarks/run.sh").append(plan.smoke ? " --smoke" : "").append("` (")
        .append(String.format(Locale.ROOT, "%.1f", minutes)).append(" min for the measurements)\n");
    sb.append("- Plan: ").append(plan.describe()).append("\n");
    sb.append("- JVM: ").append(System.getProperty("java.vm.name")).append(' ')
        .append(System.getProperty("java.runtime.version")).append("; OS: ").append(System.getProperty("os.name"))
        .append(' ').append(System.getProperty("os.arch")).append(", ")
        .append(Runtime.getRuntime().availableProcessors()).append(" cores, ")
        .append(totalMemoryGb()).append(" GiB RAM\n");
    sb.append("- Load average before / after: ").append(loadBefore).append(" / ").append(loadAfter)
        .append(" (on 2 cores the JMH error bars are wide; compare ratios, not absolutes)\n");
    sb.append("- Per-call errors (99.9 %): ");
    for (String op : new String[] {"Get", "List", "Create", "Update"}) {
      sb.append(op.toLowerCase(Locale.ROOT)).append(' ').append(err("jmh.wrapper" + op)).append(" / ")
          .append(err("jmh.raw" + op)).append(op.equals("Update") ? " µs (wrapper / raw)\n" : "; ");
    }
    return sb.toString();
  }

  private String us(String key) {
    return String.format(Locale.ROOT, "%.0f µs", r.get(key + ".us"));
  }

  private String err(String key) {
    return String.format(Locale.ROOT, "±%.0f", r.get(key + ".usErr"));
  }

  private String kb(String key) {
    return String.format(Locale.ROOT, "%.1f KB/op", r.get(key + ".bytes") / 1024);
  }

  private String cold(String kind) {
    return String.format(Locale.ROOT, "%.0f ms (%.0f ms in main)", r.get("cold." + kind + ".processMs"),
        r.get("cold." + kind + ".mainMs"));
  }

  static String fmt(double v) {
    return String.format(Locale.ROOT, v >= 10 ? "%.1f" : "%.2f", v);
  }

  static String loadAverage() {
    try {
      return Files.readString(Paths.get("/proc/loadavg")).split(" ")[0];
    } catch (Exception e) {
      return String.format(Locale.ROOT, "%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }
  }

  private static String totalMemoryGb() {
    java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    if (os instanceof com.sun.management.OperatingSystemMXBean) {
      return String.format(Locale.ROOT, "%.0f",
          ((com.sun.management.OperatingSystemMXBean) os).getTotalPhysicalMemorySize() / (1024.0 * 1024 * 1024));
    }
    return "?";
  }
}
