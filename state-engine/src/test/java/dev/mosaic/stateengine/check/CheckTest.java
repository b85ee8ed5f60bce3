package dev.mosaic.stateengine.check;

import static dev.mosaic.contract.SeriesState.CRITICAL;
import static dev.mosaic.contract.SeriesState.OK;
import static dev.mosaic.contract.SeriesState.UNKNOWN;
import static dev.mosaic.contract.SeriesState.WARNING;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CheckTest {
  private static final Check ABOVE =
      TestChecks.check("name: p90\npattern: a.*\nwarning: 250\ncritical: 500");
  private static final Check BELOW =
      TestChecks.check("name: disk\npattern: d.*\ndirection: below\nwarning: 20\ncritical: 10");
  private static final Check HYSTERESIS =
      TestChecks.check(
          "name: h\npattern: a.*\nwarning: 250\ncritical: 500\n"
              + "recovery: {warning: 200, critical: 400}");

  @Test
  void aboveThresholdsAreStrict() {
    assertThat(ABOVE.levelFor(250, OK)).isEqualTo(OK);
    assertThat(ABOVE.levelFor(250.5, OK)).isEqualTo(WARNING);
    assertThat(ABOVE.levelFor(500, OK)).isEqualTo(WARNING);
    assertThat(ABOVE.levelFor(501, OK)).isEqualTo(CRITICAL);
  }

  @Test
  void belowThresholdsAreStrict() {
    assertThat(BELOW.levelFor(20, OK)).isEqualTo(OK);
    assertThat(BELOW.levelFor(19.9, OK)).isEqualTo(WARNING);
    assertThat(BELOW.levelFor(10, OK)).isEqualTo(WARNING);
    assertThat(BELOW.levelFor(9, OK)).isEqualTo(CRITICAL);
  }

  @Test
  void withoutRecoveryThresholdsAStateIsLeftAtItsTrigger() {
    assertThat(ABOVE.levelFor(400, CRITICAL)).isEqualTo(WARNING);
    assertThat(ABOVE.levelFor(250, WARNING)).isEqualTo(OK);
  }

  @Test
  void hysteresisHoldsAStateUntilTheRecoveryBound() {
    assertThat(HYSTERESIS.levelFor(450, CRITICAL)).isEqualTo(CRITICAL);
    assertThat(HYSTERESIS.levelFor(400, CRITICAL)).isEqualTo(WARNING);
    assertThat(HYSTERESIS.levelFor(220, WARNING)).isEqualTo(WARNING);
    assertThat(HYSTERESIS.levelFor(220, CRITICAL)).isEqualTo(WARNING);
    assertThat(HYSTERESIS.levelFor(200, WARNING)).isEqualTo(OK);
    assertThat(HYSTERESIS.levelFor(450, OK)).isEqualTo(WARNING);
    assertThat(HYSTERESIS.levelFor(220, OK)).isEqualTo(OK);
    assertThat(HYSTERESIS.levelFor(220, UNKNOWN)).isEqualTo(OK);
  }

  @Test
  void aCheckWithOnlyACriticalThresholdNeverWarns() {
    Check critical = TestChecks.check("name: c\npattern: a\ncritical: 5");
    assertThat(critical.levelFor(4, OK)).isEqualTo(OK);
    assertThat(critical.levelFor(6, OK)).isEqualTo(CRITICAL);
    assertThat(critical.levelFor(5, CRITICAL)).isEqualTo(OK);
  }

  @Test
  void descriptionFillsInPlaceholders() {
    Check check =
        TestChecks.check(
            "name: p90\npattern: a.*\nwarning: 250\ncritical: 500.5\n"
                + "description: '{check} {series} {state} {value} {warning} {critical}'");

    assertThat(check.describe("a.get", WARNING, 312.25))
        .isEqualTo("p90 a.get WARNING 312.25 250 500.5");
    assertThat(check.describe("a.get", UNKNOWN, null))
        .isEqualTo("p90 a.get UNKNOWN no data 250 500.5");
  }
}
