package dev.mosaic.collector.listener;

import dev.mosaic.contract.MetricSample;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * Etsy StatsD's own three counters, kept over the StatsD UDP and TCP listeners together and
 * published into the pipeline as ordinary counter samples, so that they reach Graphite as {@code
 * stats_counts.statsd.*} exactly where Etsy StatsD writes them.
 *
 * <pre>
 * StatsdDatagramHandler / ReadCounter / TcpLineHandler / ListenerSink → StatsdCounters
 *     → (every linger) drainTo → batcher → samples topic
 * </pre>
 *
 * <p>Counted as Etsy StatsD 0.9.0's {@code stats.js} counts them:
 *
 * <ul>
 *   <li>{@code statsd.packets_received}: each UDP datagram; over TCP each read that holds at least
 *       one line break (Etsy hands each such chunk to its packet handler).
 *   <li>{@code statsd.metrics_received}: each non-empty line, bad ones included.
 *   <li>{@code statsd.bad_lines_seen}: each rejected line, and each rejected value of a multi-value
 *       line.
 * </ul>
 *
 * <p>Thread safety: every method may be called from any thread.
 */
public final class StatsdCounters {
  /** Names of the published samples, as Etsy's with its default {@code prefixStats}. */
  public static final String PACKETS_RECEIVED = "statsd.packets_received";

  public static final String METRICS_RECEIVED = "statsd.metrics_received";
  public static final String BAD_LINES_SEEN = "statsd.bad_lines_seen";

  private final LongAdder packets = new LongAdder();
  private final LongAdder metrics = new LongAdder();
  private final LongAdder badLines = new LongAdder();

  void packet() {
    packets.increment();
  }

  void packets(long count) {
    if (count > 0) {
      packets.add(count);
    }
  }

  void metrics(long lines) {
    if (lines > 0) {
      metrics.add(lines);
    }
  }

  void badLine() {
    badLines.increment();
  }

  /**
   * Hands each counter that moved since the last call to {@code samples} as a counter sample of
   * that many, stamped {@code atMillis}, and starts counting from zero again. A counter at zero is
   * not sent: the aggregator writes an idle counter as 0 by itself.
   *
   * <p>Counts that arrive while this runs are kept for the next call, never lost: {@link
   * LongAdder#sumThenReset()} swaps each cell to zero atomically.
   */
  public void drainTo(long atMillis, Consumer<MetricSample> samples) {
    emit(PACKETS_RECEIVED, packets, atMillis, samples);
    emit(METRICS_RECEIVED, metrics, atMillis, samples);
    emit(BAD_LINES_SEEN, badLines, atMillis, samples);
  }

  private static void emit(
      String name, LongAdder counter, long atMillis, Consumer<MetricSample> samples) {
    long count = counter.sumThenReset();
    if (count > 0) {
      samples.accept(MetricSample.counter(name, count, 1.0, atMillis));
    }
  }
}
