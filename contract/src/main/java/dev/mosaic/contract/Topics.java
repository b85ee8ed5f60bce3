package dev.mosaic.contract;

/**
 * The Kafka topics that are mosaic's service interfaces. Names are {@code <prefix><topic>}, the
 * prefix from {@code kafka.topic-prefix} (default {@code mosaic.}), so several pipelines can share
 * a cluster.
 *
 * @param prefix prepended to every topic name
 */
public record Topics(String prefix) {
  /**
   * Raw samples, collector → aggregator. Value: {@link SampleBatch}, see {@link SampleBatchSerde}.
   */
  public String samples() {
    return prefix + "samples";
  }

  /**
   * Interval aggregates, aggregator → storage bridge and state engine. Value: {@link
   * AggregateBatch}, see {@link AggregateBatchSerde}.
   */
  public String aggregates() {
    return prefix + "aggregates";
  }

  /**
   * Every incident change, state engine → notifier, keyed by incident id. Value: {@link
   * IncidentEvent}, see {@link IncidentEventSerde}.
   */
  public String incidents() {
    return prefix + "incidents";
  }

  /**
   * The latest version of every incident, compacted, keyed by incident id; the state engine's
   * memory across restarts. Value: {@link Incident}, see {@link IncidentSerde}. The same topic
   * holds each series' evaluation state under {@link SeriesSnapshot#key()}, value {@link
   * SeriesSnapshot} (see {@link SeriesSnapshotSerde}). Both live in the partition of the series'
   * aggregates, so the topic has as many partitions as the aggregates topic.
   */
  public String incidentState() {
    return prefix + "incident-state";
  }
}
