package dev.mosaic.bench.load;

import java.util.Arrays;
import java.util.List;

/**
 * Percentiles of probe latencies in milliseconds (nearest rank), and how many probes never arrived.
 */
record Latencies(int arrived, int missing, double p50, double p90, double p99, double max) {
  static Latencies of(List<Double> millis, int missing) {
    if (millis.isEmpty()) {
      return new Latencies(0, missing, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }
    double[] sorted = millis.stream().mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(sorted);
    return new Latencies(
        sorted.length,
        missing,
        rank(sorted, 0.50),
        rank(sorted, 0.90),
        rank(sorted, 0.99),
        sorted[sorted.length - 1]);
  }

  private static double rank(double[] sorted, double quantile) {
    int index = (int) Math.ceil(quantile * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }
}
