package dev.mosaic.aggregator.statsd;

import java.util.Arrays;
import org.HdrHistogram.DoubleHistogram;
import org.HdrHistogram.DoubleHistogramIterationValue;

/**
 * An interval's timer values as HdrHistogram buckets, each bucket standing for its values by its
 * midpoint; the smallest and largest value, and the sums over all values, stay exact.
 *
 * <pre>
 *   TimerStatistics (&gt; exact-timer-samples values) → HistogramValues → median, *_NN fields
 * </pre>
 */
final class HistogramValues implements SortedValues {
  private final long size;
  private final double min;
  private final double max;
  private final double sum;
  private final double sumSquares;
  private final double[] values;
  private final long[] cumulativeCounts;
  private final double[] cumulativeSums;
  private final double[] cumulativeSquares;

  HistogramValues(
      DoubleHistogram histogram, double min, double max, double sum, double sumSquares) {
    this.size = histogram.getTotalCount();
    this.min = min;
    this.max = max;
    this.sum = sum;
    this.sumSquares = sumSquares;
    int buckets = 0;
    double[] bucketValues = new double[64];
    long[] counts = new long[64];
    double[] sums = new double[64];
    double[] squares = new double[64];
    long runningCount = 0;
    double runningSum = 0;
    double runningSquares = 0;
    for (DoubleHistogramIterationValue bucket : histogram.recordedValues()) {
      if (buckets == bucketValues.length) {
        bucketValues = Arrays.copyOf(bucketValues, buckets * 2);
        counts = Arrays.copyOf(counts, buckets * 2);
        sums = Arrays.copyOf(sums, buckets * 2);
        squares = Arrays.copyOf(squares, buckets * 2);
      }
      double value = histogram.medianEquivalentValue(bucket.getValueIteratedTo());
      value = Math.max(min, Math.min(max, value));
      long count = bucket.getCountAddedInThisIterationStep();
      runningCount += count;
      runningSum += value * count;
      runningSquares += value * value * count;
      bucketValues[buckets] = value;
      counts[buckets] = runningCount;
      sums[buckets] = runningSum;
      squares[buckets] = runningSquares;
      buckets++;
    }
    this.values = Arrays.copyOf(bucketValues, buckets);
    this.cumulativeCounts = Arrays.copyOf(counts, buckets);
    this.cumulativeSums = Arrays.copyOf(sums, buckets);
    this.cumulativeSquares = Arrays.copyOf(squares, buckets);
  }

  @Override
  public long size() {
    return size;
  }

  @Override
  public double atRank(long rank) {
    if (rank == 1) {
      return min;
    }
    if (rank == size) {
      return max;
    }
    return values[bucketOf(rank)];
  }

  @Override
  public double sumOfLowest(long k) {
    if (k == size) {
      return sum;
    }
    return partial(k, cumulativeSums, false);
  }

  @Override
  public double sumSquaresOfLowest(long k) {
    if (k == size) {
      return sumSquares;
    }
    return partial(k, cumulativeSquares, true);
  }

  private double partial(long k, double[] cumulative, boolean squared) {
    if (k == 0) {
      return 0;
    }
    int bucket = bucketOf(k);
    long before = bucket == 0 ? 0 : cumulativeCounts[bucket - 1];
    double value = squared ? values[bucket] * values[bucket] : values[bucket];
    return (bucket == 0 ? 0 : cumulative[bucket - 1]) + value * (k - before);
  }

  /** The first bucket whose cumulative count reaches {@code rank}. */
  private int bucketOf(long rank) {
    int found = Arrays.binarySearch(cumulativeCounts, rank);
    return found >= 0 ? found : -found - 1;
  }
}
