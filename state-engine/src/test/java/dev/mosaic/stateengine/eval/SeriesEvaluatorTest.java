package dev.mosaic.stateengine.eval;

import static dev.mosaic.contract.SeriesState.CRITICAL;
import static dev.mosaic.contract.SeriesState.OK;
import static dev.mosaic.contract.SeriesState.UNKNOWN;
import static dev.mosaic.contract.SeriesState.WARNING;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mosaic.contract.SeriesSnapshot;
import dev.mosaic.stateengine.check.Check;
import dev.mosaic.stateengine.check.TestChecks;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SeriesEvaluatorTest {
  private static final long T = 1_700_000_000_000L;
  private static final Check ONCE =
      TestChecks.check("name: a\npattern: x\nwarning: 250\ncritical: 500");

  /** Never flaps (no percent state change is above 100), so only for-N is seen. */
  private static final Check THRICE =
      TestChecks.check(
          "name: a\npattern: x\nwarning: 250\ncritical: 500\nfor: 3\nflapping: {low: 99, high: 100}");

  private static final Check NO_DATA =
      TestChecks.check("name: a\npattern: x\ncritical: 500\nfor: 3\nno-data: {after: 5m}");

  @Test
  void aBreachChangesStateAtOnceWithForOne() {
    SeriesEvaluator series = new SeriesEvaluator(OK, T);

    assertThat(series.onValue(ONCE, 100, T)).isEmpty();
    assertThat(series.onValue(ONCE, 300, T)).contains(change(OK, WARNING, 300.0));
    assertThat(series.onValue(ONCE, 600, T)).contains(change(WARNING, CRITICAL, 600.0));
    assertThat(series.onValue(ONCE, 600, T)).isEmpty();
    assertThat(series.onValue(ONCE, 10, T)).contains(change(CRITICAL, OK, 10.0));
  }

  @Test
  void forNNeedsNConsecutiveValuesCallingForTheSameState() {
    SeriesEvaluator series = new SeriesEvaluator(OK, T);

    assertThat(series.onValue(THRICE, 600, T)).isEmpty();
    assertThat(series.onValue(THRICE, 600, T)).isEmpty();
    assertThat(series.onValue(THRICE, 100, T)).isEmpty(); // back to OK: count starts over
    assertThat(series.onValue(THRICE, 600, T)).isEmpty();
    assertThat(series.onValue(THRICE, 300, T)).isEmpty(); // WARNING now: count starts over
    assertThat(series.onValue(THRICE, 300, T)).isEmpty();
    assertThat(series.onValue(THRICE, 300, T)).contains(change(OK, WARNING, 300.0));
    assertThat(series.state()).isEqualTo(WARNING);
  }

  @Test
  void recoveryAlsoWaitsForN() {
    SeriesEvaluator series = new SeriesEvaluator(CRITICAL, T);

    assertThat(series.onValue(THRICE, 10, T)).isEmpty();
    assertThat(series.onValue(THRICE, 10, T)).isEmpty();
    assertThat(series.onValue(THRICE, 10, T)).contains(change(CRITICAL, OK, 10.0));
  }

  @Test
  void aRestoredStateIsKeptWhileValuesAgree() {
    SeriesEvaluator series = new SeriesEvaluator(CRITICAL, T);

    assertThat(series.onValue(ONCE, 700, T)).isEmpty();
    assertThat(series.state()).isEqualTo(CRITICAL);
  }

  @Test
  void silenceLongerThanNoDataMakesTheSeriesUnknownAtOnce() {
    SeriesEvaluator series = new SeriesEvaluator(OK, T);
    series.onValue(NO_DATA, 100, T);

    assertThat(series.onTick(NO_DATA, T + 299_999)).isEmpty();
    assertThat(series.onTick(NO_DATA, T + 300_000)).contains(change(OK, UNKNOWN, null));
    assertThat(series.onTick(NO_DATA, T + 900_000)).isEmpty();
  }

  @Test
  void theFirstValueAfterNoDataSetsTheStateAtOnce() {
    SeriesEvaluator series = new SeriesEvaluator(OK, T);
    series.onTick(NO_DATA, T + 300_000);

    assertThat(series.onValue(NO_DATA, 900, T + 310_000))
        .contains(change(UNKNOWN, CRITICAL, 900.0));
  }

  @Test
  void aValueRestartsTheNoDataClock() {
    SeriesEvaluator series = new SeriesEvaluator(OK, T);
    series.onValue(NO_DATA, 100, T + 200_000);

    assertThat(series.onTick(NO_DATA, T + 300_000)).isEmpty();
    assertThat(series.onTick(NO_DATA, T + 500_000)).contains(change(OK, UNKNOWN, null));
  }

  @Test
  void withoutNoDataASilentSeriesKeepsItsState() {
    SeriesEvaluator series = new SeriesEvaluator(WARNING, T);

    assertThat(series.onTick(ONCE, T + 86_400_000)).isEmpty();
    assertThat(series.state()).isEqualTo(WARNING);
  }

  @Test
  void flappingIsReportedWhenItStartsAndStops() {
    SeriesEvaluator series = new SeriesEvaluator(OK, T);
    series.onValue(ONCE, 300, T);
    series.onValue(ONCE, 100, T);
    series.onValue(ONCE, 300, T);

    Optional<SeriesChange> fourth = series.onValue(ONCE, 100, T);
    assertThat(fourth).contains(new SeriesChange(WARNING, OK, 100.0, true, true));
    assertThat(series.onValue(ONCE, 300, T))
        .contains(new SeriesChange(OK, WARNING, 300.0, true, false));
    for (int i = 0; i < 18; i++) {
      series.onValue(ONCE, 300, T);
    }
    assertThat(series.onValue(ONCE, 300, T))
        .contains(new SeriesChange(WARNING, WARNING, 300.0, false, true));
  }

  @Test
  void aPendingForNCountSurvivesASnapshot() {
    SeriesEvaluator before = new SeriesEvaluator(OK, T);
    before.onValue(THRICE, 600, T);
    before.onValue(THRICE, 600, T);

    SeriesEvaluator after = SeriesEvaluator.restore(before.snapshot("a", "x"));

    assertThat(after.onValue(THRICE, 600, T + 1)).contains(change(OK, CRITICAL, 600.0));
  }

  @Test
  void theNoDataClockSurvivesASnapshot() {
    SeriesEvaluator before = new SeriesEvaluator(OK, T);
    before.onValue(NO_DATA, 10, T + 60_000);

    SeriesEvaluator after = SeriesEvaluator.restore(before.snapshot("a", "x"));

    assertThat(after.onTick(NO_DATA, T + 359_999)).isEmpty();
    assertThat(after.onTick(NO_DATA, T + 360_000)).contains(change(OK, UNKNOWN, null));
  }

  @Test
  void flappingAndItsHistorySurviveASnapshot() {
    Check flappy = TestChecks.check("name: a\npattern: x\ncritical: 500");
    SeriesEvaluator before = new SeriesEvaluator(OK, T);
    for (int i = 0; i < 5; i++) {
      before.onValue(flappy, i % 2 == 0 ? 600 : 10, T);
    }
    assertThat(before.isFlapping()).isTrue();

    SeriesEvaluator after = SeriesEvaluator.restore(before.snapshot("a", "x"));
    assertThat(after.isFlapping()).isTrue();
    assertThat(after.snapshot("a", "x")).isEqualTo(before.snapshot("a", "x"));
    for (int i = 0; i < 30; i++) { // both see the same future: they stop flapping together
      assertThat(after.onValue(flappy, 10, T)).isEqualTo(before.onValue(flappy, 10, T));
    }
    assertThat(after.isFlapping()).isFalse();
  }

  @Test
  void aSeriesAtRestNeedsNoSavingAndIsDeletedWhenItComesToRest() {
    SeriesEvaluator series = new SeriesEvaluator(OK, T);
    series.onValue(THRICE, 100, T);
    assertThat(series.needsSaving(THRICE)).isFalse();

    series.onValue(THRICE, 600, T); // pending CRITICAL 1/3
    assertThat(series.needsSaving(THRICE)).isTrue();
    SeriesSnapshot saved = series.save(THRICE, "x").orElseThrow();
    assertThat(saved.pending()).isEqualTo(CRITICAL);
    assertThat(saved.pendingCount()).isEqualTo(1);
    assertThat(series.needsSaving(THRICE)).isFalse();

    series.onValue(THRICE, 100, T); // nothing pending, but the flap history holds CRITICAL
    assertThat(series.needsSaving(THRICE)).isTrue();
    assertThat(series.save(THRICE, "x").orElseThrow().pending()).isNull();
    for (int i = 0; i < 19; i++) {
      series.onValue(THRICE, 100, T);
    }
    assertThat(series.isSaved()).isTrue();
    series.onValue(THRICE, 100, T); // the 21st OK pushes CRITICAL out: at rest again
    assertThat(series.needsSaving(THRICE)).isTrue();
    assertThat(series.save(THRICE, "x")).isEmpty(); // the saved copy is to be deleted
    assertThat(series.isSaved()).isFalse();
  }

  @Test
  void theNoDataClockIsSavedOnceItMovedByATenthOfTheNoDataTime() {
    SeriesEvaluator series = new SeriesEvaluator(OK, T);
    series.onValue(NO_DATA, 10, T);
    assertThat(series.needsSaving(NO_DATA)).isTrue(); // no-data series are always kept
    series.save(NO_DATA, "x");

    series.onValue(NO_DATA, 10, T + 29_999);
    assertThat(series.needsSaving(NO_DATA)).isFalse();
    series.onValue(NO_DATA, 10, T + 30_000); // a tenth of 5m
    assertThat(series.needsSaving(NO_DATA)).isTrue();
  }

  private static SeriesChange change(
      dev.mosaic.contract.SeriesState from, dev.mosaic.contract.SeriesState to, Double value) {
    return new SeriesChange(from, to, value, false, false);
  }
}
