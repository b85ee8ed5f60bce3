package dev.mosaic.aggregator.statsd;

import dev.mosaic.contract.AggregatePoint;
import java.util.List;

/**
 * The points one StatsD metric produced in one interval; they travel together because they share
 * the source name that decides their partition.
 *
 * <pre>
 *   SeriesRegistry → SeriesAggregates → AggregatePublisher (partition of sourceName)
 * </pre>
 *
 * @param sourceName the metric's name as the collector received it, e.g. {@code api.latency}
 * @param points its Graphite points, e.g. {@code stats.timers.api.latency.upper}
 */
public record SeriesAggregates(String sourceName, List<AggregatePoint> points) {
  public SeriesAggregates {
    points = List.copyOf(points);
  }
}
