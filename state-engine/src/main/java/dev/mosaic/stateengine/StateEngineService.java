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
import dev.mosaic.stateengine.incident.IncidentBook;
import dev.mosaic.stateengine.incident.IncidentPublisher;
import dev.mosaic.stateengine.incident.IncidentStateReader;
import dev.mosaic.stateengine.incident.IncidentTopics;
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
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running state engine: one thread consumes aggregates, evaluates them, applies no-data and
 * reloads the check files on the clock; the HTTP API runs beside it.
 *
 * <pre>
 * aggregates topic → StateEngineService → CheckEngine → IncidentPublisher → incidents topics
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
  private final Counter points;
  private final Counter badRecords;
  private final Counter reloadErrors;
  private final Counter badStateRecords;
  private final Counter published;
  private final Counter publishErrors;
  private final AtomicReference<Throwable> failure = new AtomicReference<>();
  private volatile Optional<String> checkFileError = Optional.empty();
  private volatile boolean running;
  private volatile IncidentPublisher publisher;
  private KafkaConsumer<byte[], byte[]> consumer;
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
    this.engine =
        new CheckEngine(
            new IncidentBook(),
            new RecentValues(settings.recentValues(), settings.recentMaxSeries()),
            events -> publisher.publish(events));
    MeterRegistry meters = context.meters();
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
    IncidentTopics.ensureCompacted(kafka, compacted, KAFKA_TIMEOUT.toMillis());
    publisher = new IncidentPublisher(kafka, published, publishErrors);
    try {
      List<Check> checks = checkFiles.reloadIfChanged().orElse(List.of());
      engine.replaceChecks(checks, clock.millis());
      log.info("{} checks from {}", checks.size(), settings.checksDir().toAbsolutePath());
    } catch (CheckFileException e) {
      throw new IllegalStateException("check files: " + e.getMessage(), e);
    }
    engine.restore(
        IncidentStateReader.readAll(kafka, compacted, KAFKA_TIMEOUT, badStateRecords),
        clock.millis());
    consumer = subscribe();
    watch = KafkaClientWatch.consumer(context, consumer);
    api =
        ApiServer.start(
            new InetSocketAddress(settings.httpBind(), settings.httpPort()),
            new ApiRoutes(engine, clock, settings.apiToken(), () -> checkFileError));
    running = true;
    loop = new Thread(this::run, "mosaic-state-engine");
    loop.start();
  }

  /** Subscribes and waits for the first assignment, so values produced after start are seen. */
  private KafkaConsumer<byte[], byte[]> subscribe() {
    Map<String, Object> props = kafka.clientProperties("mosaic-state-engine");
    props.put("group.id", settings.consumerGroup());
    props.put("auto.offset.reset", "latest");
    KafkaConsumer<byte[], byte[]> c =
        new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    c.subscribe(List.of(kafka.topics().aggregates()));
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
      }
    } catch (WakeupException e) {
      // close() woke the consumer up
    } catch (RuntimeException e) {
      log.error("state engine stopped", e);
      failure.set(e);
    } finally {
      consumer.close();
    }
  }

  private void consume(Iterable<ConsumerRecord<byte[], byte[]>> records) {
    for (ConsumerRecord<byte[], byte[]> record : records) {
      AggregateBatch batch;
      try {
        batch = AggregateBatchSerde.decode(record.value());
      } catch (RuntimeException e) {
        badRecords.increment();
        continue;
      }
      long now = clock.millis();
      for (AggregatePoint point : batch.points()) {
        points.increment();
        engine.onPoint(point, now);
      }
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
    if (publisher != null) {
      publisher.close();
    }
    if (watch != null) {
      watch.close();
    }
  }
}
