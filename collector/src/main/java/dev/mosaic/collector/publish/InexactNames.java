package dev.mosaic.collector.publish;

import java.util.HashSet;
import java.util.Set;

/**
 * The counter and gauge names whose values, on one batcher's thread, were ever not small integers:
 * their samples are no longer summed into one.
 *
 * <pre>
 * SampleBatcher → FoldingBatch (one per partition) → InexactNames (one per batcher)
 * </pre>
 *
 * <p>Why: the aggregator adds a counter's contributions, and a gauge's deltas, one by one onto a
 * running total that lives for a whole interval, longer than a batch. Summing two of them first,
 * {@code x + (a + b)} instead of {@code (x + a) + b}, is exact only while every operand is an
 * integer below {@link #EXACT_BOUND}; one fraction anywhere in the running total (an earlier batch
 * of this thread, a sampled counter such as {@code @0.3}) lets the two roundings differ. So a name
 * is remembered here from its first non-integral value on, for good: the collector does not know
 * the aggregator's interval, and names with fractions are rare in practice.
 *
 * <p>Size: at most one entry per name of this thread, which {@code collector.max-series} bounds.
 * Not thread-safe; the batcher's lock guards it.
 */
final class InexactNames {
  /**
   * Integers strictly below 2^48 in magnitude: two of them, and the running totals of an interval
   * built from up to 32 such sums, add exactly in a double (exact up to 2^53).
   */
  static final double EXACT_BOUND = 0x1p48;

  private final Set<String> counters = new HashSet<>();
  private final Set<String> gauges = new HashSet<>();

  /**
   * True for integers strictly inside ±{@link #EXACT_BOUND}, -0.0 included (sums of integers keep
   * the sign of zero the same in any order); false for fractions, NaN and infinities.
   */
  static boolean isExact(double value) {
    return Math.abs(value) < EXACT_BOUND && value == Math.rint(value);
  }

  boolean counter(String name) {
    return !counters.isEmpty() && counters.contains(name);
  }

  boolean gauge(String name) {
    return !gauges.isEmpty() && gauges.contains(name);
  }

  void markCounter(String name) {
    counters.add(name);
  }

  void markGauge(String name) {
    gauges.add(name);
  }
}
