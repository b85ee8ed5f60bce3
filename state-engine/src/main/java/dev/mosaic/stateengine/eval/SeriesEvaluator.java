package dev.mosaic.stateengine.eval;

import dev.mosaic.contract.SeriesState;
import dev.mosaic.stateengine.check.Check;
import java.util.Optional;

/**
 * The state of one series under one check, moved by its values and by the passing of time.
 *
 * <ul>
 *   <li>Thresholds and hysteresis: {@link Check#levelFor} says which state a value calls for.
 *   <li>for-N: a series moves to a new state only after {@code for} consecutive values call for
 *       that same state; one value calling for the current state resets the count.
 *   <li>no-data: once no value has arrived for the check's no-data duration the series is UNKNOWN
 *       at once; the first value after that sets its state at once.
 *   <li>flapping: every evaluated state goes to a {@link FlapDetector}.
 * </ul>
 *
 * <pre>
 * AggregatePoint → CheckEngine → SeriesEvaluator → IncidentBook
 * </pre>
 *
 * <p>Not thread-safe; {@code CheckEngine} serialises access.
 */
public final class SeriesEvaluator {
  private SeriesState state;
  private SeriesState pending;
  private int pendingCount;
  private long lastValueAtMillis;
  private final FlapDetector flaps;

  /**
   * @param initial the state to start from: OK for a new series, an open incident's state after a
   *     restart
   * @param nowMillis counts as the time of the last value, for no-data
   */
  public SeriesEvaluator(SeriesState initial, long nowMillis) {
    this.state = initial;
    this.lastValueAtMillis = nowMillis;
    this.flaps = new FlapDetector(initial);
  }

  public SeriesState state() {
    return state;
  }

  public boolean isFlapping() {
    return flaps.isFlapping();
  }

  public Optional<SeriesChange> onValue(Check check, double value, long nowMillis) {
    lastValueAtMillis = nowMillis;
    SeriesState from = state;
    SeriesState level;
    if (state == SeriesState.UNKNOWN) {
      level = check.levelFor(value, SeriesState.OK);
      moveTo(level);
    } else {
      level = check.levelFor(value, state);
      if (level == state) {
        pending = null;
      } else {
        pendingCount = level == pending ? pendingCount + 1 : 1;
        pending = level;
        if (pendingCount >= check.forIntervals()) {
          moveTo(level);
        }
      }
    }
    return changed(check, from, level, value);
  }

  /** Turns the series UNKNOWN if its check's no-data duration has passed since its last value. */
  public Optional<SeriesChange> onTick(Check check, long nowMillis) {
    if (check.noDataAfter() == null
        || state == SeriesState.UNKNOWN
        || nowMillis - lastValueAtMillis < check.noDataAfter().toMillis()) {
      return Optional.empty();
    }
    SeriesState from = state;
    moveTo(SeriesState.UNKNOWN);
    return changed(check, from, SeriesState.UNKNOWN, null);
  }

  private void moveTo(SeriesState next) {
    state = next;
    pending = null;
    pendingCount = 0;
  }

  private Optional<SeriesChange> changed(
      Check check, SeriesState from, SeriesState evaluated, Double value) {
    boolean wasFlapping = flaps.isFlapping();
    boolean flapping = flaps.record(evaluated, check.flapLowPercent(), check.flapHighPercent());
    if (from == state && wasFlapping == flapping) {
      return Optional.empty();
    }
    return Optional.of(new SeriesChange(from, state, value, flapping, wasFlapping != flapping));
  }
}
