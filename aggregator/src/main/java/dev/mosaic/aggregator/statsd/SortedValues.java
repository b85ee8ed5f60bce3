package dev.mosaic.aggregator.statsd;

/**
 * One interval's timer values in ascending order, read by rank the way Etsy StatsD's percentile
 * rules read its sorted array.
 *
 * <pre>
 *   TimerStatistics → SortedValues (exact array or histogram buckets) → median, upper_90, sum_90 …
 * </pre>
 */
interface SortedValues {
  /** How many values there are, at least 1. */
  long size();

  /** The value at a 1-based rank in [1, size()]; rank 1 is the smallest. */
  double atRank(long rank);

  /** The sum of the {@code k} smallest values, k in [0, size()]; Etsy's cumulative sum. */
  double sumOfLowest(long k);

  /** The sum of the squares of the {@code k} smallest values, k in [0, size()]. */
  double sumSquaresOfLowest(long k);
}
