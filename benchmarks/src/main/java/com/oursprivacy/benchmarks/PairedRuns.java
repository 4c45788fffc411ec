package com.oursprivacy.benchmarks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Side-by-side measurement of two contestants on a noisy machine: runs A and B alternately (A B, B
 * A, A B … so neither always goes first), {@code pairs} times, and reduces each pair to a ratio A ÷
 * B of one metric. The median ratio is the figure; the spread (min, quartiles, max) says how much
 * to trust it. Reusable for any pair of runs (tracker vs Segment, SDK call vs raw OkHttp call …): a
 * contestant is any function returning the {@code RESULT} values of one run.
 */
final class PairedRuns {
  /** One run of a contestant: its metrics by name. */
  interface Contestant {
    Map<String, Double> run() throws Exception;
  }

  /** The runs of both contestants, in pair order. */
  final List<Map<String, Double>> a = new ArrayList<>();

  final List<Map<String, Double>> b = new ArrayList<>();

  private PairedRuns() {}

  /** Runs {@code pairs} pairs, alternating which contestant goes first. */
  static PairedRuns run(int pairs, Contestant a, Contestant b, String label) throws Exception {
    PairedRuns r = new PairedRuns();
    for (int i = 0; i < pairs; i++) {
      System.err.println("[benchmarks] " + label + " pair " + (i + 1) + " of " + pairs);
      if (i % 2 == 0) {
        r.a.add(a.run());
        r.b.add(b.run());
      } else {
        r.b.add(b.run());
        r.a.add(a.run());
      }
    }
    return r;
  }

  /** Pairs already measured elsewhere: {@code a[i]} and {@code b[i]} under {@code key}. */
  static PairedRuns of(double[] a, double[] b, String key) {
    PairedRuns r = new PairedRuns();
    for (int i = 0; i < a.length; i++) {
      r.a.add(Map.of(key, a[i]));
      r.b.add(Map.of(key, b[i]));
    }
    return r;
  }

  /** Per-pair ratios {@code fa(A) ÷ fb(B)}. */
  double[] ratios(
      ToDoubleFunction<Map<String, Double>> fa, ToDoubleFunction<Map<String, Double>> fb) {
    double[] out = new double[a.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = fa.applyAsDouble(a.get(i)) / fb.applyAsDouble(b.get(i));
    }
    return out;
  }

  static double[] values(List<Map<String, Double>> runs, String key) {
    return runs.stream().mapToDouble(m -> m.get(key)).toArray();
  }

  /** {@code median [min, q1–q3, max]} of the values. */
  static Summary summary(double[] values) {
    double[] v = values.clone();
    Arrays.sort(v);
    return new Summary(
        quantile(v, 0.5), v[0], quantile(v, 0.25), quantile(v, 0.75), v[v.length - 1]);
  }

  private static double quantile(double[] sorted, double q) {
    double pos = q * (sorted.length - 1);
    int lo = (int) Math.floor(pos);
    int hi = (int) Math.ceil(pos);
    return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
  }

  /** A median and its spread. */
  static final class Summary {
    final double median;
    final double min;
    final double q1;
    final double q3;
    final double max;

    Summary(double median, double min, double q1, double q3, double max) {
      this.median = median;
      this.min = min;
      this.q1 = q1;
      this.q3 = q3;
      this.max = max;
    }

    String format(String fmt) {
      return String.format(
          Locale.ROOT,
          fmt + " (min " + fmt + ", IQR " + fmt + "–" + fmt + ", max " + fmt + ")",
          median,
          min,
          q1,
          q3,
          max);
    }
  }
}
