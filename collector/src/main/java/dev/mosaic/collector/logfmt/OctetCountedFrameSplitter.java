package dev.mosaic.collector.logfmt;

import dev.mosaic.collector.statsd.BadLineReason;
import dev.mosaic.collector.statsd.StatsdSink;
import java.nio.charset.StandardCharsets;

/**
 * Splits a log-drain body into its syslog messages, each prefixed by its length in bytes (RFC 6587
 * octet counting, as Heroku's Logplex sends them), and parses each message for l2met metrics.
 *
 * <pre>
 * POST /logs body → OctetCountedFrameSplitter → LogfmtMetricParser → StatsdSink
 * </pre>
 *
 * <pre>
 * body  := (frame [whitespace])*
 * frame := length ' ' message      (length: 1 to 7 digits, the message's size in bytes)
 * </pre>
 *
 * <p>The whole RFC 5424 message (header and text) goes to the parser: header fields never start
 * with an l2met prefix, so only the metric tokens of the text count. Broken framing cannot be
 * resynchronised, so it ends the body as one {@link BadLineReason#BAD_FRAME}; the frames before it
 * still count. Thread safety: stateless.
 */
public final class OctetCountedFrameSplitter {
  private static final int MAX_LENGTH_DIGITS = 7;

  private final LogfmtMetricParser parser;

  public OctetCountedFrameSplitter(LogfmtMetricParser parser) {
    this.parser = parser;
  }

  /**
   * @param body the request body; read from {@code offset} for {@code length} bytes
   * @return the number of frames parsed, plus one for a broken rest of the body
   */
  public int split(byte[] body, int offset, int length, long receivedAtMillis, StatsdSink sink) {
    int end = offset + length;
    int i = skipWhitespace(body, offset, end);
    int frames = 0;
    while (i < end) {
      int digitsEnd = i;
      long size = 0;
      while (digitsEnd < end
          && digitsEnd - i < MAX_LENGTH_DIGITS
          && body[digitsEnd] >= '0'
          && body[digitsEnd] <= '9') {
        size = size * 10 + (body[digitsEnd] - '0');
        digitsEnd++;
      }
      int messageStart = digitsEnd + 1;
      if (digitsEnd == i
          || digitsEnd >= end
          || body[digitsEnd] != ' '
          || size > end - messageStart) {
        sink.badLine(BadLineReason.BAD_FRAME, excerpt(body, i, end));
        return frames + 1;
      }
      int messageEnd = messageStart + (int) size;
      String message = new String(body, messageStart, (int) size, StandardCharsets.UTF_8);
      parser.parse(message, receivedAtMillis, sink);
      frames++;
      i = skipWhitespace(body, messageEnd, end);
    }
    return frames;
  }

  private static int skipWhitespace(byte[] body, int from, int end) {
    int i = from;
    while (i < end && (body[i] == '\n' || body[i] == '\r' || body[i] == ' ')) {
      i++;
    }
    return i;
  }

  private static String excerpt(byte[] body, int from, int end) {
    return new String(body, from, Math.min(end - from, 200), StandardCharsets.UTF_8);
  }
}
