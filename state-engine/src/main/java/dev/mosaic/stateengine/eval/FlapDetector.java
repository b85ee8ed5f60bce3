package dev.mosaic.stateengine.eval;

import dev.mosaic.contract.SeriesState;
import java.util.Arrays;

/**
 * Nagios-style flap detection over the last 21 evaluated states of one series. Each of the 20
 * changes between neighbouring states counts with a weight from 0.8 (oldest) to 1.2 (newest), so
 * recent changes matter more; the percent state change is the weighted count over 20, times 100. A
 * series starts flapping above the high threshold and stops below the low one, so it does not flap
 * about flapping.
 *
 * <pre>
 * value → Check.levelFor → FlapDetector.record → SeriesEvaluator
 * </pre>
 */
public final class FlapDetector {
  static final int HISTORY = 21;
  private static final double OLDEST_WEIGHT = 0.8;
  private static final double NEWEST_WEIGHT = 1.2;

  private final SeriesState[] states = new SeriesState[HISTORY];
  private int next; // index of the oldest state, where the next one is written
  private boolean flapping;

  /** Starts with a history of 21 times {@code initial}: no change, 0%. */
  public FlapDetector(SeriesState initial) {
    Arrays.fill(states, initial);
  }

  /**
   * Adds one evaluated state and returns whether the series is flapping now.
   *
   * @param lowPercent stop flapping when the percent state change falls below this
   * @param highPercent start flapping when it rises above this
   */
  public boolean record(SeriesState state, double lowPercent, double highPercent) {
    states[next] = state;
    next = (next + 1) % HISTORY;
    double percent = percentStateChange();
    if (!flapping && percent > highPercent) {
      flapping = true;
    } else if (flapping && percent < lowPercent) {
      flapping = false;
    }
    return flapping;
  }

  public boolean isFlapping() {
    return flapping;
  }

  /** The weighted percent of state changes in the history, 0 to 100. */
  public double percentStateChange() {
    double weighted = 0;
    for (int k = 0; k < HISTORY - 1; k++) { // change k is between the k-th and k+1-th oldest
      SeriesState older = states[(next + k) % HISTORY];
      SeriesState newer = states[(next + k + 1) % HISTORY];
      if (older != newer) {
        weighted += OLDEST_WEIGHT + (NEWEST_WEIGHT - OLDEST_WEIGHT) * k / (HISTORY - 2);
      }
    }
    return weighted * 100 / (HISTORY - 1);
  }
}
