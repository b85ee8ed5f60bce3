package dev.mosaic.aggregator;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class ReplayFilterTest {
  private static final TopicPartition P0 = new TopicPartition("samples", 0);

  @Test
  void skipsSamplesOfPublishedIntervalsOnlyInReReadRecords() {
    ReplayFilter filter = new ReplayFilter();
    filter.expect(P0, new CommitMarker(10_000, 8));

    assertThat(filter.alreadyPublished(P0, 5, 9_999)).isTrue();
    assertThat(filter.alreadyPublished(P0, 7, 10_000)).isFalse();
    assertThat(filter.alreadyPublished(P0, 8, 9_999)).isFalse();
    // Past the re-read range the partition's replay is over, even for an older record.
    assertThat(filter.alreadyPublished(P0, 6, 9_999)).isFalse();
  }

  @Test
  void partitionWithoutMarkerSkipsNothing() {
    assertThat(new ReplayFilter().alreadyPublished(P0, 0, 0)).isFalse();
  }
}
