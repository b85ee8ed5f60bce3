package dev.mosaic.storagebridge.carbon;

import dev.mosaic.contract.AggregatePoint;
import io.micrometer.core.instrument.Counter;
import java.io.IOException;
import java.time.Duration;
import java.util.Objects;

/**
 * A {@link CarbonSender} speaking Graphite's plaintext protocol over a blocking TCP socket.
 *
 * <pre>
 * CarbonDelivery → CarbonPlaintextSender (CarbonPlaintextEncoder) → (TCP) → carbon :2003
 * </pre>
 *
 * <p>The host name is resolved again on every {@link #connect()}, so carbon may move.
 */
public final class CarbonPlaintextSender implements CarbonSender {
  private final CarbonConnection connection;
  private final Counter bytesWritten;
  private final CarbonPlaintextEncoder encoder = new CarbonPlaintextEncoder();
  private long unflushedBytes;

  /**
   * @param bytesWritten counts the bytes of each successful {@link #flush()}
   */
  public CarbonPlaintextSender(
      String host, int port, Duration connectTimeout, Counter bytesWritten) {
    this.connection = new CarbonConnection(host, port, connectTimeout);
    this.bytesWritten = Objects.requireNonNull(bytesWritten);
  }

  @Override
  public void connect() throws IOException {
    connection.connect();
  }

  @Override
  public boolean isConnected() {
    return connection.isConnected();
  }

  @Override
  public void send(AggregatePoint point) throws IOException {
    int length = encoder.encode(point);
    connection.out().write(encoder.bytes(), 0, length);
    unflushedBytes += length;
  }

  @Override
  public void flush() throws IOException {
    connection.out().flush();
    bytesWritten.increment(unflushedBytes);
    unflushedBytes = 0;
  }

  @Override
  public void close() {
    unflushedBytes = 0;
    connection.close();
  }

  @Override
  public String toString() {
    return "carbon plaintext " + connection.address();
  }
}
