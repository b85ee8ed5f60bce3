package dev.mosaic.storagebridge;

/**
 * Carbon's wire protocols the bridge can write, as named in {@code storage-bridge.carbon.protocol}.
 */
enum CarbonProtocol {
  /** {@code <name> <value> <timestamp>\n} lines, carbon's LINE_RECEIVER_PORT (2003). */
  PLAINTEXT(2003),
  /** Length-prefixed Python pickles, carbon's PICKLE_RECEIVER_PORT (2004). */
  PICKLE(2004);

  private final int defaultPort;

  CarbonProtocol(int defaultPort) {
    this.defaultPort = defaultPort;
  }

  /** The port carbon listens on for this protocol unless configured otherwise. */
  int defaultPort() {
    return defaultPort;
  }
}
