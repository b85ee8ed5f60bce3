package dev.mosaic.contract.admin;

import dev.mosaic.contract.service.Probe;
import java.util.Map;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;

/**
 * What a consumer's own metrics say about its progress: whether it has joined its group, how many
 * partitions it holds, and the largest lag among the partitions it has fetched.
 *
 * @param joined a rebalance has completed, so partitions (possibly none) are assigned
 * @param assigned partitions assigned now
 * @param maxLag the largest {@code records-lag} of a partition, or 0 when none is known yet
 * @param laggingPartition the partition with that lag, e.g. {@code mosaic.samples-3}, or empty
 */
record ConsumerLag(boolean joined, int assigned, long maxLag, String laggingPartition) {
  private static final String COORDINATOR = "consumer-coordinator-metrics";
  private static final String FETCHER = "consumer-fetch-manager-metrics";

  static ConsumerLag of(Map<MetricName, ? extends Metric> metrics) {
    boolean joined = false;
    int assigned = 0;
    long maxLag = 0;
    String lagging = "";
    for (Map.Entry<MetricName, ? extends Metric> entry : metrics.entrySet()) {
      MetricName name = entry.getKey();
      double value = number(entry.getValue());
      if (name.group().equals(COORDINATOR)) {
        if (name.name().equals("rebalance-total") && value >= 1) {
          joined = true;
        } else if (name.name().equals("assigned-partitions")) {
          assigned = (int) value;
        }
      } else if (name.group().equals(FETCHER)
          && name.name().equals("records-lag")
          && name.tags().containsKey("partition")
          && value > maxLag) {
        maxLag = (long) value;
        lagging = name.tags().get("topic") + "-" + name.tags().get("partition");
      }
    }
    return new ConsumerLag(joined, assigned, maxLag, lagging);
  }

  private static double number(Metric metric) {
    Object value = metric.metricValue();
    return value instanceof Number n && !Double.isNaN(n.doubleValue()) ? n.doubleValue() : 0;
  }

  Probe readiness(long bound) {
    if (!joined) {
      return Probe.down("has not joined its consumer group yet");
    }
    if (maxLag > bound) {
      return Probe.down(
          laggingPartition + " is " + maxLag + " records behind (bound " + bound + ")");
    }
    return Probe.up(assigned + " partition(s) assigned, max lag " + maxLag);
  }
}
