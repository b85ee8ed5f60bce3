package dev.mosaic.contract;

import java.util.List;

/**
 * Many samples in one Kafka record. Every sample in a batch has a name that {@link
 * MetricPartitioner} maps to the partition the batch is written to, so one metric is always
 * aggregated by one consumer even though records carry many names.
 *
 * <p>Order: the samples of one series (name and type) are in the order the collector received them.
 * Across series no order is promised: {@link SampleBatchSerde} groups each series' samples together
 * on the wire.
 *
 * @param samples the samples; per series in the order received
 */
public record SampleBatch(List<MetricSample> samples) {
  public SampleBatch {
    samples = List.copyOf(samples);
  }
}
