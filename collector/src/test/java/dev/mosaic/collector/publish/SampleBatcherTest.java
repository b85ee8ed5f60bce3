package dev.mosaic.collector.publish;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mosaic.collector.testing.MutableClock;
import dev.mosaic.contract.MetricPartitioner;
import dev.mosaic.contract.MetricSample;
import dev.mosaic.contract.SampleBatch;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SampleBatcherTest {
  private static final Duration LINGER = Duration.ofMillis(100);

  private final MutableClock clock = new MutableClock(1_000_000);
  private final List<Published> published = new ArrayList<>();
  private final List<Long> wakeUps = new ArrayList<>();

  private record Published(int partition, SampleBatch batch) {}

  private SampleBatcher batcher(int partitions, int maxSamples) {
    return new SampleBatcher(
        (partition, batch) -> published.add(new Published(partition, batch)),
        partitions,
        maxSamples,
        LINGER,
        clock,
        wakeUps::add);
  }

  private MetricSample counter(String name, double value) {
    return MetricSample.counter(name, value, 1.0, clock.millis());
  }

  @Test
  void everySampleGoesToTheBatchOfItsPartitionInArrivalOrder() {
    SampleBatcher batcher = batcher(4, 1000);
    List<MetricSample> sent = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      MetricSample sample = counter("metric." + (i % 37), i);
      sent.add(sample);
      batcher.add(sample);
    }
    batcher.flushAll();

    List<Integer> partitionsUsed =
        sent.stream()
            .map(s -> MetricPartitioner.partitionFor(s.name(), 4))
            .distinct()
            .sorted()
            .toList();
    assertThat(published)
        .extracting(Published::partition)
        .containsExactlyElementsOf(partitionsUsed);
    List<MetricSample> all = new ArrayList<>();
    for (Published p : published) {
      assertThat(p.batch().samples())
          .allSatisfy(
              s ->
                  assertThat(MetricPartitioner.partitionFor(s.name(), 4)).isEqualTo(p.partition()));
      List<MetricSample> expectedOrder =
          sent.stream()
              .filter(s -> MetricPartitioner.partitionFor(s.name(), 4) == p.partition())
              .toList();
      assertThat(p.batch().samples()).containsExactlyElementsOf(expectedOrder);
      all.addAll(p.batch().samples());
    }
    assertThat(all).containsExactlyInAnyOrderElementsOf(sent);
  }

  @Test
  void namesSharingAHashCodeStillGoToTheirOwnPartitions() {
    // "Aa" and "BB" have the same String.hashCode, so they share a slot of the partition cache
    List<String> names = List.of("Aa", "BB", "AaAa", "BBBB", "AaBB", "BBAa");
    assertThat(names.stream().map(String::hashCode).distinct()).hasSize(2);
    assertThat(names.stream().map(n -> MetricPartitioner.partitionFor(n, 8)).distinct().count())
        .isGreaterThan(1);
    SampleBatcher batcher = batcher(8, 1000);
    for (int round = 0; round < 3; round++) {
      for (String name : names) {
        batcher.add(counter(new String(name), round)); // a new instance each time, too
        batcher.add(counter(name, round));
      }
    }
    batcher.flushAll();
    for (Published p : published) {
      assertThat(p.batch().samples())
          .allSatisfy(
              s ->
                  assertThat(MetricPartitioner.partitionFor(s.name(), 8)).isEqualTo(p.partition()));
    }
    assertThat(published.stream().mapToInt(p -> p.batch().samples().size()).sum()).isEqualTo(36);
  }

  @Test
  void fullBatchIsPublishedAtOnce() {
    SampleBatcher batcher = batcher(1, 3);
    batcher.add(counter("a", 1));
    batcher.add(counter("b", 2));
    assertThat(published).isEmpty();
    batcher.add(counter("c", 3));
    assertThat(published)
        .containsExactly(
            new Published(
                0, new SampleBatch(List.of(counter("a", 1), counter("b", 2), counter("c", 3)))));
    batcher.add(counter("d", 4));
    assertThat(published).hasSize(1);
  }

  @Test
  void batchIsPublishedOnceItHasLingered() {
    SampleBatcher batcher = batcher(1, 1000);
    batcher.add(counter("a", 1));
    assertThat(wakeUps).containsExactly(100L);

    clock.advance(Duration.ofMillis(99));
    batcher.flushDue();
    assertThat(published).isEmpty();
    assertThat(wakeUps).containsExactly(100L, 1L);

    clock.advance(Duration.ofMillis(1));
    batcher.flushDue();
    assertThat(published).hasSize(1);
    assertThat(published.get(0).batch().samples())
        .containsExactly(MetricSample.counter("a", 1, 1.0, 1_000_000));
    assertThat(wakeUps).hasSize(2); // nothing open: no further wake-up
  }

  @Test
  void oneWakeUpIsPendingAtATime() {
    SampleBatcher batcher = batcher(8, 1000);
    for (int i = 0; i < 50; i++) {
      batcher.add(counter("m" + i, i));
    }
    assertThat(wakeUps).containsExactly(100L);
  }

  @Test
  void onlyBatchesOldEnoughAreFlushedTheRestWaitTheirTurn() {
    int partitions = 2;
    String first = nameOnPartition(0, partitions);
    String second = nameOnPartition(1, partitions);
    SampleBatcher batcher = batcher(partitions, 1000);

    batcher.add(counter(first, 1));
    clock.advance(Duration.ofMillis(60));
    batcher.add(counter(second, 2));
    clock.advance(Duration.ofMillis(40));
    batcher.flushDue();

    assertThat(published).extracting(Published::partition).containsExactly(0);
    assertThat(wakeUps).containsExactly(100L, 60L);
    clock.advance(Duration.ofMillis(60));
    batcher.flushDue();
    assertThat(published).extracting(Published::partition).containsExactly(0, 1);
  }

  @Test
  void idleBatcherSchedulesNothingAndPublishesNothing() {
    SampleBatcher batcher = batcher(4, 1000);
    batcher.flushDue();
    batcher.flushAll();
    assertThat(wakeUps).isEmpty();
    assertThat(published).isEmpty();
  }

  @Test
  void flushAllPublishesYoungBatches() {
    SampleBatcher batcher = batcher(1, 1000);
    batcher.add(counter("a", 1));
    batcher.flushAll();
    assertThat(published).hasSize(1);
    batcher.flushAll();
    assertThat(published).hasSize(1);
  }

  @Test
  void batchOfLongNamesIsPublishedBeforeItOutgrowsAKafkaRecord() {
    SampleBatcher batcher = batcher(1, 1000);
    String longName = "n".repeat(10_000); // at most 30 040 encoded bytes each
    int fitting = (int) (SampleBatcher.MAX_BATCH_BYTES / (40 + 3 * 10_000)); // 17
    for (int i = 0; i < fitting; i++) {
      batcher.add(counter(longName, i));
    }
    assertThat(published).isEmpty();
    batcher.add(counter(longName, fitting));
    assertThat(published).hasSize(1);
    assertThat(published.get(0).batch().samples()).hasSize(fitting + 1);
  }

  @Test
  void wallClockSteppingBackDoesNotHoldABatchLongerThanLinger() {
    SampleBatcher batcher = batcher(1, 1000);
    batcher.add(counter("a", 1));
    clock.advance(Duration.ofMillis(-5_000));
    batcher.flushDue();
    assertThat(wakeUps).containsExactly(100L, 100L);
  }

  private static String nameOnPartition(int partition, int partitions) {
    for (int i = 0; ; i++) {
      if (MetricPartitioner.partitionFor("m" + i, partitions) == partition) {
        return "m" + i;
      }
    }
  }
}
