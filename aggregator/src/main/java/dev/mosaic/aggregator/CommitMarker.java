package dev.mosaic.aggregator;

import java.util.Optional;

/**
 * What an aggregator writes into the metadata of each offset it commits, so whoever reads the
 * partition next skips the samples it already published instead of publishing them twice.
 *
 * <pre>
 *   flush → commit(offset, CommitMarker) … restart or rebalance → committed → ReplayFilter
 * </pre>
 *
 * @param flushedBeforeMillis every interval before this one was published
 * @param readToOffset the committing aggregator had read up to (excluding) this offset
 */
record CommitMarker(long flushedBeforeMillis, long readToOffset) {
  private static final String PREFIX = "mosaic-aggregator/1 ";

  String encode() {
    return PREFIX + flushedBeforeMillis + " " + readToOffset;
  }

  /** Empty for metadata written by anything else, or by an incompatible version. */
  static Optional<CommitMarker> decode(String metadata) {
    if (metadata == null || !metadata.startsWith(PREFIX)) {
      return Optional.empty();
    }
    String[] fields = metadata.substring(PREFIX.length()).split(" ");
    if (fields.length != 2) {
      return Optional.empty();
    }
    try {
      return Optional.of(new CommitMarker(Long.parseLong(fields[0]), Long.parseLong(fields[1])));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
