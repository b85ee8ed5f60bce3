package dev.mosaic.aggregator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class PartitionProgressTest {
  private static final TopicPartition P0 = new TopicPartition("samples", 0);
  private static final TopicPartition P1 = new TopicPartition("samples", 1);
  private static final long STALL = 10_000;

  private final PartitionProgress progress = new PartitionProgress(STALL);

  @Test
  void caughtUpPartitionsDoNotHoldTheFrontier() {
    progress.assigned(List.of(P0, P1));

    long frontier = progress.frontier(0, lags(Map.of(P0, 0L, P1, 0L)));

    assertThat(frontier).isEqualTo(Long.MAX_VALUE);
  }

  @Test
  void laggingPartitionHoldsTheFrontierAtTheNewestSampleReadFromIt() {
    progress.assigned(List.of(P0, P1));
    progress.observed(P0, 5_000, Long.MAX_VALUE);
    progress.observed(P0, 4_000, Long.MAX_VALUE);
    progress.observed(P1, 9_000, Long.MAX_VALUE);

    assertThat(progress.frontier(0, lags(Map.of(P0, 7L, P1, 3L)))).isEqualTo(5_000);
    assertThat(progress.frontier(1, lags(Map.of(P0, 0L, P1, 3L)))).isEqualTo(9_000);
  }

  @Test
  void partitionWithUnknownLagAndNothingReadHoldsEverything() {
    progress.assigned(List.of(P0));

    assertThat(progress.frontier(0, p -> OptionalLong.empty())).isEqualTo(Long.MIN_VALUE);
  }

  @Test
  void frontierStuckForTheStallTimeIsIgnored() {
    progress.assigned(List.of(P0));
    progress.observed(P0, 5_000, Long.MAX_VALUE);

    assertThat(progress.frontier(100, lags(Map.of(P0, 1L)))).isEqualTo(5_000);
    assertThat(progress.frontier(100 + STALL - 1, lags(Map.of(P0, 1L)))).isEqualTo(5_000);
    assertThat(progress.frontier(100 + STALL, lags(Map.of(P0, 1L)))).isEqualTo(Long.MAX_VALUE);

    progress.observed(P0, 6_000, Long.MAX_VALUE);
    assertThat(progress.frontier(100 + STALL + 1, lags(Map.of(P0, 1L)))).isEqualTo(6_000);
  }

  @Test
  void revokedPartitionsNoLongerCount() {
    progress.assigned(List.of(P0, P1));
    progress.revoked(List.of(P1));

    assertThat(progress.frontier(0, lags(Map.of(P0, 0L)))).isEqualTo(Long.MAX_VALUE);
  }

  @Test
  void nothingAssignedHoldsEverythingEvenPastTheStallTime() {
    progress.assigned(List.of(P0));
    progress.observed(P0, 5_000, Long.MAX_VALUE);
    progress.revoked(List.of(P0));

    assertThat(progress.frontier(0, p -> OptionalLong.of(0))).isEqualTo(Long.MIN_VALUE);
    assertThat(progress.frontier(STALL + 1, p -> OptionalLong.of(0))).isEqualTo(Long.MIN_VALUE);
  }

  @Test
  void rewoundPartitionHoldsEverythingUntilReadBackToWhereItWas() {
    progress.assigned(List.of(P0, P1));
    progress.observed(P0, 9_000, Long.MAX_VALUE);
    progress.rewound(P0, 10);

    progress.read(P0, 8);
    assertThat(progress.frontier(0, lags(Map.of(P0, 2L, P1, 0L)))).isEqualTo(Long.MIN_VALUE);
    assertThat(progress.frontier(STALL, lags(Map.of(P0, 2L, P1, 0L)))).isEqualTo(Long.MIN_VALUE);

    progress.observed(P0, 7_000, Long.MAX_VALUE);
    progress.read(P0, 9);
    assertThat(progress.frontier(STALL + 1, lags(Map.of(P0, 1L, P1, 0L)))).isEqualTo(7_000);
  }

  @Test
  void rewoundPartitionWithNoLagLeftNoLongerHoldsTheFrontier() {
    progress.assigned(List.of(P0));
    progress.rewound(P0, 10);

    assertThat(progress.frontier(0, lags(Map.of(P0, 0L)))).isEqualTo(Long.MAX_VALUE);
  }

  @Test
  void sampleStampedInTheFutureCountsAsReadOnlyUpToNow() {
    progress.assigned(List.of(P0));
    progress.observed(P0, 3_600_000, 5_000);

    assertThat(progress.frontier(5_000, lags(Map.of(P0, 1L)))).isEqualTo(5_000);
  }

  private static java.util.function.Function<TopicPartition, OptionalLong> lags(
      Map<TopicPartition, Long> lags) {
    return p -> lags.containsKey(p) ? OptionalLong.of(lags.get(p)) : OptionalLong.empty();
  }
}
