package dev.mosaic.contract;

import java.util.List;
import java.util.Objects;

/**
 * What the state engine remembers of one series under one check besides its incident, so that a
 * restarted engine (or the engine that takes over the series' partition) neither resets a pending
 * for-N count nor forgets flapping or the no-data timer. It is the value of the compacted {@code
 * incident-state} topic under the key {@link #key()}.
 *
 * @param check the check's name
 * @param series the Graphite path of the series
 * @param state the series' state
 * @param pending the state that consecutive values call for, {@code null} when none
 * @param pendingCount how many consecutive values called for {@code pending}
 * @param lastValueAtMillis when the last value arrived, epoch milliseconds (service clock)
 * @param recentStates the last evaluated states for flap detection, oldest first
 * @param flapping whether the series flaps
 */
public record SeriesSnapshot(
    String check,
    String series,
    SeriesState state,
    SeriesState pending,
    int pendingCount,
    long lastValueAtMillis,
    List<SeriesState> recentStates,
    boolean flapping) {
  /** Every series-state key in {@code incident-state} starts with this; incident ids never do. */
  public static final String KEY_PREFIX = "series/";

  public SeriesSnapshot {
    Objects.requireNonNull(check, "check");
    Objects.requireNonNull(series, "series");
    Objects.requireNonNull(state, "state");
    recentStates = recentStates == null ? List.of() : List.copyOf(recentStates);
  }

  /** The record key: {@code series/<check>/<series>} (check names hold no {@code /}). */
  public String key() {
    return keyOf(check, series);
  }

  public static String keyOf(String check, String series) {
    return KEY_PREFIX + check + '/' + series;
  }
}
