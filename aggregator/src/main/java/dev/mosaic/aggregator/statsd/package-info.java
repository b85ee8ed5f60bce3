/**
 * Etsy StatsD 0.9 aggregation, without Kafka: samples go into wall-clock-aligned intervals, and
 * each closed interval becomes the Graphite points StatsD's graphite backend would write with its
 * defaults.
 *
 * <pre>
 *   MetricSample → IntervalAggregator → IntervalState → SeriesRegistry → FlushedInterval
 *                                        (TimerStatistics)  (StatsdGraphiteNaming)
 * </pre>
 *
 * <h2>Intervals</h2>
 *
 * An interval of length {@code L} (whole seconds) covers receive times {@code [t, t + L)}, {@code
 * t} a multiple of {@code L} since the epoch; a sample at exactly {@code t + L} belongs to the next
 * one. Every point carries {@code t} in epoch seconds, the interval <em>start</em> (as
 * carbon-aggregator stamps). Etsy StatsD stamps the flush time instead, about {@code t + L}, so the
 * same data lands one Graphite slot earlier here.
 *
 * <h2>Statistics</h2>
 *
 * For one series and one interval ({@code n} values, {@code r} each value's sample rate, {@code L}
 * in seconds):
 *
 * <ul>
 *   <li><b>Counter</b> — {@code stats_counts.<name>} = Σ value × (1 / r); {@code stats.<name>} =
 *       that count / L. A known counter with no sample reports 0 for both.
 *   <li><b>Gauge</b> — {@code stats.gauges.<name>} = the level: a plain value sets it, a delta
 *       ({@code +N}/{@code -N}) adds to it, and a delta to a gauge never set sets it to the delta.
 *       The level is reported every interval until set again.
 *   <li><b>Set</b> — {@code stats.sets.<name>.count} = the number of distinct members; 0 when idle.
 *   <li><b>Timer</b> — {@code stats.timers.<name>.}:
 *       <ul>
 *         <li>{@code count} = Σ 1 / r; {@code count_ps} = count / L (the only two fields an idle
 *             timer reports, both 0);
 *         <li>{@code sum}, {@code sum_squares}, {@code upper} (maximum), {@code lower} (minimum);
 *         <li>{@code mean} = sum / n — sample rates do not weigh it;
 *         <li>{@code median} = the middle value, or the mean of the two middle values for even n;
 *         <li>{@code std} = the population standard deviation, √(Σ (v − mean)² / n);
 *         <li>for each percentile threshold p: k = round(|p| / 100 × n) (k = n when n = 1; no field
 *             when k = 0); {@code count_p} = k, {@code sum_p} and {@code sum_squares_p} over the k
 *             lowest values (for negative p the k highest), {@code mean_p} = sum_p / k, {@code
 *             upper_p} the largest of them (for negative p: {@code lower_topP}, the smallest).
 *             {@code 99.9} is written {@code 99_9}.
 *         <li>with a {@code histogram} rule for the name ({@link TimerHistogramBins}): {@code
 *             histogram.bin_<b>} = how many values are below bound b and not below the bound before
 *             (0 for the first); values not below the last bound are in no bin. Always exact: the
 *             bins are counted as values arrive.
 *       </ul>
 * </ul>
 *
 * <p>Paths are shown with Etsy's default naming; {@link StatsdGraphiteNaming} gives them under
 * other naming settings, and {@link IdleSeriesPolicy} lets idle series of each type report nothing
 * instead of 0 or their last level.
 *
 * <h2>Error bounds</h2>
 *
 * While a timer series holds at most {@code exact-timer-samples} values in an interval (default
 * 128, 8 bytes each), its raw values are kept and every field equals Etsy StatsD's bit for bit,
 * sums being added in its order (ascending values). Beyond that bound the values move into an
 * HdrHistogram {@code PackedDoubleHistogram} with 3 significant digits, whose buckets are narrower
 * than 1/1024 of the values they hold:
 *
 * <ul>
 *   <li>{@code count}, {@code count_ps}, {@code upper}, {@code lower} stay exact; {@code sum},
 *       {@code sum_squares}, {@code mean} and {@code std} (Welford's running update) are exact up
 *       to double rounding in arrival order;
 *   <li>{@code median}, {@code upper_p}, {@code lower_topP}, {@code sum_p} and {@code mean_p} use
 *       each bucket's midpoint for its values: within 0.05 % of the exact value (e.g. 1000 ms may
 *       be reported as 999.5 to 1000.5 ms); {@code sum_squares_p} within 0.1 %; {@code count_p} is
 *       exact; with p = 100 every field is exact.
 *   <li>Values are 0 or in [1e-300, 1e300]; any other timer value is a bad sample (the histogram
 *       cannot hold subnormal values or ones near {@code Double.MAX_VALUE}). The histogram spans
 *       about 2<sup>53</sup> : 1 between its smallest and largest non-zero value; a value outside
 *       that span counts as the nearest value it holds for the percentile fields only.
 * </ul>
 *
 * Memory per active timer series and interval: at most {@code exact-timer-samples} × 8 bytes, then
 * the packed histogram, which grows with the number of distinct buckets hit: measured 2 to 8 KiB
 * for 200 to 1,000,000 normally distributed latencies, about 35 KiB at most for values spread
 * evenly over six decades. Counters and gauges take one number; sets keep every distinct member
 * until the interval is flushed.
 *
 * <h2>Differences from Etsy StatsD 0.9</h2>
 *
 * A negative threshold that selects every value (e.g. -90 with two values) makes Etsy write {@code
 * NaN} for its sums; here they are the sums of all values. Deltas to a gauge that receives no plain
 * value in an interval are summed before they are added to the previous level — identical for
 * integer deltas, otherwise the last bit may differ. StatsD's own metrics ({@code statsd.*}, {@code
 * numStats}) are not written; mosaic's self-metrics are Micrometer meters. A value that would be
 * infinite (an overflowing sum) is not written and counts in {@code
 * mosaic.aggregator.non_finite_points}.
 */
package dev.mosaic.aggregator.statsd;
