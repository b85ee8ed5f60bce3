package dev.mosaic.bench.load;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/**
 * A carbon plaintext listener ({@code <name> <value> <timestamp>\n} over TCP) that keeps only what
 * the harness needs: the sum of the load's counters, StatsD's own {@code metrics_received}, when
 * each latency probe first arrived with a non-zero count, and when each interval's lines arrived
 * ({@link IntervalArrivals}).
 *
 * <pre>
 * storage bridge / Etsy graphite backend → CarbonReceiver → Window (per step)
 * </pre>
 *
 * <p>One thread per connection (the storage bridge keeps one open; Etsy connects at each flush).
 * Counts are taken per window: {@link #reset()} starts one, {@link #window()} reads it.
 */
final class CarbonReceiver implements AutoCloseable {
  static final String LOAD_COUNTERS = "stats_counts.load.c.";
  static final String METRICS_RECEIVED = "stats_counts.statsd.metrics_received";
  static final String PROBES = "stats_counts.probe.";

  /**
   * What arrived since the last reset.
   *
   * @param loadCounterSum sum of every {@code stats_counts.load.c.*} value
   * @param metricsReceived sum of {@code stats_counts.statsd.metrics_received}
   * @param lines every line received
   */
  record Window(double loadCounterSum, double metricsReceived, long lines) {}

  private final ServerSocket server;
  private final Thread acceptor;
  private final DoubleAdder loadCounters = new DoubleAdder();
  private final DoubleAdder metricsReceived = new DoubleAdder();
  private final LongAdder lines = new LongAdder();
  private final Map<String, Long> probeArrivals = new ConcurrentHashMap<>();
  private final AtomicLong lastLoadLineNanos = new AtomicLong();
  private final IntervalArrivals arrivals = new IntervalArrivals();

  CarbonReceiver() throws IOException {
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    acceptor = new Thread(this::accept, "carbon-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  int port() {
    return server.getLocalPort();
  }

  void reset() {
    loadCounters.reset();
    metricsReceived.reset();
    lines.reset();
  }

  Window window() {
    return new Window(loadCounters.sum(), metricsReceived.sum(), lines.sum());
  }

  /**
   * When {@code probe} (a StatsD name, e.g. {@code probe.s1.7}) first arrived as a non-zero count,
   * in {@link System#nanoTime()}; null if it has not.
   */
  Long probeArrival(String probe) {
    return probeArrivals.get("stats_counts." + probe);
  }

  /** When each interval's lines arrived; kept across {@link #reset()}. */
  IntervalArrivals arrivals() {
    return arrivals;
  }

  /** {@link System#nanoTime()} of the last non-zero load counter line, or 0. */
  long lastLoadLineNanos() {
    return lastLoadLineNanos.get();
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket socket = server.accept();
        Thread reader = new Thread(() -> read(socket), "carbon-read");
        reader.setDaemon(true);
        reader.start();
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private void read(Socket socket) {
    try (socket;
        BufferedReader in =
            new BufferedReader(
                new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8), 1 << 16)) {
      String line;
      while ((line = in.readLine()) != null) {
        lines.increment();
        arrivals.line(line, System.currentTimeMillis());
        if (line.startsWith(LOAD_COUNTERS)) {
          double value = value(line);
          if (value != 0) {
            loadCounters.add(value);
            lastLoadLineNanos.set(System.nanoTime());
          }
        } else if (line.startsWith(METRICS_RECEIVED + ' ')) {
          metricsReceived.add(value(line));
        } else if (line.startsWith(PROBES)) {
          long now = System.nanoTime();
          if (value(line) > 0) {
            probeArrivals.putIfAbsent(line.substring(0, line.indexOf(' ')), now);
          }
        }
      }
    } catch (IOException e) {
      // the sender went away; the next connection is read by a new thread
    }
  }

  /** The middle field of {@code name value timestamp}. */
  private static double value(String line) {
    int first = line.indexOf(' ');
    int second = line.indexOf(' ', first + 1);
    return Double.parseDouble(line.substring(first + 1, second < 0 ? line.length() : second));
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
