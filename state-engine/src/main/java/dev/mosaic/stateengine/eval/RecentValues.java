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

  private final int perSeries;
  private final int maxSeries;
  private final Map<String, Deque<Entry>> series = new HashMap<>();

  public RecentValues(int perSeries, int maxSeries) {
    this.perSeries = perSeries;
    this.maxSeries = maxSeries;
  }

  /** Returns false if the series is new and there is no room for it. */
  public boolean add(String name, double value, long timestampSeconds) {
    Deque<Entry> values = series.get(name);
    if (values == null) {
      if (series.size() >= maxSeries) {
        return false;
      }
      values = new ArrayDeque<>();
      series.put(name, values);
    }
    if (values.size() == perSeries) {
      values.removeFirst();
    }
    values.addLast(new Entry(timestampSeconds, value));
    return true;
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
            for (Entry e : values) {
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
