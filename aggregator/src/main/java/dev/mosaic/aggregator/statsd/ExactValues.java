package dev.mosaic.aggregator.statsd;

import java.util.Arrays;

/**
 * Every value of an interval, sorted, with running sums added in Etsy StatsD's order so that every
 * statistic matches its output bit for bit.
 *
 * <pre>
 *   TimerStatistics (≤ exact-timer-samples values) → ExactValues → the statistics
 * </pre>
 */
final class ExactValues implements SortedValues {
  private final double[] values;

  ExactValues(double[] unsorted, int count) {
    values = Arrays.copyOf(unsorted, count);
    Arrays.sort(values);
  }

  @Override
  public long size() {
    return values.length;
  }

  @Override
  public double atRank(long rank) {
    return values[(int) rank - 1];
  }

  // The running sums are added up on demand rather than kept in two arrays: a flush asks for a
  // handful of them per timer, and 100,000 timers' arrays were a tenth of what a flush allocated.
  // Each is summed from the smallest value up, as Etsy's cumulative array is, so bits match.

  @Override
  public double sumOfLowest(long k) {
    if (k == 0) {
      return 0;
    }
    double sum = values[0];
    for (int i = 1; i < k; i++) {
      sum = values[i] + sum;
    }
    return sum;
  }

  @Override
  public double sumSquaresOfLowest(long k) {
    if (k == 0) {
      return 0;
    }
    double sum = values[0] * values[0];
    for (int i = 1; i < k; i++) {
      sum = values[i] * values[i] + sum;
    }
    return sum;
  }

  /** Etsy's population standard deviation: the mean first, then the squared differences. */
  double standardDeviation() {
    double mean = sumOfLowest(values.length) / values.length;
    double sumOfDiffs = 0;
    for (double value : values) {
      sumOfDiffs += (value - mean) * (value - mean);
    }
    return Math.sqrt(sumOfDiffs / values.length);
  }
}
