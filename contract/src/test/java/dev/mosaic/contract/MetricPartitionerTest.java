package dev.mosaic.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.junit.jupiter.api.Test;

class MetricPartitionerTest {
  @Test
  void choosesWhatKafkasDefaultPartitionerChoosesForTheNameAsKey() {
    for (String name : List.of("hits", "stats.timers.api.get", "ünïcode", "a", "x".repeat(200))) {
      for (int partitions : new int[] {1, 3, 4, 12}) {
        byte[] key = name.getBytes(StandardCharsets.UTF_8);
        assertThat(MetricPartitioner.partitionFor(name, partitions))
            .as("%s over %d partitions", name, partitions)
            .isEqualTo(BuiltInPartitioner.partitionForKey(key, partitions));
      }
    }
  }
}
