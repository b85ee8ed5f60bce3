package dev.mosaic.storagebridge.carbon;

import dev.mosaic.contract.AggregatePoint;
import java.io.Closeable;
import java.io.IOException;

/**
 * One connection to a carbon receiver, in one wire protocol.
 *
 * <pre>
 * storage bridge → CarbonSender (CarbonPlaintextSender | CarbonPickleSender), one per destination
 *     → carbon
 * </pre>
 *
 * <p>Contract:
 *
 * <ul>
 *   <li>Threads: one thread calls {@link #connect}, {@link #isConnected}, {@link #send} and {@link
 *       #flush}; {@link #close} may be called from any thread at any time, and a call blocked in
 *       another thread then fails with an {@link IOException}.
 *   <li>Nulls: no argument may be null.
 *   <li>Failure: after an {@link IOException} from {@code send} or {@code flush} the connection is
 *       unusable. The caller closes it, connects again and resends every point sent since the last
 *       successful {@code flush}. Some of them may then reach carbon twice, which is harmless:
 *       Graphite keeps one value per series and timestamp, the last one written.
 *   <li>Delivery: when {@code flush} returns, every point sent before it has been handed to the
 *       operating system's socket. Carbon's protocols have no acknowledgement, so that is as far as
 *       a sender can confirm.
 *   <li>{@code close} discards what was not flushed, may be called more than once, and leaves the
 *       sender ready for another {@code connect}.
 * </ul>
 */
public interface CarbonSender extends Closeable {
  /**
   * Opens the connection.
   *
   * @throws IllegalStateException if already connected
   * @throws IOException if carbon cannot be reached within the sender's connect timeout; the sender
   *     is then closed
   */
  void connect() throws IOException;

  /**
   * True if a connection is open and carbon has not closed its end. Finding out may take about a
   * millisecond, so call it once per batch rather than once per point.
   */
  boolean isConnected();

  /**
   * Buffers one point, writing to the socket when the buffer fills.
   *
   * @throws IllegalArgumentException if the name is not {@linkplain GraphiteNames#isWritable
   *     writable} or the value is not finite
   * @throws IOException if not connected, or writing failed
   */
  void send(AggregatePoint point) throws IOException;

  /**
   * Writes everything buffered to the socket.
   *
   * @throws IOException if not connected, or writing failed
   */
  void flush() throws IOException;

  @Override
  void close();
}
