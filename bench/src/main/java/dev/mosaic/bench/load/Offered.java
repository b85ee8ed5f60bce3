package dev.mosaic.bench.load;

/**
 * What the senders put on the wire in one step.
 *
 * @param packets datagrams sent: the socket took them (for the epoll sender, the channel reported
 *     the write done)
 * @param lines StatsD lines in them
 * @param counterLines counter lines among them, each adding 1
 * @param failed datagrams that were due but did not leave: the send failed (e.g. ICMP port
 *     unreachable from an earlier datagram) or was still queued when the step ended; not in the
 *     other counts
 * @param seconds how long sending took
 */
record Offered(long packets, long lines, long counterLines, long failed, double seconds) {
  static final Offered NONE = new Offered(0, 0, 0, 0, 0);

  double linesPerSecond() {
    return lines / seconds;
  }

  double packetsPerSecond() {
    return packets / seconds;
  }

  Offered plus(Offered other) {
    return new Offered(
        packets + other.packets,
        lines + other.lines,
        counterLines + other.counterLines,
        failed + other.failed,
        Math.max(seconds, other.seconds));
  }
}
