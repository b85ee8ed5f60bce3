package dev.mosaic.aggregator.statsd;

import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The series of one type an aggregator knows, kept in name order between intervals, so that closing
 * an interval finds each series with one hash lookup and reports them without sorting again.
 *
 * <pre>
 *   IntervalState (this interval's values) → KnownSeries#attach → Entry[] in name order → points
 * </pre>
 *
 * <p>Only the names an interval brings for the first time are sorted (then merged in); a steady set
 * of series costs one lookup each. Memory: an {@link Entry}, a {@link HashMap} node and an array
 * slot per series, about 80 bytes besides the name, and the cached Graphite paths of counters,
 * gauges and sets.
 *
 * <p>Not thread-safe: the aggregation thread owns it.
 *
 * @param <V> what an interval holds for one series of this type
 */
final class KnownSeries<V> {
  private static final Comparator<Entry<?>> BY_NAME = Comparator.comparing(entry -> entry.name);

  /** One known series and, while an interval is being closed, that interval's value for it. */
  static final class Entry<V> {
    final String name;

    /** This interval's value; null when the series is idle in it. */
    V current;

    /** The gauge level carried between intervals; 0 until set, which is Etsy's "no level". */
    double level;

    /** True from the interval that first brought the series until that interval is detached. */
    boolean learnt;

    /**
     * The Graphite path of the series' point (a counter's rate), built at its first report and
     * kept: it is the same every interval. Null until then, and for timers, whose many paths would
     * cost more memory than building them does time.
     */
    String path;

    /** A counter's second path (its count); null for the other types. */
    String secondPath;

    private Entry(String name) {
      this.name = name;
    }
  }

  private final Map<String, Entry<V>> byName = new HashMap<>();
  private Entry<V>[] inOrder = newArray(0);

  /**
   * Learns the names of {@code interval} and attaches each value to its entry.
   *
   * @return every known series, this interval's new ones included, in name order; valid until the
   *     next call to any method of this class
   */
  Entry<V>[] attach(Map<String, V> interval) {
    Entry<V>[] added = null;
    int addedCount = 0;
    for (Map.Entry<String, V> value : interval.entrySet()) {
      Entry<V> entry = byName.get(value.getKey());
      if (entry == null) {
        entry = new Entry<>(value.getKey());
        entry.learnt = true;
        byName.put(entry.name, entry);
        if (added == null) {
          // Allocated only when needed: in a steady state no interval brings a new name.
          added = newArray(interval.size());
        }
        added[addedCount++] = entry;
      }
      entry.current = value.getValue();
    }
    if (addedCount > 0) {
      Arrays.sort(added, 0, addedCount, BY_NAME);
      inOrder = merge(inOrder, added, addedCount);
    }
    return inOrder;
  }

  /**
   * Closes one interval in one pass over the known series: {@link #attach}es its values, hands each
   * series in name order to {@code report}, then ends the interval for that series as {@link
   * #detach} does. Touching each entry once instead of twice matters with a million of them.
   */
  void close(
      Map<String, V> interval,
      Consumer<Entry<V>> report,
      boolean keepAll,
      Predicate<String> keepIdle,
      Consumer<Entry<V>> dropped) {
    Entry<V>[] known = attach(interval);
    int kept = 0;
    for (Entry<V> entry : known) {
      report.accept(entry);
      kept = release(entry, kept, keepAll, keepIdle, dropped);
    }
    if (kept < known.length) {
      inOrder = Arrays.copyOf(inOrder, kept);
    }
  }

  /**
   * Ends the interval {@link #attach} started: drops every value and, unless {@code keepAll}, the
   * series {@code keepIdle} rejects, each handed to {@code dropped}.
   */
  void detach(boolean keepAll, Predicate<String> keepIdle, Consumer<Entry<V>> dropped) {
    int kept = 0;
    for (Entry<V> entry : inOrder) {
      kept = release(entry, kept, keepAll, keepIdle, dropped);
    }
    if (kept < inOrder.length) {
      inOrder = Arrays.copyOf(inOrder, kept);
    }
  }

  /**
   * Ends the interval for one entry, moving it to slot {@code kept} of {@link #inOrder} if it
   * stays.
   *
   * @return the next free slot
   */
  private int release(
      Entry<V> entry,
      int kept,
      boolean keepAll,
      Predicate<String> keepIdle,
      Consumer<Entry<V>> dropped) {
    entry.current = null;
    if (keepAll || keepIdle.test(entry.name)) {
      entry.learnt = false;
      inOrder[kept] = entry;
      return kept + 1;
    }
    byName.remove(entry.name);
    dropped.accept(entry);
    return kept;
  }

  /** Forgets the series whose name matches. */
  void forget(Predicate<String> name) {
    detach(false, name.negate(), entry -> {});
  }

  /**
   * Knows these series from now on, as if an earlier interval had brought them (they are not {@link
   * Entry#learnt}); only between intervals.
   */
  void restore(Collection<String> names) {
    Map<String, V> idle = new HashMap<>();
    names.forEach(name -> idle.put(name, null));
    attach(idle);
    detach(true, name -> true, entry -> {});
  }

  /** The known series of this name, or null. */
  Entry<V> get(String name) {
    return byName.get(name);
  }

  int size() {
    return byName.size();
  }

  private static <V> Entry<V>[] merge(Entry<V>[] known, Entry<V>[] added, int addedCount) {
    Entry<V>[] merged = newArray(known.length + addedCount);
    int k = 0;
    int a = 0;
    int m = 0;
    while (k < known.length && a < addedCount) {
      merged[m++] = known[k].name.compareTo(added[a].name) < 0 ? known[k++] : added[a++];
    }
    System.arraycopy(known, k, merged, m, known.length - k);
    System.arraycopy(added, a, merged, m + known.length - k, addedCount - a);
    return merged;
  }

  @SuppressWarnings("unchecked")
  private static <V> Entry<V>[] newArray(int length) {
    return (Entry<V>[]) new Entry<?>[length];
  }
}
