package dev.mosaic.bench.load;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When each interval's points reached carbon, relative to the interval's end, and how long mosaic's
 * aggregator says closing and publishing it took: issue 8's "flush of an interval done ≤ 1 s after
 * it closes", seen from outside and from inside.
 *
 * <pre>
 * CarbonReceiver (every line, with its arrival time) → IntervalArrivals → Summary (per step)
 * </pre>
 *
 * <p>Mosaic stamps every point with its interval's start (epoch seconds), so the interval of a line
 * is its timestamp field and the interval ends at timestamp + length. Its own metrics give the
 * aggregator's side: {@code graphiteStats.calculationtime} of an interval is how long closing it
 * took, and {@code graphiteStats.flush_time} in the <em>next</em> interval's points is how long its
 * publish took until the transaction committed (Etsy's convention: they describe the previous
 * flush). Their sum is the interval's close → committed time. Etsy StatsD stamps the flush time
 * instead, so this means nothing for it.
 *
 * <p>Thread-safe: each carbon connection has its own reader thread.
 */
final class IntervalArrivals {
  static final String CALCULATION_TIME = "stats.statsd.graphiteStats.calculationtime ";
  static final String FLUSH_TIME = "stats.statsd.graphiteStats.flush_time ";

  /** One interval, keyed by its start in epoch seconds; the fields change as lines arrive. */
  private static final class Arrival {
    long firstMillis = Long.MAX_VALUE;
    long lastMillis = Long.MIN_VALUE;
    double calculationMillis = Double.NaN;

    /** The publish time of the interval before this one, reported among this one's points. */
    double previousFlushMillis = Double.NaN;
  }

  /**
   * The worst figures over a step's intervals; NaN when no interval qualified.
   *
   * @param intervals how many intervals the figures cover
   * @param firstMillis latest interval end → first of its points at carbon
   * @param lastMillis latest interval end → last of its points at carbon
   * @param aggregatorMillis longest close → committed in the aggregator
   */
  record Summary(int intervals, double firstMillis, double lastMillis, double aggregatorMillis) {
    static final Summary NONE = new Summary(0, Double.NaN, Double.NaN, Double.NaN);
  }

  /** The interval of the previous line: lines come grouped by interval, so this saves a lookup. */
  private record Recent(long start, Arrival arrival) {}

  private final Map<Long, Arrival> byStart = new ConcurrentHashMap<>();
  private volatile Recent recent = new Recent(-1, new Arrival());

  /** Records one carbon plaintext line ({@code name value timestamp}) received at {@code now}. */
  void line(String line, long nowMillis) {
    int lastSpace = line.lastIndexOf(' ');
    if (lastSpace < 0) {
      return;
    }
    long timestamp = parseSeconds(line, lastSpace + 1);
    if (timestamp < 0) {
      return;
    }
    Recent last = recent;
    Arrival arrival;
    if (last.start() == timestamp) {
      arrival = last.arrival();
    } else {
      arrival = byStart.computeIfAbsent(timestamp, t -> new Arrival());
      recent = new Recent(timestamp, arrival);
    }
    synchronized (arrival) {
      arrival.firstMillis = Math.min(arrival.firstMillis, nowMillis);
      arrival.lastMillis = Math.max(arrival.lastMillis, nowMillis);
      if (line.startsWith(CALCULATION_TIME)) {
        arrival.calculationMillis = value(line, CALCULATION_TIME.length(), lastSpace);
      } else if (line.startsWith(FLUSH_TIME)) {
        arrival.previousFlushMillis = value(line, FLUSH_TIME.length(), lastSpace);
      }
    }
  }

  /**
   * The worst figures over the intervals of {@code intervalSeconds} that ended in [{@code from},
   * {@code to}) (epoch milliseconds). An interval's aggregator time needs the next interval's
   * points; without them it is left out of that column.
   */
  Summary summary(long fromMillis, long toMillis, int intervalSeconds) {
    int count = 0;
    double first = Double.NaN;
    double last = Double.NaN;
    double aggregator = Double.NaN;
    for (Map.Entry<Long, Arrival> entry : byStart.entrySet()) {
      long start = entry.getKey();
      long endMillis = (start + intervalSeconds) * 1000;
      if (endMillis < fromMillis || endMillis >= toMillis) {
        continue;
      }
      Arrival arrival = entry.getValue();
      Arrival next = byStart.get(start + intervalSeconds);
      count++;
      synchronized (arrival) {
        first = worst(first, arrival.firstMillis - endMillis);
        last = worst(last, arrival.lastMillis - endMillis);
        if (next != null) {
          synchronized (next) {
            aggregator = worst(aggregator, arrival.calculationMillis + next.previousFlushMillis);
          }
        }
      }
    }
    return count == 0 ? Summary.NONE : new Summary(count, first, last, aggregator);
  }

  /** Forgets intervals that started before {@code epochSeconds}, so memory stays bounded. */
  void forgetBefore(long epochSeconds) {
    byStart.keySet().removeIf(start -> start < epochSeconds);
  }

  /** The larger, NaN meaning "none yet"; a NaN candidate is ignored. */
  private static double worst(double current, double candidate) {
    if (Double.isNaN(candidate)) {
      return current;
    }
    return Double.isNaN(current) ? candidate : Math.max(current, candidate);
  }

  /** The decimal digits from {@code from} to the end, or -1 when they are not all digits. */
  private static long parseSeconds(String line, int from) {
    if (from >= line.length() || line.length() - from > 18) {
      return -1;
    }
    long value = 0;
    for (int i = from; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  private static double value(String line, int from, int to) {
    try {
      return Double.parseDouble(line.substring(from, to));
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }
}
