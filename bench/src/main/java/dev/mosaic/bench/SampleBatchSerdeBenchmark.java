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
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Microseconds to encode, and to encode then decode, one 2,000-sample batch: the record the
 * collector writes to the samples topic and the aggregator reads back.
 *
 * <pre>
 * collector → [SampleBatchSerde.encode] → Kafka → [SampleBatchSerde.decode] → aggregator
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
public class SampleBatchSerdeBenchmark {
  static final int BATCH_SIZE = 2_000;

  private SampleBatch batch;
  private byte[] encoded;

  @Setup(Level.Trial)
  public void buildBatch() {
    batch =
        new SampleBatch(
            List.of(SampleMix.mixed(BATCH_SIZE, BATCH_SIZE, BenchAggregators.INTERVAL_START)));
    encoded = SampleBatchSerde.encode(batch);
  }

  @Benchmark
  public byte[] encode() {
    return SampleBatchSerde.encode(batch);
  }

  @Benchmark
  public SampleBatch decode() {
    return SampleBatchSerde.decode(encoded);
  }

  @Benchmark
  public SampleBatch encodeThenDecode() {
    return SampleBatchSerde.decode(SampleBatchSerde.encode(batch));
  }
}
