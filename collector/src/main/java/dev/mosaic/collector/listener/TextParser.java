package dev.mosaic.collector.listener;

import dev.mosaic.collector.statsd.StatsdSink;

/**
 * One wire format as the stream listeners see it: text in, samples and bad lines out to a sink.
 *
 * <pre>
 * TcpLineHandler / LogDrainHandler → TextParser → ListenerSink
 * </pre>
 *
 * <p>Implemented by the StatsD splitter and the logfmt parser, neither of which knows Netty. Called
 * on an event-loop thread; must not throw for any input and must not block.
 */
@FunctionalInterface
public interface TextParser {
  /**
   * @param text one line or more, never null
   * @param receivedAtMillis stamped on every sample
   * @return the number of non-empty lines in {@code text}
   */
  int parse(CharSequence text, long receivedAtMillis, StatsdSink sink);
}
