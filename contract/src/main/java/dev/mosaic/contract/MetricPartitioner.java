package dev.mosaic.contract;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.utils.Utils;

/**
 * Which partition of a topic holds a metric. It is the partition Kafka's default partitioner would
 * choose for a record keyed by the metric's UTF-8 name, so batching many names per record changes
 * nothing about where a metric lives.
 */
public final class MetricPartitioner {
  private MetricPartitioner() {}

  /**
   * @param metricName the sanitised metric name
   * @param partitions how many partitions the topic has, at least 1
   */
  public static int partitionFor(String metricName, int partitions) {
    byte[] key = metricName.getBytes(StandardCharsets.UTF_8);
    return Utils.toPositive(Utils.murmur2(key)) % partitions;
  }
}
