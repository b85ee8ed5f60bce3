package dev.mosaic.storagebridge.carbon;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Objects;

/**
 * The blocking TCP socket under every {@link CarbonSender}: connect, detect that carbon closed its
 * end, write through a buffer, close from any thread.
 *
 * <pre>
 * CarbonPlaintextSender / CarbonPickleSender → CarbonConnection → (TCP) → carbon
 * </pre>
 *
 * <p>The host name is resolved again on every {@link #connect()}, so carbon may move.
 */
final class CarbonConnection {
  private static final int BUFFER_BYTES = 64 * 1024;
  // Long enough for a FIN that has already arrived to be read, short enough to do once per batch.
  private static final int LIVENESS_PROBE_MILLIS = 1;

  private final String host;
  private final int port;
  private final int connectTimeoutMillis;

  // volatile: close() may run on another thread to abort a blocked connect or write.
  private volatile Socket socket;
  private OutputStream out;

  CarbonConnection(String host, int port, Duration connectTimeout) {
    this.host = Objects.requireNonNull(host);
    this.port = port;
    this.connectTimeoutMillis = Math.toIntExact(connectTimeout.toMillis());
  }

  void connect() throws IOException {
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

  boolean isConnected() {
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

  /** The buffered stream of the open connection. */
  OutputStream out() throws IOException {
    OutputStream stream = out;
    if (stream == null) {
      throw new IOException("not connected to " + address());
    }
    return stream;
  }

  void close() {
    Socket s = socket;
    socket = null;
    out = null;
    if (s != null) {
      try {
        s.close(); // not the buffered stream: flushing it here could block on a dead peer
      } catch (IOException e) {
        // Nothing to do: the socket is gone either way.
      }
    }
  }

  String address() {
    return host + ":" + port;
  }
}
