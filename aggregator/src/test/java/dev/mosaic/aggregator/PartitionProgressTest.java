package dev.mosaic.aggregator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Function;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class PartitionProgressTest {
  private static final TopicPartition P0 = new TopicPartition("samples", 0);
  private static final TopicPartition P1 = new TopicPartition("samples", 1);
  private static final long STALL = 10_000;
  private static final long GRACE = 2_000;
  private static final long OUT_OF_ORDER = 500;

  /** The end of the interval [0, 10 s), which the watermark must reach to close it. */
  private static final long END = 10_000;

  private final PartitionProgress progress = new PartitionProgress(STALL, GRACE, OUT_OF_ORDER);

  @Test
  void busyPartitionsReachTheEndOnceASampleTheAllowancePastItIsRead() {
    progress.assigned(List.of(P0, P1));
    progress.observed(P0, END + 300, END + 300);
    progress.observed(P1, END + 700, END + 700);
    assertThat(progress.watermark(END + 700, lags(Map.of(P0, 0L, P1, 0L))))
        .isEqualTo(END - 200)
        .isLessThan(END);

    progress.observed(P0, END + OUT_OF_ORDER, END + OUT_OF_ORDER);

    assertThat(progress.watermark(END + 700, lags(Map.of(P0, 0L, P1, 0L)))).isEqualTo(END);
  }

  @Test
  void idlePartitionHoldsTheEndUntilTheGraceHasPassed() {
    progress.assigned(List.of(P0, P1));
    progress.observed(P0, END + 900, END + 900);

    assertThat(progress.watermark(END + GRACE - 1, lags(Map.of(P0, 0L, P1, 0L))))
        .isEqualTo(END - 1);
    assertThat(progress.watermark(END + GRACE, lags(Map.of(P0, 0L, P1, 0L)))).isEqualTo(END);
  }

  @Test
  void idlePartitionThatHasReadPastTheEndDoesNotWaitForTheGrace() {
    progress.assigned(List.of(P0));
    progress.observed(P0, END + 900, END + 900);

    assertThat(progress.watermark(END + 1_000, lags(Map.of(P0, 0L)))).isEqualTo(END + 400);
  }

  @Test
  void laggingPartitionHoldsTheWatermarkAtWhatWasReadFromItEvenPastTheGrace() {
    progress.assigned(List.of(P0, P1));
    progress.observed(P0, 5_000, Long.MAX_VALUE);
    progress.observed(P0, 4_000, Long.MAX_VALUE);
    progress.observed(P1, 9_000, Long.MAX_VALUE);

    assertThat(progress.watermark(END + GRACE, lags(Map.of(P0, 7L, P1, 3L)))).isEqualTo(4_500);
    assertThat(progress.watermark(END + GRACE, lags(Map.of(P0, 0L, P1, 3L)))).isEqualTo(8_500);
  }

  @Test
  void partitionWithUnknownLagAndNothingReadHoldsEverything() {
    progress.assigned(List.of(P0));

    assertThat(progress.watermark(END, p -> OptionalLong.empty())).isEqualTo(Long.MIN_VALUE);
  }

  @Test
  void laggingPartitionsStuckForTheStallTimeCountAsIdle() {
    progress.assigned(List.of(P0));
    progress.observed(P0, 5_000, Long.MAX_VALUE);

    assertThat(progress.watermark(100, lags(Map.of(P0, 1L)))).isEqualTo(4_500);
    assertThat(progress.watermark(100 + STALL - 1, lags(Map.of(P0, 1L)))).isEqualTo(4_500);
    assertThat(progress.watermark(100 + STALL, lags(Map.of(P0, 1L))))
        .isEqualTo(100 + STALL - GRACE);

    progress.observed(P0, 6_000, Long.MAX_VALUE);
    assertThat(progress.watermark(100 + STALL + 1, lags(Map.of(P0, 1L)))).isEqualTo(5_500);
  }

  @Test
  void revokedPartitionsNoLongerCount() {
    progress.assigned(List.of(P0, P1));
    progress.observed(P0, END + 900, END + 900);
    progress.revoked(List.of(P1));

    assertThat(progress.watermark(END + 900, lags(Map.of(P0, 0L)))).isEqualTo(END + 400);
  }

  @Test
  void nothingAssignedHoldsEverythingEvenPastTheStallTime() {
    progress.assigned(List.of(P0));
    progress.observed(P0, 5_000, Long.MAX_VALUE);
    progress.revoked(List.of(P0));

    assertThat(progress.watermark(0, p -> OptionalLong.of(0))).isEqualTo(Long.MIN_VALUE);
    assertThat(progress.watermark(STALL + 1, p -> OptionalLong.of(0))).isEqualTo(Long.MIN_VALUE);
  }

  @Test
  void rewoundPartitionHoldsEverythingUntilReadBackToWhereItWas() {
    progress.assigned(List.of(P0, P1));
    progress.observed(P0, 9_000, Long.MAX_VALUE);
    progress.rewound(P0, 10);

    progress.read(P0, 8);
    assertThat(progress.watermark(0, lags(Map.of(P0, 2L, P1, 0L)))).isEqualTo(Long.MIN_VALUE);
    assertThat(progress.watermark(STALL, lags(Map.of(P0, 2L, P1, 0L)))).isEqualTo(Long.MIN_VALUE);

    progress.observed(P0, 7_000, Long.MAX_VALUE);
    progress.read(P0, 9);
    assertThat(progress.watermark(STALL + 1, lags(Map.of(P0, 1L, P1, 0L)))).isEqualTo(6_500);
  }

  @Test
  void rewoundPartitionWithNoLagLeftNoLongerHoldsTheWatermark() {
    progress.assigned(List.of(P0));
    progress.rewound(P0, 10);

    assertThat(progress.watermark(END + GRACE, lags(Map.of(P0, 0L)))).isEqualTo(END);
  }

  @Test
  void sampleStampedInTheFutureCountsAsReadOnlyUpToNow() {
    progress.assigned(List.of(P0));
    progress.observed(P0, 3_600_000, 5_000);

    assertThat(progress.watermark(5_000, lags(Map.of(P0, 1L)))).isEqualTo(4_500);
  }

  @Test
  void allowanceAsLongAsTheGraceIsRefused() {
    assertThatThrownBy(() -> new PartitionProgress(STALL, GRACE, GRACE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("less than the grace");
  }

  private static Function<TopicPartition, OptionalLong> lags(Map<TopicPartition, Long> lags) {
    return p -> lags.containsKey(p) ? OptionalLong.of(lags.get(p)) : OptionalLong.empty();
  }
}
