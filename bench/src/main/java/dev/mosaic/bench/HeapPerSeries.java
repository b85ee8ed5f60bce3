package dev.mosaic.bench;

import dev.mosaic.aggregator.statsd.IntervalAggregator;
import dev.mosaic.contract.MetricSample;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.ref.Reference;
import java.util.Arrays;
import java.util.function.IntFunction;

/**
 * Prints the heap an {@link IntervalAggregator} retains per series, by kind of series, from the
 * heap used after a full GC before and after filling one interval with N series, and after flushing
 * that interval.
 *
 * <pre>
 * HeapPerSeries → IntervalAggregator (one open interval, N series)
 * </pre>
 *
 * <p>The figure includes everything the aggregator keeps for a series: its name, its registry entry
 * and its interval state. {@code System.gc()} is a request, and the heap-used figure of the
 * collector rounds to regions or pages, so each kind is measured several times and the median is
 * printed; run with {@code -XX:+UseSerialGC} for the steadiest figures. With 200,000 series a
 * rounding error of 1 MiB moves the result by about 5 bytes per series.
 *
 * <p>Usage: {@code HeapPerSeries [series, default 200000] [repetitions, default 5]}.
 */
public final class HeapPerSeries {
  private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

  private HeapPerSeries() {}

  public static void main(String[] args) {
    int series = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
    int repetitions = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    long at = BenchAggregators.INTERVAL_START;
    System.out.printf("series=%d repetitions=%d (median bytes per series)%n", series, repetitions);
    report("counter", series, repetitions, 1, i -> MetricSample.counter("a.c" + i, 1, 1, at));
    report("gauge", series, repetitions, 1, i -> MetricSample.gauge("a.g" + i, i, at));
    report("set, 1 member", series, repetitions, 1, i -> MetricSample.set("a.s" + i, "m", at));
    report("timer, 1 value", series, repetitions, 1, i -> MetricSample.timer("a.t" + i, i, 1, at));
    report(
        "timer, 10 values",
        series,
        repetitions,
        10,
        i -> MetricSample.timer("a.t" + i / 10, i % 10 * 7.5, 1, at));
  }

  /**
   * Prints two figures per kind: the heap of one open interval with N series, and what stays once
   * that interval is flushed (the known series: name, registry entry, cached Graphite paths), which
   * a running aggregator holds for every series it reports.
   *
   * @param samplesPerSeries how many consecutive sample indexes map to one series
   */
  private static void report(
      String kind,
      int series,
      int repetitions,
      int samplesPerSeries,
      IntFunction<MetricSample> sampleAt) {
    long[] open = new long[repetitions];
    long[] known = new long[repetitions];
    for (int r = 0; r < repetitions; r++) {
      long before = usedAfterGc();
      IntervalAggregator aggregator = BenchAggregators.newAggregator();
      for (int i = 0; i < series * samplesPerSeries; i++) {
        aggregator.add(sampleAt.apply(i), BenchAggregators.INTERVAL_START);
      }
      long filled = usedAfterGc();
      if (aggregator.openIntervalCount() != 1) {
        throw new IllegalStateException(kind + ": the samples did not land in one interval");
      }
      aggregator.flushNext(BenchAggregators.afterFirstInterval(), Long.MAX_VALUE).orElseThrow();
      aggregator.drainSeriesChanges();
      long flushed = usedAfterGc();
      open[r] = (filled - before) / series;
      known[r] = (flushed - before) / series;
      Reference.reachabilityFence(aggregator);
    }
    System.out.printf(
        "%-18s open interval %6d B/series, known after its flush %6d B/series   runs %s %s%n",
        kind, median(open), median(known), Arrays.toString(open), Arrays.toString(known));
  }

  private static long median(long[] values) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  private static long usedAfterGc() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return MEMORY.getHeapMemoryUsage().getUsed();
  }
}
