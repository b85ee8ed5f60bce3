package dev.mosaic.collector.statsd;

/**
 * Splits the text of one StatsD datagram into lines and parses each.
 *
 * <pre>
 * listener → StatsdPacketSplitter → StatsdLineParser → StatsdSink
 * </pre>
 *
 * <p>Lines end at {@code \n}; one {@code \r} before it is dropped, so CRLF clients work. Empty
 * lines are skipped without a trace, as in Etsy StatsD. Thread safety: stateless.
 */
public final class StatsdPacketSplitter {
  private final StatsdLineParser parser;

  public StatsdPacketSplitter(StatsdLineParser parser) {
    this.parser = parser;
  }

  /** The parser each line goes to. */
  public StatsdLineParser parser() {
    return parser;
  }

  /**
   * @param possiblyTruncated the datagram filled the receive buffer, so its unterminated last line
   *     may have been cut by the kernel: that line is reported as {@link BadLineReason#TRUNCATED}
   *     instead of being parsed
   * @return the number of non-empty lines
   */
  public int split(
      CharSequence packet, long receivedAtMillis, boolean possiblyTruncated, StatsdSink sink) {
    int lines = 0;
    int start = 0;
    int length = packet.length();
    while (start < length) {
      int newline = indexOfNewline(packet, start, length);
      int end = newline < 0 ? length : newline;
      if (end > start && packet.charAt(end - 1) == '\r') {
        end--;
      }
      if (end > start) {
        lines++;
        if (newline < 0 && possiblyTruncated) {
          sink.badLine(BadLineReason.TRUNCATED, packet.subSequence(start, end));
        } else {
          parser.parse(packet, start, end, receivedAtMillis, sink);
        }
      }
      if (newline < 0) {
        break;
      }
      start = newline + 1;
    }
    return lines;
  }

  private static int indexOfNewline(CharSequence text, int start, int end) {
    for (int i = start; i < end; i++) {
      if (text.charAt(i) == '\n') {
        return i;
      }
    }
    return -1;
  }
}
