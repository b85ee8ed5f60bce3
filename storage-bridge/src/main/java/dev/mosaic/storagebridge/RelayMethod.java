package dev.mosaic.storagebridge;

/**
 * How points are spread over several carbon destinations, named as carbon-relay's {@code
 * RELAY_METHOD}.
 */
enum RelayMethod {
  /** Each metric to one destination, the one carbon-relay's {@code carbon_ch} ring picks. */
  CONSISTENT_HASHING,
  /** Every point to every destination. */
  REPLICATE;
}
