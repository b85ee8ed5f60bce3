package dev.mosaic.stateengine.eval;

import dev.mosaic.contract.SeriesState;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

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
   * Continues a history saved by {@link #history()}. A shorter list is padded with its oldest
   * state, a longer one loses its oldest states, so a detector of another length can take it over.
   */
  public static FlapDetector restore(List<SeriesState> oldestFirst, boolean flapping) {
    if (oldestFirst.isEmpty()) {
      throw new IllegalArgumentException("a flap history needs at least one state");
    }
    FlapDetector detector = new FlapDetector(oldestFirst.get(0));
    int skip = Math.max(0, oldestFirst.size() - HISTORY);
    int start = HISTORY - (oldestFirst.size() - skip);
    for (int i = skip; i < oldestFirst.size(); i++) {
      detector.states[start + i - skip] = oldestFirst.get(i);
    }
    detector.flapping = flapping;
    return detector;
  }

  /** The evaluated states kept, oldest first. */
  public List<SeriesState> history() {
    List<SeriesState> oldestFirst = new ArrayList<>(HISTORY);
    for (int k = 0; k < HISTORY; k++) {
      oldestFirst.add(states[(next + k) % HISTORY]);
    }
    return oldestFirst;
  }

  /** Whether the kept states are {@code oldestFirst}, without copying them. */
  public boolean hasHistory(List<SeriesState> oldestFirst) {
    if (oldestFirst.size() != HISTORY) {
      return false;
    }
    for (int k = 0; k < HISTORY; k++) {
      if (states[(next + k) % HISTORY] != oldestFirst.get(k)) {
        return false;
      }
    }
    return true;
  }

  /** Whether every kept state is {@code state} and the series is not flapping. */
  public boolean isSteadyAt(SeriesState state) {
    if (flapping) {
      return false;
    }
    for (SeriesState s : states) {
      if (s != state) {
        return false;
      }
    }
    return true;
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
