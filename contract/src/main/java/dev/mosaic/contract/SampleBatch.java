package dev.mosaic.contract;

import java.util.List;

/**
 * Many samples in one Kafka record. Every sample in a batch has a name that {@link
 * MetricPartitioner} maps to the partition the batch is written to, so one metric is always
 * aggregated by one consumer even though records carry many names.
 *
 * @param samples in the order the collector received them
 */
public record SampleBatch(List<MetricSample> samples) {
  public SampleBatch {
    samples = List.copyOf(samples);
  }
}
