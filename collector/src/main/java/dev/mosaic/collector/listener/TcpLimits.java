package dev.mosaic.collector.listener;

import java.time.Duration;

/**
 * What one TCP line listener tolerates from its clients.
 *
 * @param maxLineBytes longest line in bytes, without its line break; a longer one is skipped and
 *     counted as {@code too_long}
 * @param idleTimeout a connection that sends nothing for this long is closed
 * @param maxConnections connections beyond this many are closed as soon as they are accepted
 */
public record TcpLimits(int maxLineBytes, Duration idleTimeout, int maxConnections) {}
