package dev.mosaic.bench.load;

/**
 * What the senders put on the wire in one step.
 *
 * @param packets datagrams sent
 * @param lines StatsD lines in them
 * @param counterLines counter lines among them, each adding 1
 * @param seconds how long sending took
 */
record Offered(long packets, long lines, long counterLines, double seconds) {
  double linesPerSecond() {
    return lines / seconds;
  }

  Offered plus(Offered other) {
    return new Offered(
        packets + other.packets,
        lines + other.lines,
        counterLines + other.counterLines,
        Math.max(seconds, other.seconds));
  }
}
