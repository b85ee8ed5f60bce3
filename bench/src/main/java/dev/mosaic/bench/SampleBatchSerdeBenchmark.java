package dev.mosaic.bench;

import dev.mosaic.contract.SampleBatch;
import dev.mosaic.contract.SampleBatchSerde;
import java.util.List;
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
 * Nanoseconds per sample to encode, and to decode, one 2,000-sample batch: the record the collector
 * writes to the samples topic and the aggregator reads back. The encoded size per sample is printed
 * once per trial ({@code bytes/sample}).
 *
 * <pre>
 * collector → [SampleBatchSerde.encode] → Kafka → [SampleBatchSerde.decode] → aggregator
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
public class SampleBatchSerdeBenchmark {
  static final int BATCH_SIZE = 2_000;

  /** 1: the entry-per-sample format older collectors wrote; 2: runs per series. */
  @Param({"1", "2"})
  public int format;

  /** Samples of one series in a row in the batch: 1 is 2,000 distinct names. */
  @Param({"1", "10"})
  public int runLength;

  private SampleBatch batch;
  private byte[] encoded;

  @Setup(Level.Trial)
  public void buildBatch() {
    batch =
        new SampleBatch(
            List.of(
                SampleMix.mixed(
                    BATCH_SIZE, BATCH_SIZE, runLength, BenchAggregators.INTERVAL_START)));
    encoded = encode();
    System.out.printf(
        "%nformat %d, run length %d: %.1f bytes/sample%n",
        format, runLength, encoded.length / (double) BATCH_SIZE);
  }

  @Benchmark
  @OperationsPerInvocation(BATCH_SIZE)
  public byte[] encode() {
    return format == 1 ? SampleBatchSerde.encodeVersion1(batch) : SampleBatchSerde.encode(batch);
  }

  @Benchmark
  @OperationsPerInvocation(BATCH_SIZE)
  public SampleBatch decode() {
    return SampleBatchSerde.decode(encoded);
  }
}
