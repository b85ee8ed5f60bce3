package dev.mosaic.collector.listener;

import dev.mosaic.collector.internal.LogThrottle;
import dev.mosaic.collector.logfmt.LogfmtMetricParser;
import dev.mosaic.collector.logfmt.OctetCountedFrameSplitter;
import dev.mosaic.contract.MetricSample;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.timeout.IdleStateHandler;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * An HTTP server for log drains: {@code POST /logs} with octet-counted syslog frames (Heroku
 * Logplex's {@code application/logplex-1}), whose l2met metrics become samples.
 *
 * <pre>
 * HTTP :port → ConnectionLimiter → IdleStateHandler → IdleConnectionCloser → HttpServerCodec → BodySizeLimit
 *     → LogDrainHandler → OctetCountedFrameSplitter → LogfmtMetricParser → ListenerSink
 * </pre>
 */
public final class LogDrainListener implements AutoCloseable {
  private static final Duration LOG_INTERVAL = Duration.ofSeconds(10);

  private final TcpServer server;

  /**
   * @param address where to bind; port 0 lets the operating system choose
   * @param maxBodyBytes larger bodies are answered 413 and counted as {@code too_long}
   * @param expectedAuthorization the exact {@code Authorization} header required; empty: none
   * @param samples takes each valid sample, on the event-loop thread; must not block
   */
  public LogDrainListener(
      InetSocketAddress address,
      TcpLimits limits,
      int maxBodyBytes,
      Optional<String> expectedAuthorization,
      Clock clock,
      ListenerMeters meters,
      SeriesLimit series,
      Consumer<MetricSample> samples) {
    ConnectionLimiter connectionLimiter = new ConnectionLimiter(limits.maxConnections(), meters);
    IdleConnectionCloser idleCloser = new IdleConnectionCloser(meters);
    ListenerSink sink =
        new ListenerSink(
            "log drain", meters, series, samples, new LogThrottle(clock, LOG_INTERVAL));
    LogDrainHandler handler =
        new LogDrainHandler(
            new OctetCountedFrameSplitter(new LogfmtMetricParser()),
            expectedAuthorization,
            clock,
            sink,
            new LogThrottle(clock, LOG_INTERVAL));
    long idleMillis = limits.idleTimeout().toMillis();
    this.server =
        new TcpServer(
            "log-drain",
            address,
            pipeline ->
                pipeline
                    .addLast(connectionLimiter)
                    .addLast(new IdleStateHandler(idleMillis, 0, 0, TimeUnit.MILLISECONDS))
                    .addLast(idleCloser)
                    .addLast(new HttpServerCodec())
                    .addLast(new BodySizeLimit(maxBodyBytes, sink))
                    .addLast(handler));
  }

  /**
   * Binds the server socket; from its return on, requests are served.
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
