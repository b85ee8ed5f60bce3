package dev.mosaic.stateengine.eval;

import dev.mosaic.contract.SeriesSnapshot;
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
 * <p>Its state is saved as a {@link SeriesSnapshot} whenever it changed ({@link #needsSaving}), so
 * that another engine can continue it after a restart or a rebalance.
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
  private SeriesSnapshot saved; // the last saved copy; null when none (or deleted)

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

  /** Continues a series from its saved state. */
  public static SeriesEvaluator restore(SeriesSnapshot snapshot) {
    SeriesEvaluator evaluator =
        new SeriesEvaluator(
            snapshot.state(),
            snapshot.lastValueAtMillis(),
            snapshot.recentStates().isEmpty()
                ? new FlapDetector(snapshot.state())
                : FlapDetector.restore(snapshot.recentStates(), snapshot.flapping()));
    evaluator.pending = snapshot.pending();
    evaluator.pendingCount = snapshot.pending() == null ? 0 : snapshot.pendingCount();
    evaluator.saved = snapshot;
    return evaluator;
  }

  private SeriesEvaluator(SeriesState state, long lastValueAtMillis, FlapDetector flaps) {
    this.state = state;
    this.lastValueAtMillis = lastValueAtMillis;
    this.flaps = flaps;
  }

  public SeriesSnapshot snapshot(String check, String series) {
    return new SeriesSnapshot(
        check,
        series,
        state,
        pending,
        pendingCount,
        lastValueAtMillis,
        flaps.history(),
        flaps.isFlapping());
  }

  /**
   * Whether the saved copy is out of date. A series at rest (OK, nothing pending, no state change
   * in its flap history) needs no copy, unless its check has no-data: then its no-data clock is
   * saved too, though only once it moved by a tenth of the no-data time, so that a steady series is
   * not written on every value. After a restart such a series may go UNKNOWN up to that tenth
   * early.
   */
  public boolean needsSaving(Check check) {
    boolean noData = check.noDataAfter() != null;
    if (saved == null) {
      return noData || !isAtRest();
    }
    if (saved.state() != state
        || saved.pending() != pending
        || saved.pendingCount() != pendingCount
        || saved.flapping() != flaps.isFlapping()
        || !flaps.hasHistory(saved.recentStates())) {
      return true;
    }
    return noData
        && Math.abs(lastValueAtMillis - saved.lastValueAtMillis())
            >= check.noDataAfter().toMillis() / 10;
  }

  /**
   * What to save now: the snapshot, or empty when the series is at rest and its check has no
   * no-data, so that its saved copy can be deleted. Marks the result as saved.
   */
  public Optional<SeriesSnapshot> save(Check check, String series) {
    saved = check.noDataAfter() == null && isAtRest() ? null : snapshot(check.name(), series);
    return Optional.ofNullable(saved);
  }

  private boolean isAtRest() {
    return state == SeriesState.OK && pending == null && flaps.isSteadyAt(SeriesState.OK);
  }

  /** Whether this series has a saved copy. */
  public boolean isSaved() {
    return saved != null;
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
        pendingCount = 0;
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
