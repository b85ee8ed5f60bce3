package dev.mosaic.aggregator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mosaic.contract.MetricPartitioner;
import dev.mosaic.contract.MetricSample;
import dev.mosaic.contract.SampleBatch;
import dev.mosaic.contract.SampleBatchSerde;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Writes rounds of counter and timer samples to a samples topic, as collectors would, and keeps
 * what each interval must then report: {@code stats_counts.<counter>} and {@code
 * stats.timers.<timer>.count}.
 *
 * <p>Live samples are stamped with the start of the interval after the current one (not later than
 * one interval ahead, so not "from the future"), and during the first half of an interval also with
 * the current time. This leaves at least half an interval plus the grace between writing a sample
 * and the flush of its interval, so none is late however slow the machine, and each interval's
 * expected value is exact. Records then hold samples of two intervals, as a collector's do around a
 * boundary, so that after a restart or rebalance the first record read again also holds samples of
 * an interval already published.
 */
final class LiveSamples implements AutoCloseable {
  private static final List<String> COUNTERS =
      IntStream.range(0, 12).mapToObj(i -> "live.c" + i).toList();
  private static final List<String> TIMERS =
      IntStream.range(0, 4).mapToObj(i -> "live.t" + i).toList();

  private final KafkaProducer<byte[], SampleBatch> producer;
  private final String topic;
  private final int partitions;
  private final long intervalMillis;
  private final Random random = new Random(42);
  private final TreeMap<Long, Map<String, Double>> expected = new TreeMap<>();

  LiveSamples(String bootstrapServers, String topic, int partitions, long intervalMillis) {
    this.producer =
        new KafkaProducer<>(
            Map.of("bootstrap.servers", bootstrapServers, "acks", "all"),
            new ByteArraySerializer(),
            new SampleBatchSerde().serializer());
    this.topic = topic;
    this.partitions = partitions;
    this.intervalMillis = intervalMillis;
  }

  long startOf(long millis) {
    return Math.floorDiv(millis, intervalMillis) * intervalMillis;
  }

  /** The start of the last interval any sample was stamped in. */
  long lastInterval() {
    return expected.lastKey();
  }

  /** Sends a round every 150 ms until {@code untilMillis} (see the class comment for stamps). */
  void sendUntil(long untilMillis) throws Exception {
    while (System.currentTimeMillis() < untilMillis) {
      long now = System.currentTimeMillis();
      long current = startOf(now);
      if (now - current < intervalMillis / 2) {
        send(now, current + intervalMillis);
      } else {
        send(current + intervalMillis);
      }
      Thread.sleep(150);
    }
  }

  /** Sends one sample on its own, outside the expected totals. */
  void sendOne(MetricSample sample) throws Exception {
    producer
        .send(
            new ProducerRecord<>(
                topic,
                MetricPartitioner.partitionFor(sample.name(), partitions),
                null,
                new SampleBatch(List.of(sample))))
        .get();
  }

  /**
   * One round per stamp: every counter once, every timer one to three times; one record per
   * partition holding the samples of every stamp.
   */
  void send(long... stamps) throws Exception {
    Map<Integer, List<MetricSample>> byPartition = new HashMap<>();
    for (long at : stamps) {
      addRound(byPartition, at);
    }
    for (Map.Entry<Integer, List<MetricSample>> partition : byPartition.entrySet()) {
      producer
          .send(
              new ProducerRecord<>(
                  topic, partition.getKey(), null, new SampleBatch(partition.getValue())))
          .get();
    }
  }

  private void addRound(Map<Integer, List<MetricSample>> byPartition, long at) {
    Map<String, Double> values = expected.computeIfAbsent(startOf(at), s -> new TreeMap<>());
    for (String counter : COUNTERS) {
      int value = 1 + random.nextInt(9);
      add(byPartition, MetricSample.counter(counter, value, 1.0, at));
      values.merge("stats_counts." + counter, (double) value, Double::sum);
    }
    for (String timer : TIMERS) {
      int count = 1 + random.nextInt(3);
      for (int i = 0; i < count; i++) {
        add(byPartition, MetricSample.timer(timer, random.nextInt(500), 1.0, at));
      }
      values.merge("stats.timers." + timer + ".count", (double) count, Double::sum);
    }
  }

  private void add(Map<Integer, List<MetricSample>> byPartition, MetricSample sample) {
    byPartition
        .computeIfAbsent(
            MetricPartitioner.partitionFor(sample.name(), partitions), p -> new ArrayList<>())
        .add(sample);
  }

  /**
   * Asserts that every interval sent to reports exactly the expected totals and counts, and that no
   * point of any interval was written more than once.
   *
   * @param seen what {@link AggregatesReader#poll()} returned
   */
  void assertPublishedExactlyOnce(Map<Long, Map<String, List<Double>>> seen) {
    for (Map.Entry<Long, Map<String, Double>> interval : expected.entrySet()) {
      Map<String, List<Double>> published = seen.get(interval.getKey() / 1000);
      assertThat(published).as("interval %d published", interval.getKey()).isNotNull();
      interval
          .getValue()
          .forEach(
              (name, value) ->
                  assertThat(published.get(name))
                      .as("%s in interval %d", name, interval.getKey())
                      .containsExactly(value));
    }
    seen.forEach(
        (timestamp, points) ->
            points.forEach(
                (name, values) ->
                    assertThat(values).as("%s at %d written once", name, timestamp).hasSize(1)));
  }

  @Override
  public void close() {
    producer.close();
  }
}
