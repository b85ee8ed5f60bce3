package dev.mosaic.storagebridge.carbon;

import dev.mosaic.contract.AggregatePoint;
import io.micrometer.core.instrument.Counter;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A {@link CarbonSender} speaking Graphite's pickle protocol over a blocking TCP socket, in
 * messages of at most {@value #POINTS_PER_MESSAGE} points.
 *
 * <pre>
 * CarbonDelivery → CarbonPickleSender → CarbonPickleFormat → (TCP) → carbon :2004
 * </pre>
 *
 * <p>500 points per message is carbon-relay's own {@code MAX_DATAPOINTS_PER_MESSAGE}; such a
 * message stays far below carbon's {@code PICKLE_RECEIVER_MAX_LENGTH} of 1 MiB for names up to
 * about 2000 bytes.
 */
public final class CarbonPickleSender implements CarbonSender {
  static final int POINTS_PER_MESSAGE = 500;

  private final CarbonConnection connection;
  private final Counter bytesWritten;
  private final List<AggregatePoint> pending = new ArrayList<>();
  private long unflushedBytes;

  /**
   * @param bytesWritten counts the bytes of each successful {@link #flush()}
   */
  public CarbonPickleSender(String host, int port, Duration connectTimeout, Counter bytesWritten) {
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
    String problem = GraphiteNames.problem(point.name());
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
    if (!Double.isFinite(point.value())) {
      throw new IllegalArgumentException("not a finite value: " + point.value());
    }
    connection.out(); // fails now if not connected, as the plaintext sender does
    pending.add(point);
    if (pending.size() == POINTS_PER_MESSAGE) {
      writePending();
    }
  }

  @Override
  public void flush() throws IOException {
    writePending();
    connection.out().flush();
    bytesWritten.increment(unflushedBytes);
    unflushedBytes = 0;
  }

  @Override
  public void close() {
    pending.clear();
    unflushedBytes = 0;
    connection.close();
  }

  @Override
  public String toString() {
    return "carbon pickle " + connection.address();
  }

  private void writePending() throws IOException {
    if (pending.isEmpty()) {
      return;
    }
    byte[] message = CarbonPickleFormat.message(pending);
    connection.out().write(message);
    unflushedBytes += message.length;
    pending.clear();
  }
}
