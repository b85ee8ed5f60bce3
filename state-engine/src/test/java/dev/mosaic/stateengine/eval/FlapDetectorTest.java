package dev.mosaic.stateengine.eval;

import static dev.mosaic.contract.SeriesState.CRITICAL;
import static dev.mosaic.contract.SeriesState.OK;
import static dev.mosaic.contract.SeriesState.WARNING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.mosaic.contract.SeriesState;
import org.junit.jupiter.api.Test;

class FlapDetectorTest {
  /** Weight of the change at position k (0 = oldest of the 20). */
  private static double weight(int k) {
    return 0.8 + 0.4 * k / 19;
  }

  @Test
  void aSteadySeriesHasNoStateChange() {
    FlapDetector flaps = new FlapDetector(OK);
    for (int i = 0; i < 30; i++) {
      assertThat(flaps.record(OK, 5, 20)).isFalse();
    }
    assertThat(flaps.percentStateChange()).isZero();
  }

  @Test
  void newerChangesWeighMoreThanOlderOnes() {
    FlapDetector flaps = new FlapDetector(OK);
    flaps.record(WARNING, 5, 20);
    assertThat(flaps.percentStateChange()).isCloseTo(6.0, within(1e-9)); // 1.2 / 20

    for (int i = 0; i < 19; i++) {
      flaps.record(WARNING, 5, 20);
    }
    assertThat(flaps.percentStateChange()).isCloseTo(4.0, within(1e-9)); // 0.8 / 20

    flaps.record(WARNING, 5, 20);
    assertThat(flaps.percentStateChange()).isZero(); // the change left the 21 states
  }

  @Test
  void alternatingEveryEvaluationIsAHundredPercent() {
    FlapDetector flaps = new FlapDetector(OK);
    for (int i = 0; i < 20; i++) {
      flaps.record(i % 2 == 0 ? CRITICAL : OK, 5, 20);
    }
    assertThat(flaps.percentStateChange()).isCloseTo(100.0, within(1e-9));
    assertThat(flaps.isFlapping()).isTrue();
  }

  @Test
  void recordedSequenceStartsFlappingAboveHighAndStopsBelowLow() {
    FlapDetector flaps = new FlapDetector(OK);
    SeriesState[] sequence = {WARNING, OK, WARNING, OK};
    double[] expected = {
      weight(19) * 5,
      (weight(18) + weight(19)) * 5,
      (weight(17) + weight(18) + weight(19)) * 5,
      (weight(16) + weight(17) + weight(18) + weight(19)) * 5
    };
    boolean[] flapping = {false, false, false, true};
    for (int i = 0; i < sequence.length; i++) {
      assertThat(flaps.record(sequence[i], 5, 20)).as("after %d", i + 1).isEqualTo(flapping[i]);
      assertThat(flaps.percentStateChange()).isCloseTo(expected[i], within(1e-9));
    }
    assertThat(expected[2]).isCloseTo(17.684210526, within(1e-6)); // just under 20: not yet
    assertThat(expected[3]).isCloseTo(23.368421053, within(1e-6));

    // Steady OK from here: the four changes age; between 20% and 5% the series keeps flapping.
    for (int n = 1; n <= 18; n++) {
      assertThat(flaps.record(OK, 5, 20)).as("steady %d", n).isTrue();
    }
    assertThat(flaps.percentStateChange()).isCloseTo((weight(0) + weight(1)) * 5, within(1e-9));
    assertThat(flaps.record(OK, 5, 20)).isFalse(); // one change left, 4% < 5%
    assertThat(flaps.percentStateChange()).isCloseTo(4.0, within(1e-9));
  }

  @Test
  void aRestoredHistoryGivesTheSamePercent() {
    FlapDetector detector = new FlapDetector(OK);
    for (SeriesState s : new SeriesState[] {WARNING, OK, WARNING, OK, CRITICAL}) {
      detector.record(s, 5, 20);
    }

    FlapDetector restored = FlapDetector.restore(detector.history(), detector.isFlapping());

    assertThat(restored.history()).isEqualTo(detector.history());
    assertThat(restored.percentStateChange()).isEqualTo(detector.percentStateChange());
    assertThat(restored.isFlapping()).isEqualTo(detector.isFlapping()).isTrue();
  }

  @Test
  void aShortHistoryIsPaddedWithItsOldestState() {
    FlapDetector restored = FlapDetector.restore(java.util.List.of(WARNING, OK), false);

    assertThat(restored.history()).hasSize(21).startsWith(WARNING, WARNING).endsWith(WARNING, OK);
    assertThat(restored.hasHistory(restored.history())).isTrue();
  }
}
