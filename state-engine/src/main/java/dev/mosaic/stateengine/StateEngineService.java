package dev.mosaic.stateengine;

import dev.mosaic.contract.AggregateBatch;
import dev.mosaic.contract.AggregateBatchSerde;
import dev.mosaic.contract.AggregatePoint;
import dev.mosaic.contract.KafkaSettings;
import dev.mosaic.contract.KafkaTopicProvisioner;
import dev.mosaic.contract.admin.KafkaClientWatch;
import dev.mosaic.contract.service.MosaicService;
import dev.mosaic.contract.service.Probe;
import dev.mosaic.contract.service.ServiceContext;
import dev.mosaic.stateengine.check.Check;
import dev.mosaic.stateengine.check.CheckDirectory;
import dev.mosaic.stateengine.check.CheckFileException;
import dev.mosaic.stateengine.eval.CheckEngine;
import dev.mosaic.stateengine.eval.RecentValues;
import dev.mosaic.stateengine.http.ApiRoutes;
import dev.mosaic.stateengine.http.ApiServer;
import dev.mosaic.stateengine.http.KafkaHealth;
import dev.mosaic.stateengine.incident.IncidentBook;
import dev.mosaic.stateengine.incident.StateCommitter;
import dev.mosaic.stateengine.incident.StateOutbox;
import dev.mosaic.stateengine.incident.StateTransactions;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running state engine: one thread consumes aggregates, evaluates them, applies no-data,
 * reloads the check files on the clock, and after each poll commits what changed together with the
 * consumed offsets in one transaction; the HTTP API runs beside it. Engines of one consumer group
 * share the aggregates partitions, and with them the series' state ({@link PartitionHandOver}).
 *
 * <pre>
 * aggregates topic → StateEngineService → CheckEngine → StateOutbox → StateCommitter → topics
 * </pre>
 */
public final class StateEngineService implements MosaicService {
  private static final Logger log = LoggerFactory.getLogger(StateEngineService.class);
  private static final Duration POLL = Duration.ofMillis(200);
  private static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(30);

  private final StateEngineSettings settings;
  private final KafkaSettings kafka;
  private final Clock clock;
  private final CheckDirectory checkFiles;
  private final CheckEngine engine;
  private final MeterRegistry meters;
  private final Counter points;
  private final Counter badRecords;
  private final Counter reloadErrors;
  private final Counter badStateRecords;
  private final Counter published;
  private final Counter publishErrors;
  private final StateOutbox outbox;
  private final AtomicReference<Throwable> failure = new AtomicReference<>();
  private volatile Optional<String> checkFileError = Optional.empty();
  private volatile boolean running;
  private StateTransactions transactions;
  private StateCommitter committer;
  private KafkaConsumer<byte[], byte[]> consumer;
  private PartitionHandOver handOver;
  private final ServiceContext context;
  private volatile KafkaClientWatch watch;
  private ApiServer api;
  private Thread loop;
  private boolean closed;

  StateEngineService(StateEngineSettings settings, ServiceContext context) {
    this.context = context;
    this.settings = settings;
    this.kafka = context.kafka();
    this.clock = context.clock();
    this.checkFiles = new CheckDirectory(settings.checksDir());
    this.outbox = new StateOutbox(kafka.topics());
    this.engine =
        new CheckEngine(
            new IncidentBook(),
            new RecentValues(settings.recentValues(), settings.recentMaxSeries()),
            outbox,
            settings.resolvedRetention());
    this.meters = context.meters();
    this.points = meters.counter("mosaic.state-engine.points");
    this.badRecords = meters.counter("mosaic.state-engine.bad_records");
    this.reloadErrors = meters.counter("mosaic.state-engine.check_file_errors");
    this.badStateRecords = meters.counter("mosaic.state-engine.bad_incident_state_records");
    this.published = meters.counter("mosaic.state-engine.incident_events");
    this.publishErrors = meters.counter("mosaic.state-engine.publish_errors");
    meters.gauge("mosaic.state-engine.open_incidents", engine, e -> e.incidents(true).size());
    meters
        .more()
        .counter("mosaic.state-engine.series_not_kept", List.of(), engine, e -> e.seriesNotKept());
  }

  @Override
  public String name() {
    return "state-engine";
  }

  /** The port the HTTP API listens on, once started. */
  public int httpPort() {
    return api.port();
  }

  @Override
  public synchronized void start() throws Exception {
    String compacted = kafka.topics().incidentState();
    KafkaTopicProvisioner.ensureTopics(
        kafka, KAFKA_TIMEOUT.toMillis(), kafka.topics().aggregates(), kafka.topics().incidents());
    KafkaTopicProvisioner.ensureCompactedAlongside(
        kafka, compacted, kafka.topics().aggregates(), KAFKA_TIMEOUT.toMillis());
    transactions = new StateTransactions(kafka, settings.consumerGroup());
    committer = new StateCommitter(outbox, transactions, published, publishErrors, clock);
    try {
      List<Check> checks = checkFiles.reloadIfChanged().orElse(List.of());
      engine.replaceChecks(checks, clock.millis());
      log.info("{} checks from {}", checks.size(), settings.checksDir().toAbsolutePath());
    } catch (CheckFileException e) {
      throw new IllegalStateException("check files: " + e.getMessage(), e);
    }
    consumer = subscribe();
    watch = KafkaClientWatch.consumer(context, consumer);
    api =
        ApiServer.start(
            new InetSocketAddress(settings.httpBind(), settings.httpPort()),
            new ApiRoutes(
                engine, clock, settings.apiToken(), () -> checkFileError, this::kafkaHealth));
    running = true;
    loop = new Thread(this::run, "mosaic-state-engine");
    loop.start();
  }

  /**
   * Subscribes and waits for the first assignment (which restores the partitions' state), so values
   * produced after start are seen.
   */
  private KafkaConsumer<byte[], byte[]> subscribe() {
    Map<String, Object> props = kafka.clientProperties("mosaic-state-engine");
    props.put("group.id", settings.consumerGroup());
    props.put("auto.offset.reset", "latest");
    props.put("enable.auto.commit", false); // offsets are committed with the state they led to
    props.put("isolation.level", "read_committed");
    // Kafka's 500 ms default would delay a check whenever an interval's records miss the fetch in
    // flight; a short wait costs only more empty fetches while idle.
    props.put("fetch.max.wait.ms", 100);
    // Moves only the partitions that change owner, so a rebalance does not reload every series.
    props.put("partition.assignment.strategy", CooperativeStickyAssignor.class.getName());
    KafkaConsumer<byte[], byte[]> c =
        new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    handOver =
        new PartitionHandOver(kafka, engine, committer, c, clock, KAFKA_TIMEOUT, badStateRecords);
    meters.gauge("mosaic.state-engine.owned_partitions", handOver, PartitionHandOver::owned);
    c.subscribe(List.of(kafka.topics().aggregates()), handOver);
    long deadline = System.nanoTime() + KAFKA_TIMEOUT.toNanos();
    while (c.assignment().isEmpty()) {
      if (System.nanoTime() > deadline) {
        c.close();
        throw new IllegalStateException("no aggregates partition assigned in " + KAFKA_TIMEOUT);
      }
      consume(c.poll(POLL));
    }
    return c;
  }

  private void run() {
    long nextReload = clock.millis() + settings.reloadInterval().toMillis();
    try {
      while (running) {
        consume(consumer.poll(POLL));
        long now = clock.millis();
        engine.onTick(now);
        if (now >= nextReload) {
          nextReload = now + settings.reloadInterval().toMillis();
          reloadChecks(now);
        }
        committer.commit(consumer.groupMetadata());
      }
    } catch (WakeupException e) {
      // close() woke the consumer up
    } catch (RuntimeException e) {
      log.error("state engine stopped", e);
      failure.set(e);
    } finally {
      closeConsumer();
    }
  }

  /** Commits what is pending, then leaves the group, so the next owner starts where we stopped. */
  private void closeConsumer() {
    try {
      committer.commit(consumer.groupMetadata());
    } catch (RuntimeException e) {
      log.warn("could not commit the last state; the next owner resumes from the commit before", e);
    }
    consumer.close();
  }

  private void consume(Iterable<ConsumerRecord<byte[], byte[]>> records) {
    for (ConsumerRecord<byte[], byte[]> record : records) {
      committer.consumed(
          new TopicPartition(record.topic(), record.partition()), record.offset() + 1);
      AggregateBatch batch;
      try {
        batch = AggregateBatchSerde.decode(record.value());
      } catch (RuntimeException e) {
        badRecords.increment();
        continue;
      }
      long now = clock.millis();
      for (AggregatePoint point : batch.points()) {
        engine.onPoint(point, record.partition(), now);
      }
      points.increment(batch.points().size()); // once per record: up to 10,000 points each
    }
  }

  private void reloadChecks(long now) {
    try {
      Optional<List<Check>> changed = checkFiles.reloadIfChanged();
      if (changed.isPresent()) {
        engine.replaceChecks(changed.get(), now);
        checkFileError = Optional.empty();
        log.info("check files reloaded: {} checks", changed.get().size());
      }
    } catch (CheckFileException e) {
      reloadErrors.increment();
      checkFileError = Optional.of(e.getMessage());
      log.warn("check files rejected, the last good checks keep running: {}", e.getMessage());
    }
  }

  private KafkaHealth kafkaHealth() {
    Optional<String> error = committer.lastError();
    return new KafkaHealth(
        error.isEmpty() && failure.get() == null,
        handOver.owned(),
        committer.lastCommitAtMillis(),
        error.orElse(failure.get() == null ? null : String.valueOf(failure.get().getMessage())));
  }

  @Override
  public Optional<Throwable> failure() {
    return Optional.ofNullable(failure.get());
  }

  /** Ready once its consumer joined the group and no partition lags more than the bound. */
  @Override
  public Probe readiness() {
    KafkaClientWatch current = watch;
    return failure.get() != null || current == null ? health() : current.readiness();
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    running = false;
    if (loop != null) {
      consumer.wakeup();
      try {
        loop.join(KAFKA_TIMEOUT.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    } else if (consumer != null) {
      consumer.close();
    }
    if (api != null) {
      api.close();
    }
    if (transactions != null) {
      transactions.close();
    }
    if (watch != null) {
      watch.close();
    }
  }
}
