package dev.mosaic.stateengine.http;

/**
 * The state engine's view of Kafka, for {@code GET /health}.
 *
 * @param ok false while the last transaction aborted: incidents are evaluated but not written
 * @param ownedPartitions aggregates partitions this engine owns
 * @param lastCommitAtMillis when a transaction last committed, epoch milliseconds; null if never
 * @param lastError why the last transaction aborted; null after a commit
 */
public record KafkaHealth(
    boolean ok, int ownedPartitions, Long lastCommitAtMillis, String lastError) {
  /** A view for an engine without Kafka, as in tests of the API alone. */
  public static KafkaHealth none() {
    return new KafkaHealth(true, 0, null, null);
  }
}
