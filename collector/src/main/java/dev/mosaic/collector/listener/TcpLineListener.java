package dev.mosaic.collector.listener;

import dev.mosaic.collector.internal.LogThrottle;
import dev.mosaic.contract.MetricSample;
import io.netty.handler.timeout.IdleStateHandler;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Accepts TCP connections and parses the newline-delimited lines they send.
 *
 * <pre>
 * TCP :port → ConnectionLimiter → ReadCounter → IdleStateHandler → IdleConnectionCloser → LineFrameDecoder
 *     → TcpLineHandler → TextParser → ListenerSink → samples consumer (batcher)
 * </pre>
 *
 * <p>Serves StatsD over TCP (with the UDP listener's parser) and log lines (with the logfmt
 * parser). Many lines per connection; a line may arrive across several reads.
 */
public final class TcpLineListener implements AutoCloseable {
  private static final Duration LOG_INTERVAL = Duration.ofSeconds(10);

  private final TcpServer server;

  /**
   * @param description names the listener in logs, e.g. {@code StatsD/TCP}
   * @param address where to bind; port 0 lets the operating system choose
   * @param parser reads each line
   * @param series the collector-wide cap on distinct names
   * @param samples takes each valid sample, on the event-loop thread; must not block
   */
  public TcpLineListener(
      String description,
      InetSocketAddress address,
      TcpLimits limits,
      TextParser parser,
      Clock clock,
      ListenerMeters meters,
      SeriesLimit series,
      Consumer<MetricSample> samples) {
    ConnectionLimiter connectionLimiter = new ConnectionLimiter(limits.maxConnections(), meters);
    IdleConnectionCloser idleCloser = new IdleConnectionCloser(meters);
    ReadCounter readCounter = new ReadCounter(meters);
    TcpLineHandler lineHandler =
        new TcpLineHandler(
            parser,
            clock,
            new ListenerSink(
                description, meters, series, samples, new LogThrottle(clock, LOG_INTERVAL)),
            new LogThrottle(clock, LOG_INTERVAL));
    long idleMillis = limits.idleTimeout().toMillis();
    this.server =
        new TcpServer(
            description,
            address,
            pipeline ->
                pipeline
                    .addLast(connectionLimiter)
                    .addLast(readCounter)
                    .addLast(new IdleStateHandler(idleMillis, 0, 0, TimeUnit.MILLISECONDS))
                    .addLast(idleCloser)
                    .addLast(new LineFrameDecoder(limits.maxLineBytes()))
                    .addLast(lineHandler));
  }

  /**
   * Binds the server socket; from its return on, connections are accepted.
   *
   * @return the bound port (the chosen one when the configured port is 0)
   * @throws InterruptedException if interrupted while binding
   */
  public int start() throws InterruptedException {
    return server.start();
  }

  /** Closes the server socket and every connection; no sample is delivered after it returns. */
  @Override
  public void close() {
    server.close();
  }
}
