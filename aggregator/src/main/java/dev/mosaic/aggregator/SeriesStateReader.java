package dev.mosaic.aggregator;

import java.util.Collection;
import java.util.Map;

/** Where the aggregator finds the known series and gauge levels a previous owner committed. */
@FunctionalInterface
interface SeriesStateReader {
  /** Reads nothing: for an aggregator that starts with no saved state. */
  SeriesStateReader NONE = partitions -> Map.of();

  /**
   * @param partitions samples partition numbers
   * @return the latest committed changelog record per key of those partitions (tombstones included
   *     as null values)
   */
  Map<String, byte[]> latest(Collection<Integer> partitions);
}
