package dev.mosaic.storagebridge.internal;

import dev.mosaic.contract.AggregatePoint;
import dev.mosaic.storagebridge.carbon.GraphiteNames;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps out the points carbon cannot store: names it would split or misfile, and values that are
 * not finite. Each is counted and logged once per name.
 *
 * <pre>
 * decoded AggregateBatch → PointFilter → CarbonDelivery
 * </pre>
 *
 * <p>Not thread-safe: the bridge's one consumer thread uses it.
 */
public final class PointFilter {
  private static final Logger log = LoggerFactory.getLogger(PointFilter.class);

  /** How many rejected names are remembered so as not to log them again. */
  static final int REMEMBERED_NAMES = 1024;

  private static final int LOGGED_NAME_CHARS = 200;

  private final StorageBridgeMeters meters;
  private final FirstSightings logged = new FirstSightings(REMEMBERED_NAMES);

  public PointFilter(StorageBridgeMeters meters) {
    this.meters = meters;
  }

  /** True if the point can be written; otherwise counts and perhaps logs why not. */
  public boolean accept(AggregatePoint point) {
    String problem = GraphiteNames.problem(point.name());
    if (problem != null) {
      meters.invalidNames().increment();
      if (logged.isFirst(point.name())) {
        log.warn("skipping points named {}: {}", printable(point.name()), problem);
      }
      return false;
    }
    if (!Double.isFinite(point.value())) {
      meters.nonFiniteValues().increment();
      if (logged.isFirst(point.name())) {
        log.warn(
            "skipping a value of {} for {}: carbon stores only finite numbers",
            point.value(),
            point.name());
      }
      return false;
    }
    return true;
  }

  /** Quoted, control characters escaped and length cut, so a bad name cannot forge log lines. */
  static String printable(String name) {
    StringBuilder out = new StringBuilder("\"");
    int end = Math.min(name.length(), LOGGED_NAME_CHARS);
    for (int i = 0; i < end; i++) {
      char c = name.charAt(i);
      if (Character.isISOControl(c) || c == '"' || c == '\\') {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    out.append('"');
    if (name.length() > end) {
      out.append("... (").append(name.length()).append(" chars)");
    }
    return out.toString();
  }
}
