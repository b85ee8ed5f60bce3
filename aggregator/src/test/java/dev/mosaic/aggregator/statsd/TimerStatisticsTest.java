package dev.mosaic.aggregator.statsd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class TimerStatisticsTest {
  private static final PercentileThreshold P90 = PercentileThreshold.parse("90");

  private static TimerStatistics timer(double... values) {
    TimerStatistics timer = new TimerStatistics(128);
    for (double value : values) {
      timer.record(value, 1.0);
    }
    return timer;
  }

  @Test
  void fourValuesGiveEtsysFields() {
    TimerStatistics timer = timer(30, 10, 40, 20);

    assertThat(timer.count()).isEqualTo(4.0);
    assertThat(timer.valueCount()).isEqualTo(4);
    assertThat(timer.mean()).isEqualTo(25.0);
    assertThat(timer.median()).isEqualTo(25.0);
    assertThat(timer.upper()).isEqualTo(40.0);
    assertThat(timer.lower()).isEqualTo(10.0);
    assertThat(timer.sum()).isEqualTo(100.0);
    assertThat(timer.sumSquares()).isEqualTo(3000.0);
    assertThat(timer.std()).isEqualTo(Math.sqrt(125.0));
    // round(0.9 × 4) = 4 values: all of them.
    assertThat(timer.threshold(P90)).contains(new ThresholdStatistics(4, 25, 40, 100, 3000));
  }

  @Test
  void medianOfAnOddCountIsTheMiddleValue() {
    assertThat(timer(5, 1, 3).median()).isEqualTo(3.0);
  }

  @Test
  void medianOfAnEvenCountIsTheMeanOfTheTwoMiddleValues() {
    assertThat(timer(1, 2, 4, 100).median()).isEqualTo(3.0);
  }

  @Test
  void ninetiethPercentileOfOneToTenSelectsTheLowestNine() {
    TimerStatistics timer = timer(10, 9, 8, 7, 6, 5, 4, 3, 2, 1);

    assertThat(timer.median()).isEqualTo(5.5);
    assertThat(timer.std()).isEqualTo(Math.sqrt(8.25));
    assertThat(timer.threshold(P90)).contains(new ThresholdStatistics(9, 5, 9, 45, 285));
  }

  @Test
  void negativeThresholdSelectsTheHighestValuesAsLowerTop() {
    TimerStatistics timer = timer(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);

    assertThat(timer.threshold(PercentileThreshold.parse("-20")))
        .contains(new ThresholdStatistics(2, 9.5, 9, 19, 181));
  }

  @Test
  void thresholdSelectingNoValueWritesNoFields() {
    assertThat(timer(1, 2).threshold(PercentileThreshold.parse("10"))).isEmpty();
  }

  @Test
  void oneValueFillsEveryFieldWithIt() {
    TimerStatistics timer = timer(7);

    assertThat(timer.count()).isEqualTo(1.0);
    assertThat(timer.mean()).isEqualTo(7.0);
    assertThat(timer.median()).isEqualTo(7.0);
    assertThat(timer.upper()).isEqualTo(7.0);
    assertThat(timer.lower()).isEqualTo(7.0);
    assertThat(timer.std()).isEqualTo(0.0);
    assertThat(timer.sumSquares()).isEqualTo(49.0);
    // With one value Etsy skips the rounding: even a 10th percentile holds it.
    assertThat(timer.threshold(PercentileThreshold.parse("10")))
        .contains(new ThresholdStatistics(1, 7, 7, 7, 49));
  }

  @Test
  void sampleRateScalesCountButNotTheMean() {
    TimerStatistics timer = new TimerStatistics(128);
    timer.record(4, 0.1);
    timer.record(6, 0.1);

    assertThat(timer.count()).isEqualTo(20.0, within(1e-12));
    assertThat(timer.valueCount()).isEqualTo(2);
    assertThat(timer.mean()).isEqualTo(5.0);
    assertThat(timer.sum()).isEqualTo(10.0);
    assertThat(timer.threshold(P90).orElseThrow().count()).isEqualTo(2);
  }

  @Test
  void sumsAddValuesInAscendingOrderAsEtsyDoes() {
    TimerStatistics timer = timer(0.3, 0.2, 0.1);

    double ascending = (0.1 + 0.2) + 0.3;
    assertThat(ascending).isNotEqualTo((0.3 + 0.2) + 0.1);
    assertThat(timer.sum()).isEqualTo(ascending);
    assertThat(timer.mean()).isEqualTo(ascending / 3);
  }

  @Test
  void manyValuesPastTheExactBoundStayWithinATenthOfAPercent() {
    TimerStatistics timer = new TimerStatistics(128);
    double[] values = new double[10_000];
    for (int i = 0; i < values.length; i++) {
      // A permutation of 1.0, 1.1, … 1000.9 so arrival order is not sorted order.
      values[i] = 1 + (i * 7919L % values.length) * 0.1;
      timer.record(values[i], 1.0);
    }
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    double sum = Arrays.stream(sorted).sum();
    double sumSquares = Arrays.stream(sorted).map(v -> v * v).sum();
    double mean = sum / sorted.length;
    double std =
        Math.sqrt(Arrays.stream(sorted).map(v -> (v - mean) * (v - mean)).sum() / sorted.length);
    double lowest9000 = Arrays.stream(sorted, 0, 9000).sum();
    double lowest9000Squares = Arrays.stream(sorted, 0, 9000).map(v -> v * v).sum();

    assertThat(timer.isExact()).isFalse();
    assertThat(timer.count()).isEqualTo(10_000.0);
    assertThat(timer.upper()).isEqualTo(1000.9, within(1e-9));
    assertThat(timer.lower()).isEqualTo(1.0);
    assertThat(timer.sum()).isCloseTo(sum, withinPercentage(1e-9));
    assertThat(timer.sumSquares()).isCloseTo(sumSquares, withinPercentage(1e-9));
    assertThat(timer.mean()).isCloseTo(mean, withinPercentage(1e-9));
    assertThat(timer.std()).isCloseTo(std, withinPercentage(1e-9));
    assertThat(timer.median()).isCloseTo((sorted[4999] + sorted[5000]) / 2, withinPercentage(0.1));
    ThresholdStatistics p90 = timer.threshold(P90).orElseThrow();
    assertThat(p90.count()).isEqualTo(9000);
    assertThat(p90.boundary()).isCloseTo(sorted[8999], withinPercentage(0.1));
    assertThat(p90.sum()).isCloseTo(lowest9000, withinPercentage(0.1));
    assertThat(p90.mean()).isCloseTo(lowest9000 / 9000, withinPercentage(0.1));
    assertThat(p90.sumSquares()).isCloseTo(lowest9000Squares, withinPercentage(0.1));
  }

  @Test
  void histogramModeKeepsTheExactExtremesAsBoundaries() {
    TimerStatistics timer = new TimerStatistics(4);
    for (double value : new double[] {0, 3.14159, 1e6, 42, 17, 12345.678}) {
      timer.record(value, 1.0);
    }

    assertThat(timer.isExact()).isFalse();
    assertThat(timer.threshold(PercentileThreshold.parse("100")).orElseThrow().boundary())
        .isEqualTo(1e6);
    assertThat(timer.threshold(PercentileThreshold.parse("-100")).orElseThrow().boundary())
        .isEqualTo(0.0);
    assertThat(timer.median()).isCloseTo((17 + 42) / 2.0, withinPercentage(0.1));
  }

  @Test
  void negativeOrNonFiniteValuesAreRefused() {
    TimerStatistics timer = new TimerStatistics(128);

    assertThatThrownBy(() -> timer.record(-1, 1.0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> timer.record(Double.NaN, 1.0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void valuesOutsideTheHistogramsRangeAreRefusedAndZeroIsNot() {
    TimerStatistics timer = new TimerStatistics(1);
    timer.record(0, 1.0);

    assertThatThrownBy(() -> timer.record(1e-310, 1.0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> timer.record(1e308, 1.0)).isInstanceOf(IllegalArgumentException.class);
    timer.record(TimerStatistics.MIN_NON_ZERO, 1.0);
    timer.record(TimerStatistics.MAX, 1.0);

    assertThat(timer.valueCount()).isEqualTo(3);
    assertThat(timer.upper()).isEqualTo(1e300);
    assertThat(timer.median()).isCloseTo(1e-300, withinPercentage(0.1));
  }

  @Test
  void binsCountValuesBelowEachBoundAndDropThoseBeyondTheLast() {
    TimerStatistics timer = new TimerStatistics(128, new double[] {10, 100});
    for (double value : new double[] {0, 9.99, 10, 99, 100, 5000}) {
      timer.record(value, 0.5);
    }

    // 10 falls in the second bin (bounds are exclusive); 100 and 5000 in none, as in Etsy.
    assertThat(timer.binCounts()).containsExactly(2, 2);
  }

  @Test
  void binsStayExactBeyondTheRawBound() {
    TimerStatistics timer = new TimerStatistics(2, new double[] {250.5, Double.POSITIVE_INFINITY});
    for (int i = 1; i <= 1000; i++) {
      timer.record(i, 1.0);
    }

    assertThat(timer.isExact()).isFalse();
    assertThat(timer.binCounts()).containsExactly(250, 750);
    assertThat(new TimerStatistics(2).binCounts()).isEmpty();
  }
}
