package dev.mosaic.storagebridge.carbon;

import dev.mosaic.contract.AggregatePoint;
import io.micrometer.core.instrument.Counter;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;

/**
 * A {@link CarbonSender} speaking Graphite's plaintext protocol over a blocking TCP socket.
 *
 * <pre>
 * CarbonDelivery → CarbonPlaintextSender → (TCP) → carbon :2003
 * </pre>
 *
 * <p>The host name is resolved again on every {@link #connect()}, so carbon may move.
 */
public final class CarbonPlaintextSender implements CarbonSender {
  private static final int BUFFER_BYTES = 64 * 1024;
  // Long enough for a FIN that has already arrived to be read, short enough to do once per batch.
  private static final int LIVENESS_PROBE_MILLIS = 1;

  private final String host;
  private final int port;
  private final int connectTimeoutMillis;
  private final Counter bytesWritten;

  // volatile: close() may run on another thread to abort a blocked connect or write.
  private volatile Socket socket;
  private OutputStream out;
  private long unflushedBytes;

  /**
   * @param bytesWritten counts the bytes of each successful {@link #flush()}
   */
  public CarbonPlaintextSender(
      String host, int port, Duration connectTimeout, Counter bytesWritten) {
    this.host = Objects.requireNonNull(host);
    this.port = port;
    this.connectTimeoutMillis = Math.toIntExact(connectTimeout.toMillis());
    this.bytesWritten = Objects.requireNonNull(bytesWritten);
  }

  @Override
  public void connect() throws IOException {
    if (socket != null) {
      throw new IllegalStateException("already connected to " + address());
    }
    Socket s = new Socket();
    socket = s;
    try {
      s.connect(new InetSocketAddress(host, port), connectTimeoutMillis);
      out = new BufferedOutputStream(s.getOutputStream(), BUFFER_BYTES);
    } catch (IOException | RuntimeException e) {
      close();
      throw e;
    }
  }

  @Override
  public boolean isConnected() {
    Socket s = socket;
    if (s == null || s.isClosed() || out == null) {
      return false;
    }
    // Carbon never writes to us, so a read tells only whether it has closed its end. Without this,
    // the first batch after a carbon restart would go into a dead socket and be reported written.
    try {
      s.setSoTimeout(LIVENESS_PROBE_MILLIS);
      InputStream in = s.getInputStream();
      return in.read() != -1;
    } catch (SocketTimeoutException e) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  @Override
  public void send(AggregatePoint point) throws IOException {
    byte[] line = CarbonPlaintextFormat.line(point).getBytes(StandardCharsets.UTF_8);
    connectedStream().write(line);
    unflushedBytes += line.length;
  }

  @Override
  public void flush() throws IOException {
    connectedStream().flush();
    bytesWritten.increment(unflushedBytes);
    unflushedBytes = 0;
  }

  @Override
  public void close() {
    Socket s = socket;
    socket = null;
    out = null;
    unflushedBytes = 0;
    if (s != null) {
      try {
        s.close(); // not the buffered stream: flushing it here could block on a dead peer
      } catch (IOException e) {
        // Nothing to do: the socket is gone either way.
      }
    }
  }

  @Override
  public String toString() {
    return "carbon plaintext " + address();
  }

  private String address() {
    return host + ":" + port;
  }

  private OutputStream connectedStream() throws IOException {
    OutputStream stream = out;
    if (stream == null) {
      throw new IOException("not connected to " + address());
    }
    return stream;
  }
}
