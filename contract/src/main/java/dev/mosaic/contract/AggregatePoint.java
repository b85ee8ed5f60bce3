package dev.mosaic.contract;

import java.util.Objects;

/**
 * One aggregated value of one series, ready for Graphite.
 *
 * @param name the full Graphite path, e.g. {@code stats.timers.api.get.upper_90}
 * @param value the aggregate; finite
 * @param timestampSeconds the start of the interval it covers, epoch seconds
 */
public record AggregatePoint(String name, double value, long timestampSeconds) {
  public AggregatePoint {
    Objects.requireNonNull(name, "name");
  }
}
