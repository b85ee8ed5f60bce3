package dev.mosaic.aggregator.statsd;

import java.util.Arrays;

/**
 * Every value of an interval, sorted, with running sums built in Etsy StatsD's order so that every
 * statistic matches its output bit for bit.
 *
 * <pre>
 *   TimerStatistics (≤ exact-timer-samples values) → ExactValues → the statistics
 * </pre>
 */
final class ExactValues implements SortedValues {
  private final double[] values;
  private final double[] cumulative;
  private final double[] cumulativeSquares;

  ExactValues(double[] unsorted, int count) {
    values = Arrays.copyOf(unsorted, count);
    Arrays.sort(values);
    cumulative = new double[count];
    cumulativeSquares = new double[count];
    cumulative[0] = values[0];
    cumulativeSquares[0] = values[0] * values[0];
    for (int i = 1; i < count; i++) {
      cumulative[i] = values[i] + cumulative[i - 1];
      cumulativeSquares[i] = values[i] * values[i] + cumulativeSquares[i - 1];
    }
  }

  @Override
  public long size() {
    return values.length;
  }

  @Override
  public double atRank(long rank) {
    return values[(int) rank - 1];
  }

  @Override
  public double sumOfLowest(long k) {
    return k == 0 ? 0 : cumulative[(int) k - 1];
  }

  @Override
  public double sumSquaresOfLowest(long k) {
    return k == 0 ? 0 : cumulativeSquares[(int) k - 1];
  }

  /** Etsy's population standard deviation: the mean first, then the squared differences. */
  double standardDeviation() {
    double mean = cumulative[values.length - 1] / values.length;
    double sumOfDiffs = 0;
    for (double value : values) {
      sumOfDiffs += (value - mean) * (value - mean);
    }
    return Math.sqrt(sumOfDiffs / values.length);
  }
}
