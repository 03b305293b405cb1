package dev.alize.consumer.bench;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * One figure of the table: the median of several runs, with their spread.
 *
 * @param median the median of the runs
 * @param min the smallest run
 * @param max the largest run
 * @param unit what the figure counts, such as {@code s}, {@code MB} or {@code req/s}
 * @param runs how many runs the figure summarises
 */
record Figure(double median, double min, double max, String unit, int runs) {

  /** A figure read once, such as a count of requests. */
  static Figure once(double value, String unit) {
    return new Figure(value, value, value, unit, 1);
  }

  /** The median and spread of {@code samples}. */
  static Figure of(List<Double> samples, String unit) {
    if (samples.isEmpty()) {
      throw new IllegalArgumentException("no samples");
    }
    double[] sorted = samples.stream().mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(sorted);
    int n = sorted.length;
    double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    return new Figure(median, sorted[0], sorted[n - 1], unit, n);
  }

  /** The median with its unit, and the range when there were several runs. */
  String shown() {
    String value = format(median) + " " + unit;
    return runs > 1 && max > min ? value + " (" + format(min) + "–" + format(max) + ")" : value;
  }

  static String format(double value) {
    double abs = Math.abs(value);
    if (abs >= 1000 || value == Math.rint(value) && abs >= 10) {
      return String.format(Locale.ROOT, "%,.0f", value);
    }
    if (abs >= 10) {
      return String.format(Locale.ROOT, "%.1f", value);
    }
    if (abs >= 0.1) {
      return String.format(Locale.ROOT, "%.2f", value);
    }
    return String.format(Locale.ROOT, "%.3f", value);
  }
}
