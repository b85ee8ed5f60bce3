package dev.mosaic.storagebridge.carbon;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in for carbon's plaintext receiver on 127.0.0.1: collects every line it reads, and can be
 * stopped and started again on the same port or drop its connections, to play an outage.
 */
public final class CollectingCarbonServer implements AutoCloseable {
  private final List<String> lines = new ArrayList<>();
  private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
  private final AtomicInteger accepted = new AtomicInteger();
  private int port;
  private ServerSocket server;
  private Thread acceptor;

  private CollectingCarbonServer() {}

  /** A running server on a free port. */
  public static CollectingCarbonServer start() {
    CollectingCarbonServer carbon = new CollectingCarbonServer();
    carbon.listen(0);
    return carbon;
  }

  /** A stopped server that owns a port: {@link #restart()} starts it there. */
  public static CollectingCarbonServer reservePort() {
    CollectingCarbonServer carbon = start();
    carbon.stop();
    return carbon;
  }

  public int port() {
    return port;
  }

  /** Every line read so far, in arrival order, without the newline. */
  public List<String> lines() {
    synchronized (lines) {
      return List.copyOf(lines);
    }
  }

  /** Connections accepted since this server was created. */
  public int connectionsAccepted() {
    return accepted.get();
  }

  /** Starts listening again on the same port. */
  public synchronized void restart() {
    if (server != null) {
      throw new IllegalStateException("already running");
    }
    listen(port);
  }

  /** Stops listening and cuts every connection at once, as a crashed carbon would. */
  public synchronized void stop() {
    closeQuietly(server);
    server = null;
    // A thread blocked in accept() keeps the listening socket open in the kernel until it wakes;
    // a connect in that window would still succeed, so wait until it is really gone.
    if (acceptor != null) {
      try {
        acceptor.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      acceptor = null;
    }
    connections.forEach(CollectingCarbonServer::closeQuietly);
  }

  /**
   * Closes carbon's end of every connection, as a carbon shutting down cleanly would: it still
   * reads what the client already sent, until the client closes its end too.
   */
  public void dropConnections() {
    for (Socket connection : connections) {
      try {
        connection.shutdownOutput();
      } catch (IOException e) {
        closeQuietly(connection);
      }
    }
  }

  @Override
  public void close() {
    stop();
  }

  private void listen(int requestedPort) {
    try {
      ServerSocket s = new ServerSocket();
      s.setReuseAddress(true);
      s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), requestedPort));
      server = s;
      port = s.getLocalPort();
      acceptor = new Thread(() -> acceptLoop(s), "carbon-test-accept-" + port);
      acceptor.setDaemon(true);
      acceptor.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on 127.0.0.1:" + requestedPort, e);
    }
  }

  private void acceptLoop(ServerSocket s) {
    while (!s.isClosed()) {
      try {
        Socket connection = s.accept();
        accepted.incrementAndGet();
        connections.add(connection);
        Thread reader = new Thread(() -> readLines(connection), "carbon-test-read-" + port);
        reader.setDaemon(true);
        reader.start();
      } catch (IOException e) {
        return; // closed by stop()
      }
    }
  }

  private void readLines(Socket connection) {
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(connection.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        synchronized (lines) {
          lines.add(line);
        }
      }
    } catch (IOException e) {
      // cut by stop(): what was read is kept
    } finally {
      connections.remove(connection);
      closeQuietly(connection);
    }
  }

  private static void closeQuietly(AutoCloseable closeable) {
    if (closeable == null) {
      return;
    }
    try {
      closeable.close();
    } catch (Exception e) {
      // test helper: nothing to do
    }
  }
}
