package dev.mosaic.aggregator.statsd;

import java.util.Arrays;
import java.util.Optional;
import org.HdrHistogram.DoubleHistogram;
import org.HdrHistogram.PackedDoubleHistogram;

/**
 * One timer's values in one interval: exact running count, sum, sum of squares, minimum and
 * maximum, and the values themselves — raw while there are at most {@code exactLimit} of them, in
 * an HdrHistogram beyond. The package documentation defines every statistic and its error bound.
 *
 * <pre>
 *   MetricSample (TIMER) → record(value, sampleRate) → TimerStatistics → SeriesRegistry → stats.timers.*
 * </pre>
 *
 * <p>Not thread-safe: one aggregation thread owns it.
 */
public final class TimerStatistics {
  /**
   * 3 digits: every bucket is narrower than 1/1024 of its values, so a midpoint is within 0.05 %.
   */
  static final int SIGNIFICANT_DIGITS = 3;

  /**
   * The smallest and largest non-zero value recorded. The histogram cannot hold values near {@code
   * Double.MAX_VALUE} or subnormal ones; timings that small or large are not timings anyway.
   */
  public static final double MIN_NON_ZERO = 1e-300;

  public static final double MAX = 1e300;

  private static final long[] NO_BINS = new long[0];

  private final int exactLimit;
  private double[] exact = new double[8];
  private DoubleHistogram histogram;
  private long valueCount;
  private double count;
  private double sum;
  private double sumSquares;
  private double min = Double.POSITIVE_INFINITY;
  private double max = Double.NEGATIVE_INFINITY;
  private double lowestNonZero = Double.POSITIVE_INFINITY;
  private double runningMean;
  private double squaredDeviations;
  private SortedValues sorted;
  private final double[] binBounds;
  private final long[] binCounts;

  /**
   * @param exactLimit how many values are kept raw, at least 1; beyond, they move into a histogram
   */
  public TimerStatistics(int exactLimit) {
    this(exactLimit, new double[0]);
  }

  /**
   * @param exactLimit how many values are kept raw, at least 1; beyond, they move into a histogram
   * @param binBounds ascending non-inclusive upper limits of the {@code histogram} bins counted
   *     exactly, whatever {@code exactLimit} is (see {@link TimerHistogramBins}); may be empty
   */
  public TimerStatistics(int exactLimit, double[] binBounds) {
    if (exactLimit < 1) {
      throw new IllegalArgumentException("exactLimit must be at least 1: " + exactLimit);
    }
    this.exactLimit = exactLimit;
    this.binBounds = binBounds;
    this.binCounts = binBounds.length == 0 ? null : new long[binBounds.length];
  }

  private void countInBin(double value) {
    if (binCounts == null) {
      return;
    }
    for (int i = 0; i < binBounds.length; i++) {
      if (value < binBounds[i]) {
        binCounts[i]++;
        return;
      }
    }
    // Not below the last bound: Etsy leaves it out of every bin.
  }

  /**
   * How many values fell in each {@code histogram} bin, in the order of the bounds given at
   * construction: bin i counts the values in [bound i-1, bound i), bin 0 from 0. Empty with no
   * bins.
   */
  public long[] binCounts() {
    return binCounts == null ? NO_BINS : binCounts.clone();
  }

  /**
   * @param value 0, or in [{@link #MIN_NON_ZERO}, {@link #MAX}] (see {@link #accepts}; StatsD
   *     rejects negative timings)
   * @param sampleRate in (0, 1]; the value stands for {@code 1 / sampleRate} values in {@link
   *     #count()}, but for one value in every other statistic, as in Etsy StatsD
   */
  public void record(double value, double sampleRate) {
    if (!accepts(value)) {
      throw new IllegalArgumentException(
          "timer value must be 0 or in [" + MIN_NON_ZERO + ", " + MAX + "]: " + value);
    }
    sorted = null;
    count += 1 / sampleRate;
    valueCount++;
    sum += value;
    sumSquares += value * value;
    min = Math.min(min, value);
    max = Math.max(max, value);
    // Welford's update keeps the deviation sum accurate without a second pass over the values.
    double before = runningMean;
    runningMean += (value - before) / valueCount;
    squaredDeviations += (value - before) * (value - runningMean);
    countInBin(value);
    if (histogram == null && valueCount <= exactLimit) {
      if (valueCount > exact.length) {
        exact = Arrays.copyOf(exact, Math.min(exactLimit, exact.length * 2));
      }
      exact[(int) valueCount - 1] = value;
      return;
    }
    if (histogram == null) {
      histogram = new PackedDoubleHistogram(SIGNIFICANT_DIGITS);
      for (int i = 0; i < valueCount - 1; i++) {
        recordInHistogram(exact[i]);
      }
      exact = null;
    }
    recordInHistogram(value);
  }

  /** True for 0 and for values in [{@link #MIN_NON_ZERO}, {@link #MAX}]. */
  public static boolean accepts(double value) {
    return value == 0 || (value >= MIN_NON_ZERO && value <= MAX);
  }

  private void recordInHistogram(double value) {
    try {
      histogram.recordValue(value);
      if (value > 0) {
        lowestNonZero = Math.min(lowestNonZero, value);
      }
    } catch (ArrayIndexOutOfBoundsException e) {
      // The histogram spans at most ~2^53 : 1 between its smallest and largest non-zero value; a
      // value beyond that counts as the nearest one it already holds (percentile fields only).
      double nearest = value < lowestNonZero ? lowestNonZero : histogram.getMaxValue();
      if (nearest > 0 && nearest < Double.POSITIVE_INFINITY) {
        histogram.recordValue(nearest);
      }
      // Otherwise the histogram holds only zeros and cannot hold this value: it is left out of the
      // percentile fields; count, sum, lower and upper still include it.
    }
  }

  /** Etsy's {@code count}: the sum of {@code 1 / sampleRate} over the interval's values. */
  public double count() {
    return count;
  }

  /** How many values were recorded, ignoring sample rates. */
  public long valueCount() {
    return valueCount;
  }

  /** True while every value is held raw, and so every statistic is exact. */
  public boolean isExact() {
    return histogram == null;
  }

  public double sum() {
    return isExact() ? sorted().sumOfLowest(valueCount) : sum;
  }

  public double sumSquares() {
    return isExact() ? sorted().sumSquaresOfLowest(valueCount) : sumSquares;
  }

  /** {@code sum / valueCount}: sample rates do not weigh the mean, as in Etsy StatsD. */
  public double mean() {
    return sum() / valueCount;
  }

  /** The population standard deviation. */
  public double std() {
    if (isExact()) {
      return ((ExactValues) sorted()).standardDeviation();
    }
    return Math.sqrt(squaredDeviations / valueCount);
  }

  public double upper() {
    return max;
  }

  public double lower() {
    return min;
  }

  /** The middle value, or the mean of the two middle values when there is an even number. */
  public double median() {
    SortedValues values = sorted();
    long middle = valueCount / 2;
    if (valueCount % 2 == 1) {
      return values.atRank(middle + 1);
    }
    return (values.atRank(middle) + values.atRank(middle + 1)) / 2;
  }

  /**
   * The {@code _NN} fields for one threshold, or empty when the threshold selects no value (Etsy
   * then writes none of them).
   */
  public Optional<ThresholdStatistics> threshold(PercentileThreshold threshold) {
    SortedValues values = sorted();
    long n = valueCount;
    long selected = n > 1 ? Math.round(Math.abs(threshold.percent()) / 100 * n) : n;
    if (selected == 0) {
      return Optional.empty();
    }
    double boundary;
    double selectedSum;
    double selectedSquares;
    if (threshold.percent() > 0) {
      boundary = values.atRank(selected);
      selectedSum = values.sumOfLowest(selected);
      selectedSquares = values.sumSquaresOfLowest(selected);
    } else {
      boundary = values.atRank(n - selected + 1);
      selectedSum = values.sumOfLowest(n) - values.sumOfLowest(n - selected);
      selectedSquares = values.sumSquaresOfLowest(n) - values.sumSquaresOfLowest(n - selected);
    }
    return Optional.of(
        new ThresholdStatistics(
            selected, selectedSum / selected, boundary, selectedSum, selectedSquares));
  }

  private SortedValues sorted() {
    if (valueCount == 0) {
      throw new IllegalStateException("no value recorded");
    }
    if (sorted == null) {
      sorted =
          isExact()
              ? new ExactValues(exact, (int) valueCount)
              : new HistogramValues(histogram, min, max, sum, sumSquares);
    }
    return sorted;
  }
}
