package dev.mosaic.aggregator;

import dev.mosaic.aggregator.statsd.IntervalAggregator;
import dev.mosaic.contract.KafkaSettings;
import dev.mosaic.contract.KafkaTopicProvisioner;
import dev.mosaic.contract.admin.AdminKeys;
import dev.mosaic.contract.admin.KafkaClientWatch;
import dev.mosaic.contract.service.MosaicService;
import dev.mosaic.contract.service.Probe;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.CloseOptions.GroupMembershipOperation;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running aggregator: its Kafka clients and the one thread that consumes, aggregates and
 * publishes.
 *
 * <pre>
 *   &lt;prefix&gt;samples → AggregatorService (AggregationLoop) → &lt;prefix&gt;aggregates
 * </pre>
 *
 * <p>{@link #close()} stops the thread within one poll and one flush, leaving the open intervals
 * unflushed: their records are not committed, so the next aggregator for those partitions reads
 * them again. Aligned intervals cannot be published early without publishing a partial value.
 *
 * <p>An error the loop cannot recover from (anything but bad input, a refused publish or a
 * retriable commit failure) stops aggregation: it is logged at ERROR, {@link #isRunning()} turns
 * false and {@link #failure()} holds it, so whoever runs the service can exit non-zero.
 */
public final class AggregatorService implements MosaicService {
  private static final Logger log = LoggerFactory.getLogger(AggregatorService.class);
  private static final long TOPIC_TIMEOUT_MILLIS = 30_000;
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

  private final AggregatorSettings settings;
  private final KafkaSettings kafka;
  private final MeterRegistry meters;
  private final Clock clock;
  private final Object lifecycle = new Object();
  private KafkaConsumer<byte[], byte[]> consumer;
  private KafkaProducer<byte[], byte[]> producer;
  private final String instanceId;
  private AggregationLoop loop;
  private Thread thread;
  private boolean closed;
  private volatile Throwable failure;
  private final long readyMaxLag;
  private volatile KafkaClientWatch consumerWatch;
  private KafkaClientWatch producerWatch;

  public AggregatorService(
      AggregatorSettings settings, KafkaSettings kafka, MeterRegistry meters, Clock clock) {
    this(settings, kafka, meters, clock, Long.parseLong(AdminKeys.READY_MAX_LAG.defaultText()));
  }

  /** As above; ready once its consumer is at most {@code readyMaxLag} records behind. */
  public AggregatorService(
      AggregatorSettings settings,
      KafkaSettings kafka,
      MeterRegistry meters,
      Clock clock,
      long readyMaxLag) {
    this.readyMaxLag = readyMaxLag;
    this.settings = settings;
    this.kafka = kafka;
    this.meters = meters;
    this.clock = clock;
    this.instanceId =
        settings.instanceId().isEmpty() ? UUID.randomUUID().toString() : settings.instanceId();
  }

  @Override
  public String name() {
    return "aggregator";
  }

  /** Creates the topics if missing, then starts consuming; returns once the thread runs. */
  @Override
  public void start() {
    synchronized (lifecycle) {
      if (closed || thread != null) {
        throw new IllegalStateException("aggregator already started or closed");
      }
      if (settings.grace().toMillis() > 2000) {
        log.warn(
            "aggregator.grace is {}ms: points of idle partitions may reach carbon later than one"
                + " interval + 2s",
            settings.grace().toMillis());
      }
      String samples = kafka.topics().samples();
      String aggregates = kafka.topics().aggregates();
      KafkaTopicProvisioner.ensureTopics(kafka, TOPIC_TIMEOUT_MILLIS, samples, aggregates);
      String state = stateTopic(kafka);
      SeriesStateTopic savedState =
          new SeriesStateTopic(kafka, state, Duration.ofMillis(TOPIC_TIMEOUT_MILLIS));
      savedState.ensureExists(samples);
      try {
        consumer =
            new KafkaConsumer<>(
                consumerProperties(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
        producer =
            new KafkaProducer<>(
                producerProperties(), new ByteArraySerializer(), new ByteArraySerializer());
        initTransactions(producer);
        consumerWatch = KafkaClientWatch.consumer(meters, consumer, readyMaxLag);
        producerWatch = KafkaClientWatch.producer(meters, producer);
      } catch (RuntimeException e) {
        closeClients();
        throw e;
      }
      AggregatePublisher publisher =
          new AggregatePublisher(
              producer,
              aggregates,
              state,
              settings.maxPointsPerRecord(),
              meters.counter("mosaic.aggregator.points.published"),
              meters.counter("mosaic.aggregator.publish_failures"));
      IntervalAggregator aggregator =
          new IntervalAggregator(
              settings.flushInterval(),
              settings.grace(),
              settings.maxCatchUp(),
              settings.statsd(),
              meters);
      loop =
          new AggregationLoop(
              consumer,
              publisher,
              aggregator,
              savedState,
              new StatsdSelfMetrics(settings.naming(), clock.millis()),
              samples,
              new PartitionProgress(
                  settings.flushInterval().toMillis(),
                  settings.grace().toMillis(),
                  settings.maxOutOfOrderness().toMillis()),
              clock,
              meters);
      thread = new Thread(this::runLoop, "mosaic-aggregator");
      thread.start();
      log.info(
          "aggregator consuming {} as group {}, publishing {} every {}",
          samples,
          settings.consumerGroup(),
          aggregates,
          settings.flushInterval());
    }
  }

  /**
   * Fences any older producer with this transactional.id and aborts what it left open. Retried for
   * up to the topic timeout: on a fresh broker the transaction coordinator may not be ready within
   * one {@code max.block.ms}.
   */
  private static void initTransactions(KafkaProducer<?, ?> producer) {
    long deadline = System.nanoTime() + TOPIC_TIMEOUT_MILLIS * 1_000_000;
    while (true) {
      try {
        producer.initTransactions();
        return;
      } catch (TimeoutException e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
        log.warn("transaction coordinator not ready yet, retrying: {}", e.getMessage());
      }
    }
  }

  private void runLoop() {
    try {
      loop.run();
    } catch (RuntimeException | Error e) {
      failure = e;
      log.error(
          "aggregator stopped: its consumer loop failed; no more aggregates are published", e);
    } finally {
      closeClients();
    }
  }

  /** True from {@link #start()} until {@link #close()} or a fatal error in the consumer loop. */
  public boolean isRunning() {
    synchronized (lifecycle) {
      return thread != null && !closed && failure == null && thread.isAlive();
    }
  }

  /** Ready once its consumer joined the group and no partition lags more than the bound. */
  @Override
  public Probe readiness() {
    KafkaClientWatch watch = consumerWatch;
    return failure != null || watch == null ? health() : watch.readiness();
  }

  /** The error that stopped aggregation before {@link #close()}, if any. */
  @Override
  public Optional<Throwable> failure() {
    return Optional.ofNullable(failure);
  }

  /** Stops consuming and waits for the thread to end; idempotent, callable from any thread. */
  @Override
  public void close() {
    Thread running;
    synchronized (lifecycle) {
      if (closed) {
        return;
      }
      closed = true;
      running = thread;
      if (loop != null) {
        loop.stop();
      }
    }
    if (running == null) {
      closeClients();
      return;
    }
    try {
      running.join(STOP_TIMEOUT.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (running.isAlive()) {
      log.warn("aggregator thread did not stop within {}", STOP_TIMEOUT);
    }
  }

  private synchronized void closeClients() {
    for (KafkaClientWatch watch : new KafkaClientWatch[] {consumerWatch, producerWatch}) {
      if (watch != null) {
        watch.close();
      }
    }
    if (consumer != null) {
      try {
        // A static member would otherwise keep its partitions until its session times out.
        consumer.close(CloseOptions.groupMembershipOperation(GroupMembershipOperation.LEAVE_GROUP));
      } catch (RuntimeException e) {
        log.warn("error closing the aggregator's consumer", e);
      }
      consumer = null;
    }
    if (producer != null) {
      try {
        producer.close();
      } catch (RuntimeException e) {
        log.warn("error closing the aggregator's producer", e);
      }
      producer = null;
    }
  }

  /** The compacted topic of known series and gauge levels ({@link SeriesStateTopic}). */
  static String stateTopic(KafkaSettings kafka) {
    return kafka.topics().prefix() + "aggregator-state";
  }

  /**
   * Unique per instance and stable across its restarts when {@code aggregator.instance-id} is set,
   * so a restart fences its dead predecessor at once. The offsets it commits are fenced by the
   * consumer group's generation ({@code sendOffsetsToTransaction} with the group metadata), so it
   * need not name partitions.
   */
  String transactionalId() {
    return settings.consumerGroup() + "/" + kafka.topics().samples() + "/" + instanceId;
  }

  private Map<String, Object> consumerProperties() {
    Map<String, Object> props = kafka.clientProperties("mosaic-aggregator-consumer");
    props.put("group.id", settings.consumerGroup());
    props.put("enable.auto.commit", "false");
    props.put("auto.offset.reset", "earliest");
    // Samples are written without transactions today; this keeps aborted ones out if a collector
    // ever writes transactionally, and makes committed() wait for a pending transactional commit.
    props.put("isolation.level", "read_committed");
    if (!settings.instanceId().isEmpty()) {
      // Static membership: a restarted instance takes its partitions back at once instead of
      // waiting for the dead member's session to time out.
      props.put("group.instance.id", settings.instanceId());
    }
    return props;
  }

  private Map<String, Object> producerProperties() {
    Map<String, Object> props = kafka.clientProperties("mosaic-aggregator-producer");
    props.put("acks", "all");
    props.put("enable.idempotence", "true");
    props.put("linger.ms", "5");
    // Bound how long one publish may block (metadata, then delivery), so close() is not stuck
    // behind an unreachable broker; a refused publish is retried by the loop.
    props.put("max.block.ms", "5000");
    props.put("request.timeout.ms", "10000");
    props.put("delivery.timeout.ms", "12000");
    props.put("transactional.id", transactionalId());
    // A transaction lives for one publish (bounded as above); a crashed one blocks read_committed
    // readers of the aggregates until this timeout, unless the instance restarts under its id.
    props.put("transaction.timeout.ms", "30000");
    return props;
  }
}
