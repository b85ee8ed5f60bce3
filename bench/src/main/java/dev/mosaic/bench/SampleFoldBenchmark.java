package dev.mosaic.bench;

import dev.mosaic.collector.publish.SampleBatcher;
import dev.mosaic.collector.publish.SampleFolding;
import dev.mosaic.contract.MetricSample;
import dev.mosaic.contract.SampleBatch;
import dev.mosaic.contract.SampleBatchSerde;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Nanoseconds per received sample for one receive thread's linger (50 ms) of the load harness's
 * traffic, from {@code SampleBatcher.add} to the encoded records (or, with {@code encode=false}, to
 * the closed batches), with folding on and off. The encoded bytes and the samples published per
 * received sample are printed once per trial.
 *
 * <pre>
 * parsed samples → [SampleBatcher.add → FoldingBatch → SampleBatchSerde.encode] → producer
 * </pre>
 *
 * <p>The input is the harness's line mix ({@code PacketPool}: 40 % counters {@code :1|c}, 30 %
 * timers, 20 % absolute gauges, 10 % sets of 16 members, names cycled in order) at 500,000 lines/s
 * over two receive threads: 12,500 lines per thread per 50 ms, 4 partitions (the {@code
 * kafka.partitions} default). Each sender thread of the harness cycles over every name, so each
 * receive thread sees every name: 1.25 times per batch with 10,000 names; 5,000 names give the 2.5
 * times of 10,000 names at 1,000,000 lines/s. Names are one {@code String} instance each, as the
 * receive path's name table hands them out.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
public class SampleFoldBenchmark {
  static final int LINES = 12_500;
  static final int PARTITIONS = 4;
  private static final long AT = 1_700_000_000_000L;

  @Param({"true", "false"})
  public boolean fold;

  /** Distinct names: the harness's 10,000, and 5,000 for the repetition of twice the rate. */
  @Param({"10000", "5000"})
  public int names;

  /** False: published batches are only counted, to show the batcher's own cost. */
  @Param({"true", "false"})
  public boolean encode;

  private MetricSample[] samples;
  private SampleBatcher batcher;
  private long encodedBytes;
  private long published;

  @Setup(Level.Trial)
  public void build() {
    String[] nameTable = new String[names];
    samples = new MetricSample[LINES];
    for (int j = 0; j < LINES; j++) {
      samples[j] = sample(nameTable, j % names, j, AT + j * 50L / LINES);
    }
    batcher =
        new SampleBatcher(
            (partition, batch) -> encode(batch),
            PARTITIONS,
            10_000,
            Duration.ofMillis(50),
            Clock.fixed(Instant.ofEpochMilli(AT), ZoneOffset.UTC),
            delay -> {},
            new SampleFolding(fold, folded -> {}));
    encodedBytes = 0;
    published = 0;
    linger();
    if (encode) {
      System.out.printf(
          "%nfold %s, %d names: %.2f bytes and %.3f samples published per sample received%n",
          fold, names, encodedBytes / (double) LINES, published / (double) LINES);
    }
  }

  private static MetricSample sample(String[] table, int n, long j, long at) {
    int kind = n % 10;
    if (kind < 4) {
      return MetricSample.counter(name(table, n, "load.c."), 1, 1.0, at);
    }
    if (kind < 7) {
      return MetricSample.timer(name(table, n, "load.t."), j % 1000, 1.0, at);
    }
    if (kind < 9) {
      return MetricSample.gauge(name(table, n, "load.g."), j % 500, at);
    }
    return MetricSample.set(name(table, n, "load.s."), "u" + j % 16, at);
  }

  private static String name(String[] table, int n, String prefix) {
    if (table[n] == null) {
      table[n] = prefix + n;
    }
    return table[n];
  }

  private void encode(SampleBatch batch) {
    if (encode) {
      encodedBytes += SampleBatchSerde.encode(batch).length;
    }
    published += batch.samples().size();
  }

  /** One thread's linger: every sample added, then every batch published and encoded. */
  @Benchmark
  @OperationsPerInvocation(LINES)
  public long linger() {
    for (MetricSample s : samples) {
      batcher.add(s);
    }
    batcher.flushAll();
    return encodedBytes + published;
  }
}
