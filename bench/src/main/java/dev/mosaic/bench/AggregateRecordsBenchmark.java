package dev.mosaic.bench;

import dev.mosaic.aggregator.statsd.FlushedInterval;
import dev.mosaic.aggregator.statsd.SeriesAggregates;
import dev.mosaic.contract.AggregateBatch;
import dev.mosaic.contract.AggregateBatchSerde;
import dev.mosaic.contract.AggregateBatchWriter;
import dev.mosaic.contract.AggregatePoint;
import dev.mosaic.contract.MetricPartitioner;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The aggregator's publish of one interval of {@code series} series, up to the Kafka producer:
 * grouping the points by partition, cutting them into records of at most 10,000 points and about
 * 512 KiB, and encoding each record. {@link #listsThenEncode} is the way {@code AggregatePublisher}
 * did it (a list per partition, sub-lists per record, {@link AggregateBatchSerde#encode} of each),
 * {@link #writerOnePass} the way it does it now (one {@link AggregateBatchWriter} per partition,
 * cut while encoding). The set-up checks that both give the same records, byte for byte, in the
 * same order per partition.
 *
 * <pre>
 * FlushedInterval → [partition, cut, encode] → KafkaProducer.send
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class AggregateRecordsBenchmark {
  private static final int MAX_POINTS = 10_000;
  private static final int MAX_BYTES = 512 * 1024;

  @Param({"100000"})
  public int series;

  /** {@code harness}: the load harness's values; {@code random}: timers of random doubles. */
  @Param({"harness", "random"})
  public String values;

  /** The aggregates topic's partitions ({@code kafka.partitions}' default). */
  @Param({"4"})
  public int partitions;

  private FlushedInterval interval;

  @Setup
  public void setUp() {
    interval = IntervalPoints.interval(series, values);
    Map<Integer, List<byte[]>> before = new TreeMap<>();
    Map<Integer, List<byte[]>> now = new TreeMap<>();
    listsThenEncode(interval, (p, r) -> before.computeIfAbsent(p, k -> new ArrayList<>()).add(r));
    writerOnePass(interval, (p, r) -> now.computeIfAbsent(p, k -> new ArrayList<>()).add(r));
    if (!before.keySet().equals(now.keySet())) {
      throw new IllegalStateException("the partitions differ");
    }
    before.forEach(
        (partition, records) -> {
          List<byte[]> other = now.get(partition);
          if (records.size() != other.size()) {
            throw new IllegalStateException("record counts differ in partition " + partition);
          }
          for (int i = 0; i < records.size(); i++) {
            if (!Arrays.equals(records.get(i), other.get(i))) {
              throw new IllegalStateException("record " + i + " of " + partition + " differs");
            }
          }
        });
    System.out.printf(
        "%n%d points in %d records%n",
        IntervalPoints.points(interval).size(),
        before.values().stream().mapToInt(List::size).sum());
  }

  @Benchmark
  public void listsThenEncode(Blackhole out) {
    listsThenEncode(interval, (partition, record) -> out.consume(record));
  }

  @Benchmark
  public void writerOnePass(Blackhole out) {
    writerOnePass(interval, (partition, record) -> out.consume(record));
  }

  /** AggregatePublisher before: byPartition, chunks, encode. */
  private void listsThenEncode(FlushedInterval interval, BiConsumer<Integer, byte[]> send) {
    Map<Integer, List<AggregatePoint>> byPartition = new TreeMap<>();
    for (SeriesAggregates s : interval.series()) {
      byPartition
          .computeIfAbsent(
              MetricPartitioner.partitionFor(s.sourceName(), partitions), p -> new ArrayList<>())
          .addAll(s.points());
    }
    byPartition.forEach(
        (partition, points) -> {
          int from = 0;
          int bytes = 0;
          List<List<AggregatePoint>> chunks = new ArrayList<>();
          for (int i = 0; i < points.size(); i++) {
            int size = points.get(i).name().length() * 3 + 16;
            if (i > from && (i - from == MAX_POINTS || bytes + size > MAX_BYTES)) {
              chunks.add(points.subList(from, i));
              from = i;
              bytes = 0;
            }
            bytes += size;
          }
          if (from < points.size()) {
            chunks.add(points.subList(from, points.size()));
          }
          for (List<AggregatePoint> chunk : chunks) {
            send.accept(
                partition,
                AggregateBatchSerde.encode(
                    new AggregateBatch(interval.startMillis(), interval.lengthMillis(), chunk)));
          }
        });
  }

  /** AggregatePublisher now: one writer per partition, cut while encoding. */
  private void writerOnePass(FlushedInterval interval, BiConsumer<Integer, byte[]> send) {
    AggregateBatchWriter[] writers = new AggregateBatchWriter[partitions];
    int[] estimated = new int[partitions];
    for (SeriesAggregates s : interval.series()) {
      int partition = MetricPartitioner.partitionFor(s.sourceName(), partitions);
      AggregateBatchWriter writer = writers[partition];
      if (writer == null) {
        writer =
            new AggregateBatchWriter(interval.startMillis(), interval.lengthMillis(), 64 * 1024);
        writers[partition] = writer;
      }
      for (AggregatePoint point : s.points()) {
        int size = point.name().length() * 3 + 16;
        int inRecord = writer.points();
        if (inRecord > 0 && (inRecord == MAX_POINTS || estimated[partition] + size > MAX_BYTES)) {
          send.accept(partition, writer.toByteArray());
          writer.clear();
          estimated[partition] = 0;
        }
        estimated[partition] += size;
        writer.add(point);
      }
    }
    for (int partition = 0; partition < partitions; partition++) {
      if (writers[partition] != null && writers[partition].points() > 0) {
        send.accept(partition, writers[partition].toByteArray());
      }
    }
  }
}
