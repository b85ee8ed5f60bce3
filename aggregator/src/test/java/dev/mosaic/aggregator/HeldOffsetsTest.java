package dev.mosaic.aggregator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class HeldOffsetsTest {
  private static final TopicPartition P0 = new TopicPartition("samples", 0);
  private static final TopicPartition P1 = new TopicPartition("samples", 1);

  private final HeldOffsets held = new HeldOffsets();

  private void read(TopicPartition partition, long offset, long... intervals) {
    held.consumed(partition, offset);
    for (long interval : intervals) {
      held.hold(partition, interval, offset);
    }
  }

  @Test
  void commitsTheFirstRecordStillFeedingAnOpenInterval() {
    read(P0, 5, 0);
    read(P0, 6, 0, 10);
    read(P0, 7, 10);
    read(P1, 3);

    held.release(10);

    assertThat(held.commitOffsets()).isEqualTo(Map.of(P0, 6L, P1, 4L));
  }

  @Test
  void commitsTheNextOffsetWhenNothingIsHeld() {
    read(P0, 5, 0);
    read(P0, 6, 0);

    held.release(10);

    assertThat(held.commitOffsets()).isEqualTo(Map.of(P0, 7L));
    assertThat(held.nextOffset(P0)).isEqualTo(7);
  }

  @Test
  void forgottenPartitionsAreNotCommitted() {
    read(P0, 5, 0);
    read(P1, 9, 0);

    held.forget(List.of(P1));

    assertThat(held.commitOffsets()).isEqualTo(Map.of(P0, 5L));
    assertThat(held.nextOffset(P1)).isEqualTo(-1);
  }
}
