package dev.mosaic.collector.publish;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mosaic.contract.MetricSample;
import java.util.List;
import org.junit.jupiter.api.Test;

class FoldingBatchTest {
  private static final long T = 1_700_000_000_000L; // a whole second

  private final InexactNames inexact = new InexactNames();
  private final FoldingBatch batch = new FoldingBatch(true, inexact);

  private List<MetricSample> addAll(MetricSample... samples) {
    for (MetricSample s : samples) {
      batch.add(s);
    }
    return batch.drain();
  }

  @Test
  void integralCountersOfOneSecondBecomeOneSampleAtRateOneWithTheLatestTime() {
    List<MetricSample> out =
        addAll(
            MetricSample.counter("c", 1, 1.0, T + 10),
            MetricSample.counter("c", 2, 0.5, T + 300), // counts 4
            MetricSample.counter("c", 3, 1.0, T + 200));

    assertThat(out).containsExactly(MetricSample.counter("c", 8, 1.0, T + 300));
  }

  @Test
  void aSingleSampleIsPublishedAsTheVerySampleReceived() {
    MetricSample sampled = MetricSample.counter("c", 1, 0.1, T);
    batch.add(sampled);

    assertThat(batch.folded()).isZero();
    assertThat(batch.drain()).singleElement().isSameAs(sampled);
  }

  @Test
  void aFractionalCounterIsNeverFoldedAndStopsItsNameFoldingInLaterBatches() {
    List<MetricSample> first =
        addAll(
            MetricSample.counter("c", 1, 1.0, T),
            MetricSample.counter("c", 1, 0.3, T), // 1 / 0.3 is not an integer
            MetricSample.counter("c", 1, 1.0, T));
    assertThat(first)
        .containsExactly(
            MetricSample.counter("c", 1, 1.0, T),
            MetricSample.counter("c", 1, 0.3, T),
            MetricSample.counter("c", 1, 1.0, T));

    // (0.1 + 1) + 1 differs from 0.1 + (1 + 1) in general: the running total is not an integer
    List<MetricSample> later =
        addAll(MetricSample.counter("c", 1, 1.0, T + 1), MetricSample.counter("c", 1, 1.0, T + 2));
    assertThat(later).hasSize(2);
  }

  @Test
  void countersBeyondTheExactBoundAreNotFolded() {
    double big = InexactNames.EXACT_BOUND - 1;
    List<MetricSample> out =
        addAll(MetricSample.counter("c", big, 1.0, T), MetricSample.counter("c", 1, 1.0, T));

    assertThat(out).hasSize(2);
  }

  @Test
  void aFoldNeverSpansASecondBoundary() {
    List<MetricSample> out =
        addAll(
            MetricSample.counter("c", 1, 1.0, T + 999),
            MetricSample.counter("c", 1, 1.0, T + 1000),
            MetricSample.counter("c", 1, 1.0, T + 1001),
            MetricSample.counter("c", 1, 1.0, T + 998)); // a clock stepped back: a new entry

    assertThat(out)
        .containsExactly(
            MetricSample.counter("c", 1, 1.0, T + 999),
            MetricSample.counter("c", 2, 1.0, T + 1001),
            MetricSample.counter("c", 1, 1.0, T + 998));
  }

  @Test
  void anAbsoluteGaugeReplacesTheLatestEntryAndDeltasAfterItAreAddedInOrder() {
    List<MetricSample> out =
        addAll(
            MetricSample.gaugeDelta("g", 5, T),
            MetricSample.gauge("g", 0.1, T + 1),
            MetricSample.gaugeDelta("g", 0.2, T + 2),
            MetricSample.gaugeDelta("g", -3, T + 3));

    assertThat(out).containsExactly(MetricSample.gauge("g", (0.1 + 0.2) + -3, T + 3));
  }

  @Test
  void integralGaugeDeltasAreSummedButAFractionalOneStartsANewEntry() {
    List<MetricSample> out =
        addAll(
            MetricSample.gaugeDelta("g", 2, T),
            MetricSample.gaugeDelta("g", -5, T),
            MetricSample.gaugeDelta("g", 0.5, T),
            MetricSample.gaugeDelta("g", 1, T));

    assertThat(out)
        .containsExactly(
            MetricSample.gaugeDelta("g", -3, T),
            MetricSample.gaugeDelta("g", 0.5, T),
            MetricSample.gaugeDelta("g", 1, T));
  }

  @Test
  void aFractionalGaugeLevelStopsDeltaFoldingOfItsNameInLaterBatches() {
    addAll(MetricSample.gauge("g", 0.5, T));

    assertThat(addAll(MetricSample.gaugeDelta("g", 1, T), MetricSample.gaugeDelta("g", 1, T)))
        .hasSize(2);
  }

  @Test
  void negativeZeroKeepsItsSign() {
    assertThat(addAll(MetricSample.gauge("g", 3, T), MetricSample.gauge("g", -0.0, T)))
        .singleElement()
        .satisfies(s -> assertThat(Double.doubleToRawLongBits(s.value())).isEqualTo(1L << 63));
    assertThat(addAll(MetricSample.gaugeDelta("g", -0.0, T), MetricSample.gaugeDelta("g", -0.0, T)))
        .containsExactly(MetricSample.gaugeDelta("g", -0.0, T));
  }

  @Test
  void aRepeatedSetMemberOfTheSameSecondIsDropped() {
    List<MetricSample> out =
        addAll(
            MetricSample.set("s", "a", T),
            MetricSample.set("s", "b", T),
            MetricSample.set("s", new String("a"), T + 5),
            MetricSample.set("s", "a", T + 1000));

    assertThat(out)
        .containsExactly(
            MetricSample.set("s", "a", T),
            MetricSample.set("s", "b", T),
            MetricSample.set("s", "a", T + 1000));
  }

  @Test
  void timersAreNeverFolded() {
    List<MetricSample> out =
        addAll(MetricSample.timer("t", 1, 1.0, T), MetricSample.timer("t", 1, 1.0, T));

    assertThat(out).hasSize(2);
  }

  @Test
  void seriesAreKeyedByNameAndTypeNotByInstance() {
    List<MetricSample> out =
        addAll(
            MetricSample.counter("x", 1, 1.0, T),
            MetricSample.gaugeDelta("x", 1, T),
            MetricSample.counter(new String("x"), 1, 1.0, T),
            MetricSample.counter("y", 1, 1.0, T));

    assertThat(out)
        .containsExactly(
            MetricSample.counter("x", 2, 1.0, T),
            MetricSample.gaugeDelta("x", 1, T),
            MetricSample.counter("y", 1, 1.0, T));
  }

  @Test
  void foldedCountsWhatWasFoldedAwayUntilTheDrain() {
    batch.add(MetricSample.counter("c", 1, 1.0, T));
    batch.add(MetricSample.counter("c", 1, 1.0, T));
    batch.add(MetricSample.set("s", "a", T));
    batch.add(MetricSample.set("s", "a", T));

    assertThat(batch.size()).isEqualTo(2);
    assertThat(batch.folded()).isEqualTo(2);
    batch.drain();
    assertThat(batch.folded()).isZero();
    assertThat(batch.size()).isZero();
  }

  @Test
  void manySeriesGrowTheTableAndKeepEachSeriesLatestEntry() {
    for (int round = 0; round < 3; round++) {
      for (int i = 0; i < 5_000; i++) {
        batch.add(MetricSample.counter("c" + i, 1, 1.0, T));
      }
    }

    List<MetricSample> out = batch.drain();
    assertThat(out).hasSize(5_000).allSatisfy(s -> assertThat(s.value()).isEqualTo(3));
  }

  @Test
  void withFoldingOffEverySampleIsPublishedAsReceived() {
    FoldingBatch off = new FoldingBatch(false, inexact);
    List<MetricSample> in =
        List.of(
            MetricSample.counter("c", 1, 1.0, T),
            MetricSample.counter("c", 1, 1.0, T),
            MetricSample.set("s", "a", T),
            MetricSample.set("s", "a", T),
            MetricSample.gauge("g", 1, T),
            MetricSample.gauge("g", 2, T));
    in.forEach(off::add);

    assertThat(off.folded()).isZero();
    assertThat(off.drain()).containsExactlyElementsOf(in);
  }
}
