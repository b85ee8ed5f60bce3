package dev.mosaic.collector;

import dev.mosaic.collector.internal.LogThrottle;
import dev.mosaic.collector.listener.StatsdListenerMeters;
import dev.mosaic.collector.listener.StatsdUdpListener;
import dev.mosaic.collector.publish.KafkaSampleBatchPublisher;
import dev.mosaic.collector.publish.PublishMeters;
import dev.mosaic.collector.publish.SampleBatcher;
import dev.mosaic.contract.KafkaTopicProvisioner;
import dev.mosaic.contract.config.ConfigException;
import dev.mosaic.contract.service.MosaicService;
import dev.mosaic.contract.service.ServiceContext;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The collector service: a StatsD UDP listener feeding a batcher that publishes to Kafka.
 *
 * <pre>
 * UDP :collector.statsd.port → StatsdUdpListener → SampleBatcher → KafkaSampleBatchPublisher
 *     → &lt;prefix&gt;samples
 * </pre>
 *
 * <p>Threads: one Netty event loop reads datagrams and parses them; one scheduler thread ({@code
 * mosaic-collector-flush}) closes batches whose linger has passed; the Kafka producer has its own
 * I/O thread.
 */
public final class CollectorService implements MosaicService {
  private static final Logger log = LoggerFactory.getLogger(CollectorService.class);
  private static final long TOPIC_TIMEOUT_MILLIS = 30_000;
  private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration LOG_INTERVAL = Duration.ofSeconds(10);

  private final ServiceContext context;
  private final CollectorSettings settings;
  private final StatsdListenerMeters listenerMeters;
  private final PublishMeters publishMeters;
  private KafkaSampleBatchPublisher publisher;
  private ScheduledExecutorService flusher;
  private SampleBatcher batcher;
  private StatsdUdpListener listener;
  private int statsdPort = -1;
  private boolean started;
  private boolean closed;

  /**
   * @throws ConfigException if the {@code collector.*} values do not fit together
   */
  public CollectorService(ServiceContext context) throws ConfigException {
    this.context = context;
    this.settings = CollectorSettings.from(context.config());
    this.listenerMeters = StatsdListenerMeters.register(context.meters());
    this.publishMeters = PublishMeters.register(context.meters());
  }

  @Override
  public String name() {
    return Collector.SECTION;
  }

  /** Creates the samples topic if missing, connects the producer, then binds the UDP socket. */
  @Override
  public synchronized void start() throws InterruptedException {
    if (started || closed) {
      throw new IllegalStateException("collector was already started");
    }
    started = true;
    String topic = context.kafka().topics().samples();
    KafkaTopicProvisioner.ensureTopics(context.kafka(), TOPIC_TIMEOUT_MILLIS, topic);
    publisher =
        new KafkaSampleBatchPublisher(
            KafkaSampleBatchPublisher.createProducer(context.kafka(), "mosaic-collector"),
            topic,
            publishMeters,
            new LogThrottle(context.clock(), LOG_INTERVAL));
    int partitions = publisher.awaitPartitionCount(METADATA_TIMEOUT);
    flusher =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "mosaic-collector-flush");
              thread.setDaemon(true); // close() flushes explicitly; this must not hold the JVM
              return thread;
            });
    batcher =
        new SampleBatcher(
            publisher,
            partitions,
            settings.maxBatchSamples(),
            settings.linger(),
            context.clock(),
            this::scheduleFlush);
    listener =
        new StatsdUdpListener(
            settings.statsdAddress(),
            settings.receiveBufferBytes(),
            settings.maxPacketBytes(),
            context.clock(),
            listenerMeters,
            batcher::add);
    statsdPort = listener.start();
    log.info(
        "collector publishing to {} ({} partitions, batches of up to {} samples, linger {} ms)",
        topic,
        partitions,
        settings.maxBatchSamples(),
        settings.linger().toMillis());
  }

  /**
   * The UDP port the StatsD listener is bound to: the configured one, or the one the operating
   * system chose for port 0.
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
   * Stops reading datagrams, publishes every open batch, and waits up to 10 s for Kafka to
   * acknowledge what is in flight.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    statsdPort = -1;
    if (listener != null) {
      listener.close(); // no sample arrives after this
    }
    if (flusher != null) {
      flusher.shutdownNow();
      awaitTermination(flusher);
    }
    if (batcher != null) {
      batcher.flushAll();
    }
    if (publisher != null) {
      publisher.close(CLOSE_TIMEOUT);
    }
  }

  private void scheduleFlush(long delayMillis) {
    try {
      flusher.schedule(this::flushDue, delayMillis, TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      // closing: close() flushes every open batch itself
    }
  }

  private void flushDue() {
    try {
      batcher.flushDue();
    } catch (RuntimeException e) { // a dead flush thread would strand every later batch
      log.error("scheduled flush failed", e);
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
