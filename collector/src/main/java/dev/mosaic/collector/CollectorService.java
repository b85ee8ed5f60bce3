package dev.mosaic.collector;

import dev.mosaic.collector.internal.LogThrottle;
import dev.mosaic.collector.listener.ListenerMeters;
import dev.mosaic.collector.listener.LogDrainListener;
import dev.mosaic.collector.listener.SeriesLimit;
import dev.mosaic.collector.listener.StatsdCounters;
import dev.mosaic.collector.listener.StatsdUdpListener;
import dev.mosaic.collector.listener.TcpLimits;
import dev.mosaic.collector.listener.TcpLineListener;
import dev.mosaic.collector.logfmt.LogfmtMetricParser;
import dev.mosaic.collector.publish.BatchPublisher;
import dev.mosaic.collector.publish.KafkaSampleBatchPublisher;
import dev.mosaic.collector.publish.PartitionHeartbeats;
import dev.mosaic.collector.publish.PerThreadBatchers;
import dev.mosaic.collector.publish.PublishMeters;
import dev.mosaic.collector.statsd.StatsdLineParser;
import dev.mosaic.collector.statsd.StatsdPacketSplitter;
import dev.mosaic.contract.KafkaTopicProvisioner;
import dev.mosaic.contract.SampleBatch;
import dev.mosaic.contract.admin.KafkaClientWatch;
import dev.mosaic.contract.config.ConfigException;
import dev.mosaic.contract.service.MosaicService;
import dev.mosaic.contract.service.ServiceContext;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.Producer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The collector service: StatsD (UDP and TCP) and log-line listeners feeding batchers (one per
 * receiving thread) that publish to Kafka.
 *
 * <pre>
 * UDP :collector.statsd.port → StatsdUdpListener ─┐
 * TCP :collector.statsd.port → TcpLineListener ───┼→ SeriesLimit → PerThreadBatchers
 * TCP :collector.logs.port   → TcpLineListener ───┤     → KafkaSampleBatchPublisher → samples
 * HTTP :collector.drain.port → LogDrainListener ──┘
 * </pre>
 *
 * <p>Threads: one Netty event loop per listener reads and parses, and batches into its own batcher;
 * one scheduler thread ({@code mosaic-collector-flush}) closes batches whose linger has passed and,
 * once per linger, publishes Etsy's own {@code statsd.*} counters ({@link StatsdCounters}) and,
 * once per heartbeat interval, sends heartbeats to idle partitions ({@link PartitionHeartbeats});
 * the Kafka producer has its own I/O thread. {@link #close()} stops that thread before it closes
 * the producer, so no heartbeat follows the last batches.
 */
public final class CollectorService implements MosaicService {
  private static final Logger log = LoggerFactory.getLogger(CollectorService.class);
  private static final long TOPIC_TIMEOUT_MILLIS = 30_000;
  private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration LOG_INTERVAL = Duration.ofSeconds(10);
  // With port 0 the TCP listener must take the number the OS gave UDP; another process may hold it.
  private static final int BIND_ATTEMPTS = 5;

  private final ServiceContext context;
  private final CollectorSettings settings;
  private final StatsdCounters statsdCounters = new StatsdCounters();
  private final ListenerMeters udpMeters;
  private final ListenerMeters tcpMeters;
  private final ListenerMeters logsMeters;
  private final ListenerMeters drainMeters;
  private final SeriesLimit series;
  private final PublishMeters publishMeters;
  private KafkaSampleBatchPublisher publisher;
  private ScheduledExecutorService flusher;
  private PerThreadBatchers batchers;
  private StatsdUdpListener udpListener;
  private TcpLineListener tcpListener;
  private TcpLineListener logsListener;
  private LogDrainListener drainListener;
  private int statsdPort = -1;
  private int logsPort = -1;
  private int drainPort = -1;
  private KafkaClientWatch producerWatch;
  private boolean started;
  private boolean closed;

  /**
   * @throws ConfigException if the {@code collector.*} values do not fit together
   */
  public CollectorService(ServiceContext context) throws ConfigException {
    this.context = context;
    this.settings = CollectorSettings.from(context.config());
    this.udpMeters = ListenerMeters.register(context.meters(), "statsd", statsdCounters);
    this.tcpMeters = ListenerMeters.register(context.meters(), "statsd_tcp", statsdCounters);
    this.logsMeters = ListenerMeters.register(context.meters(), "logs");
    this.drainMeters = ListenerMeters.register(context.meters(), "drain");
    this.series = new SeriesLimit(settings.maxSeries());
    this.publishMeters = PublishMeters.register(context.meters());
  }

  @Override
  public String name() {
    return Collector.SECTION;
  }

  /** Creates the samples topic if missing, connects the producer, then binds every listener. */
  @Override
  public synchronized void start() throws InterruptedException {
    if (started || closed) {
      throw new IllegalStateException("collector was already started");
    }
    started = true;
    String topic = context.kafka().topics().samples();
    KafkaTopicProvisioner.ensureTopics(context.kafka(), TOPIC_TIMEOUT_MILLIS, topic);
    Producer<byte[], SampleBatch> producer =
        KafkaSampleBatchPublisher.createProducer(context.kafka(), "mosaic-collector");
    producerWatch = KafkaClientWatch.producer(context.meters(), producer);
    publisher =
        new KafkaSampleBatchPublisher(
            producer, topic, publishMeters, new LogThrottle(context.clock(), LOG_INTERVAL));
    int partitions = publisher.awaitPartitionCount(METADATA_TIMEOUT);
    flusher =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "mosaic-collector-flush");
              thread.setDaemon(true); // close() flushes explicitly; this must not hold the JVM
              return thread;
            });
    BatchPublisher batches = publisher;
    Duration heartbeat = settings.heartbeatInterval();
    if (!heartbeat.isZero()) {
      PartitionHeartbeats heartbeats =
          new PartitionHeartbeats(
              publisher, partitions, heartbeat, settings.linger(), context.clock());
      batches = heartbeats;
      flusher.scheduleAtFixedRate(
          () -> sendHeartbeats(heartbeats),
          heartbeat.toMillis(),
          heartbeat.toMillis(),
          TimeUnit.MILLISECONDS);
    }
    batchers =
        new PerThreadBatchers(
            batches,
            partitions,
            settings.maxBatchSamples(),
            settings.linger(),
            context.clock(),
            this::scheduleFlush);
    long linger = settings.linger().toMillis();
    flusher.scheduleAtFixedRate(this::publishStatsdCounters, linger, linger, TimeUnit.MILLISECONDS);
    statsdPort = bindStatsd();
    if (settings.logsAddress().isPresent()) {
      logsListener =
          new TcpLineListener(
              "logs",
              settings.logsAddress().get(),
              settings.logsTcp(),
              new LogfmtMetricParser()::parse,
              context.clock(),
              logsMeters,
              series,
              batchers::add);
      logsPort = logsListener.start();
    }
    if (settings.drain().isPresent()) {
      CollectorSettings.Drain drain = settings.drain().get();
      drainListener =
          new LogDrainListener(
              drain.address(),
              drain.limits(),
              drain.maxBodyBytes(),
              drain.authorization(),
              context.clock(),
              drainMeters,
              series,
              batchers::add);
      drainPort = drainListener.start();
    }
    log.info(
        "collector publishing to {} ({} partitions, batches of up to {} samples, linger {} ms,"
            + " heartbeat every {} ms)",
        topic,
        partitions,
        settings.maxBatchSamples(),
        settings.linger().toMillis(),
        heartbeat.toMillis());
  }

  /** Binds UDP, then TCP on the same port number; retried when port 0 gave a number TCP lacks. */
  private int bindStatsd() throws InterruptedException {
    for (int attempt = 1; ; attempt++) {
      udpListener =
          new StatsdUdpListener(
              settings.statsdAddress(),
              settings.receiveBufferBytes(),
              settings.maxPacketBytes(),
              settings.receiveThreads(),
              new StatsdLineParser(settings.statsdTags()),
              context.clock(),
              udpMeters,
              series,
              batchers::add);
      int port = udpListener.start();
      if (settings.statsdTcp().isEmpty()) {
        return port;
      }
      tcpListener = statsdTcpListener(port, settings.statsdTcp().get());
      try {
        tcpListener.start();
        return port;
      } catch (Exception e) { // Netty rethrows checked bind failures undeclared
        tcpListener.close();
        tcpListener = null;
        // NIO reports a taken port as BindException, epoll as Errors.NativeIoException (EADDRINUSE,
        // which Netty names no constant for): retry on any I/O failure; others fail every attempt.
        if (!(e instanceof IOException)
            || settings.statsdAddress().getPort() != 0
            || attempt == BIND_ATTEMPTS) {
          throw e;
        }
        udpListener.close();
      }
    }
  }

  private TcpLineListener statsdTcpListener(int port, TcpLimits limits) {
    StatsdPacketSplitter splitter =
        new StatsdPacketSplitter(new StatsdLineParser(settings.statsdTags()));
    return new TcpLineListener(
        "StatsD/TCP",
        new InetSocketAddress(settings.statsdAddress().getAddress(), port),
        limits,
        (text, at, sink) -> splitter.split(text, at, false, sink),
        context.clock(),
        tcpMeters,
        series,
        batchers::add);
  }

  /**
   * The TCP port of the log-line listener: the configured one, or the one the operating system
   * chose for port 0.
   *
   * @throws IllegalStateException before {@link #start()} has returned, or when it is switched off
   */
  public synchronized int logsPort() {
    if (logsPort < 0) {
      throw new IllegalStateException("the log-line listener is not listening");
    }
    return logsPort;
  }

  /**
   * The TCP port of the HTTP log drain: the configured one, or the one the operating system chose
   * for port 0.
   *
   * @throws IllegalStateException before {@link #start()} has returned, or when it is switched off
   */
  public synchronized int drainPort() {
    if (drainPort < 0) {
      throw new IllegalStateException("the log drain is not listening");
    }
    return drainPort;
  }

  /**
   * The UDP port the StatsD listener is bound to (StatsD over TCP, when on, uses the same number):
   * the configured one, or the one the operating system chose for port 0.
   *
   * @throws IllegalStateException before {@link #start()} has returned
   */
  public synchronized int statsdPort() {
    if (statsdPort < 0) {
      throw new IllegalStateException("the collector is not listening");
    }
    return statsdPort;
  }

  /**
   * Stops every listener, publishes every open batch, and waits up to 10 s for Kafka to acknowledge
   * what is in flight.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    statsdPort = -1;
    logsPort = -1;
    drainPort = -1;
    // no sample arrives after these
    for (AutoCloseable listener :
        new AutoCloseable[] {udpListener, tcpListener, logsListener, drainListener}) {
      closeQuietly(listener);
    }
    if (flusher != null) {
      flusher.shutdownNow();
      awaitTermination(flusher);
    }
    if (batchers != null) {
      publishStatsdCounters();
      batchers.flushAll();
    }
    if (publisher != null) {
      publisher.close(CLOSE_TIMEOUT);
    }
    if (producerWatch != null) {
      producerWatch.close();
    }
  }

  private static void closeQuietly(AutoCloseable listener) {
    if (listener == null) {
      return;
    }
    try {
      listener.close();
    } catch (Exception e) { // one stuck listener must not keep the batches from being flushed
      log.warn("closing a listener failed", e);
    }
  }

  private void scheduleFlush(Runnable flushDue, long delayMillis) {
    try {
      flusher.schedule(() -> flushDue(flushDue), delayMillis, TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      // closing: close() flushes every open batch itself
    }
  }

  private static void flushDue(Runnable flushDue) {
    try {
      flushDue.run();
    } catch (RuntimeException e) { // a dead flush thread would strand every later batch
      log.error("scheduled flush failed", e);
    }
  }

  private static void sendHeartbeats(PartitionHeartbeats heartbeats) {
    try {
      heartbeats.beat();
    } catch (RuntimeException e) { // a failed run would cancel every later one
      log.error("sending heartbeats failed", e);
    }
  }

  /** Etsy's {@code statsd.*} counters go out like any sample, bypassing the series limit. */
  private void publishStatsdCounters() {
    try {
      statsdCounters.drainTo(context.clock().millis(), batchers::add);
    } catch (RuntimeException e) { // a failed run would cancel every later one
      log.error("publishing the statsd.* counters failed", e);
    }
  }

  private static void awaitTermination(ScheduledExecutorService executor) {
    try {
      if (!executor.awaitTermination(CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        log.warn("collector flush thread did not stop in time");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
