package dev.mosaic.aggregator.statsd;

/**
 * What Etsy StatsD writes for one percentile threshold of one timer in one interval.
 *
 * <pre>
 *   TimerStatistics#threshold(90) → ThresholdStatistics → count_90, mean_90, upper_90, sum_90, sum_squares_90
 * </pre>
 *
 * @param count how many values the threshold selects: {@code round(|pct| / 100 × values)}
 * @param mean {@code sum / count}
 * @param boundary the largest selected value ({@code upper_NN}), or for a negative threshold the
 *     smallest ({@code lower_topNN})
 * @param sum the sum of the selected values
 * @param sumSquares the sum of their squares
 */
public record ThresholdStatistics(
    long count, double mean, double boundary, double sum, double sumSquares) {}
