package dev.mosaic.bench;

import com.sun.management.ThreadMXBean;
import dev.mosaic.aggregator.statsd.FlushedInterval;
import dev.mosaic.aggregator.statsd.IntervalAggregator;
import dev.mosaic.contract.MetricSample;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;

/**
 * The flush of {@link AggregatorFlushBenchmark} in a plain loop, printing per flush its wall time,
 * the CPU time of the Java threads, the GC time within it and the bytes allocated per point: a
 * program to run under a profiler ({@code -XX:StartFlightRecording}), where JMH's forks and set-up
 * would blur the picture.
 *
 * <pre>
 * FlushRounds → IntervalAggregator.add (not measured) → flushNext (measured)
 * </pre>
 *
 * <p>Usage: {@code FlushRounds [series, default 1000000] [rounds, default 5] [first|steady] [gc]}:
 * {@code first} flushes a fresh aggregator each round, {@code steady} keeps one aggregator, so
 * every round after the first flushes series it already knows; {@code gc} runs a full GC before
 * each flush, so the flush's GC time is only what its own allocation causes.
 */
public final class FlushRounds {
  private static final ThreadMXBean THREADS = (ThreadMXBean) ManagementFactory.getThreadMXBean();

  private FlushRounds() {}

  public static void main(String[] args) {
    int series = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    boolean steady = args.length > 2 && args[2].equals("steady");
    boolean gcFirst = args.length > 3 && args[3].equals("gc");
    IntervalAggregator aggregator = null;
    for (int round = 0; round < rounds; round++) {
      long start = BenchAggregators.INTERVAL_START;
      if (steady && aggregator != null) {
        start += round * BenchAggregators.INTERVAL_MILLIS;
      } else {
        aggregator = BenchAggregators.newAggregator();
      }
      for (MetricSample sample : AggregatorFlushBenchmark.workload(series, 10, start)) {
        aggregator.add(sample, start);
      }
      if (gcFirst) {
        System.gc();
      }
      long gcBefore = gcMillis();
      long allocatedBefore = allocatedBytes();
      long cpuBefore = cpuNanos();
      long before = System.nanoTime();
      FlushedInterval flushed =
          aggregator
              .flushNext(start + BenchAggregators.INTERVAL_MILLIS + 3_000, Long.MAX_VALUE)
              .orElseThrow();
      long nanos = System.nanoTime() - before;
      long allocated = allocatedBytes() - allocatedBefore;
      long cpu = cpuNanos() - cpuBefore;
      System.out.printf(
          "round %d: %d ms, CPU %d ms, GC %d ms, %d points, %d B allocated per point%n",
          round,
          nanos / 1_000_000,
          cpu / 1_000_000,
          gcMillis() - gcBefore,
          flushed.pointCount(),
          allocated / flushed.pointCount());
    }
  }

  private static long gcMillis() {
    long total = 0;
    for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
      total += collector.getCollectionTime();
    }
    return total;
  }

  /** CPU time so far of the live Java threads (the flush's helper included, GC threads not). */
  private static long cpuNanos() {
    long total = 0;
    for (long id : THREADS.getAllThreadIds()) {
      total += Math.max(0, THREADS.getThreadCpuTime(id));
    }
    return total;
  }

  /** Bytes allocated so far by the live threads, the flush's helper thread included. */
  private static long allocatedBytes() {
    long total = 0;
    for (long bytes : THREADS.getThreadAllocatedBytes(THREADS.getAllThreadIds())) {
      total += Math.max(0, bytes);
    }
    return total;
  }
}
