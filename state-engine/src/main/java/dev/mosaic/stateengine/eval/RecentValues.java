package dev.mosaic.stateengine.eval;

import dev.mosaic.contract.GraphitePattern;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The last values of every series, for the Umpire-style {@code GET /check}; bounded in values per
 * series and in series. A series beyond the limit is not kept, and counted by the caller.
 *
 * <pre>
 * AggregatePoint → CheckEngine → RecentValues ← GET /check
 * </pre>
 *
 * <p>Not thread-safe; {@code CheckEngine} serialises access.
 */
public final class RecentValues {
  private record Entry(long timestampSeconds, double value) {}

  /** The kept values of one series; a handle the caller may hold to skip the lookup by name. */
  public final class Series {
    private final Deque<Entry> values = new ArrayDeque<>();

    public void add(double value, long timestampSeconds) {
      if (values.size() == perSeries) {
        values.removeFirst();
      }
      values.addLast(new Entry(timestampSeconds, value));
    }
  }

  private final int perSeries;
  private final int maxSeries;
  private final Map<String, Series> series = new HashMap<>();

  public RecentValues(int perSeries, int maxSeries) {
    this.perSeries = perSeries;
    this.maxSeries = maxSeries;
  }

  /** Returns false if the series is new and there is no room for it. */
  public boolean add(String name, double value, long timestampSeconds) {
    Series kept = track(name);
    if (kept == null) {
      return false;
    }
    kept.add(value, timestampSeconds);
    return true;
  }

  /**
   * The values kept for {@code name}, made empty if the series is new; null if it is new and there
   * is no room for it. The handle stays valid until {@link #removeAll} forgets the series.
   */
  public Series track(String name) {
    Series kept = series.get(name);
    if (kept == null) {
      if (series.size() >= maxSeries) {
        return null;
      }
      kept = new Series();
      series.put(name, kept);
    }
    return kept;
  }

  /** Forgets the named series, e.g. when their partition moved to another engine. */
  public void removeAll(Collection<String> names) {
    series.keySet().removeAll(names);
  }

  /** The values of each matching series with a timestamp at or after {@code fromSeconds}. */
  public Map<String, List<Double>> since(GraphitePattern pattern, long fromSeconds) {
    Map<String, List<Double>> out = new HashMap<>();
    series.forEach(
        (name, values) -> {
          if (pattern.matches(name)) {
            List<Double> recent = new ArrayList<>();
            for (Entry e : values.values) {
              if (e.timestampSeconds() >= fromSeconds) {
                recent.add(e.value());
              }
            }
            if (!recent.isEmpty()) {
              out.put(name, recent);
            }
          }
        });
    return out;
  }
}
