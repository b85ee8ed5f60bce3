package dev.mosaic.contract;

import java.util.List;

/**
 * The points one aggregator produced for one interval and one partition, in one Kafka record.
 *
 * @param intervalStartMillis start of the aligned interval, epoch milliseconds
 * @param intervalMillis the interval's length
 * @param points every point of the interval whose source metric maps to this record's partition
 */
public record AggregateBatch(
    long intervalStartMillis, long intervalMillis, List<AggregatePoint> points) {
  public AggregateBatch {
    points = List.copyOf(points);
  }
}
