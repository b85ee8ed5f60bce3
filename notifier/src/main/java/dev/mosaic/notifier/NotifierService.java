package dev.mosaic.notifier;

import dev.mosaic.contract.IncidentEvent;
import dev.mosaic.contract.IncidentEventSerde;
import dev.mosaic.contract.KafkaTopicProvisioner;
import dev.mosaic.contract.admin.KafkaClientWatch;
import dev.mosaic.contract.service.MosaicService;
import dev.mosaic.contract.service.Probe;
import dev.mosaic.contract.service.ServiceContext;
import dev.mosaic.notifier.email.EmailComposer;
import dev.mosaic.notifier.email.SmtpEmailSender;
import dev.mosaic.notifier.escalation.EscalationTimers;
import dev.mosaic.notifier.group.NotificationGroups;
import dev.mosaic.notifier.http.DeliveryLog;
import dev.mosaic.notifier.http.NotifierHttpApi;
import dev.mosaic.notifier.route.RoutesFile;
import dev.mosaic.notifier.route.RoutesFileParser;
import dev.mosaic.notifier.state.RestoredState;
import dev.mosaic.notifier.state.StateJournal;
import dev.mosaic.notifier.state.StateTopic;
import dev.mosaic.notifier.webhook.Backoff;
import dev.mosaic.notifier.webhook.DeliveryAttempts;
import dev.mosaic.notifier.webhook.NotificationEncoder;
import dev.mosaic.notifier.webhook.StopSignal;
import dev.mosaic.notifier.webhook.WebhookDeliverer;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumes incident events and delivers each to the receivers its routes choose; an event's offset
 * is committed only once every receiver is done with it, or once the group or escalation timer it
 * changed is written to the compacted notifier-state topic, so that pending notifications survive
 * restarts.
 *
 * <pre>
 * &lt;prefix&gt;incidents → KafkaConsumer → IncidentDispatcher → RouteTree → WebhookDeliverer → receivers
 * notifier.yaml → RoutesFile (polled on the clock, last good version kept)
 * groups, escalation timers, delivery log ⇄ StateJournal / StateTopic ⇄ &lt;prefix&gt;notifier-state
 * </pre>
 */
public final class NotifierService implements MosaicService {
  private static final Logger log = LoggerFactory.getLogger(NotifierService.class);
  private static final long START_TIMEOUT_MILLIS = 30_000;
  private static final Duration POLL_TIMEOUT = Duration.ofMillis(500);

  private final ServiceContext context;
  private final NotifierSettings settings;
  private final RoutesFile routesFile;
  private final StopSignal stop = new StopSignal();
  private final CountDownLatch assigned = new CountDownLatch(1);
  private final Object lifecycle = new Object();
  private volatile Throwable failure;
  private KafkaConsumer<String, byte[]> consumer;
  private StateJournal journal;
  private volatile KafkaClientWatch watch;
  private Thread loop;
  private NotifierHttpApi api;
  private boolean closed;

  public NotifierService(ServiceContext context, NotifierSettings settings) {
    this.context = context;
    this.settings = settings;
    this.routesFile =
        new RoutesFile(
            settings.routesFile(),
            new RoutesFileParser(System::getenv),
            context.clock(),
            settings.routesReloadInterval(),
            context.meters().counter("mosaic.notifier.routes.rejected")::increment);
  }

  @Override
  public String name() {
    return "notifier";
  }

  @Override
  public void start() throws Exception {
    routesFile.load();
    String topic = context.kafka().topics().incidents();
    KafkaTopicProvisioner.ensureTopics(context.kafka(), START_TIMEOUT_MILLIS, topic);
    String stateTopic = StateTopic.name(context.kafka().topics().prefix());
    Duration startTimeout = Duration.ofMillis(START_TIMEOUT_MILLIS);
    StateTopic.ensureExists(context.kafka(), stateTopic, startTimeout);
    RestoredState restored =
        StateTopic.readAll(context.kafka(), stateTopic, settings.consumerGroup(), startTimeout);
    StateJournal journal =
        new StateJournal(
            context.kafka().clientProperties("mosaic-notifier-state"),
            stateTopic,
            settings.consumerGroup());
    DeliveryLog deliveryLog =
        new DeliveryLog(settings.deliveryLogSize(), journal.deliveryListener());
    deliveryLog.restore(restored.deliveries());
    EscalationTimers escalations = new EscalationTimers(journal.escalationListener());
    restored.escalations().forEach(escalations::restore);
    NotificationGroups groups = new NotificationGroups(journal.groupListener());
    restored.groups().forEach(groups::restore);
    log.info(
        "notifier state restored from {}: {} escalation timers, {} groups, {} deliveries, {} bad"
            + " records",
        stateTopic,
        restored.escalations().size(),
        restored.groups().size(),
        restored.deliveries().size(),
        restored.badRecords());
    DeliveryAttempts attempts =
        new DeliveryAttempts(
            new Backoff(
                settings.initialBackoff(),
                settings.maxBackoff(),
                () -> ThreadLocalRandom.current().nextDouble()),
            settings.maxAttempts(),
            stop,
            context.meters());
    Outbox outbox =
        new Outbox(
            new NotificationEncoder(settings.incidentUrl()),
            new WebhookDeliverer(
                HttpClient.newBuilder().connectTimeout(settings.requestTimeout()).build(),
                settings.requestTimeout(),
                attempts),
            new EmailComposer(settings.incidentUrl()),
            new SmtpEmailSender(settings.requestTimeout(), context.clock(), attempts));
    IncidentDispatcher dispatcher =
        new IncidentDispatcher(
            routesFile::current,
            outbox,
            deliveryLog,
            escalations,
            groups,
            stop::waitUnlessStopped,
            context.clock(),
            context.meters());
    synchronized (lifecycle) {
      if (closed) {
        journal.close();
        throw new IllegalStateException("notifier was closed before it started");
      }
      this.journal = journal;
      api =
          new NotifierHttpApi(
              settings.httpAddress(),
              deliveryLog,
              () -> failure == null,
              name -> routesFile.current().schedules().get(name),
              context.clock());
      consumer = new KafkaConsumer<>(consumerProperties());
      watch = KafkaClientWatch.consumer(context, consumer);
      consumer.subscribe(List.of(topic), new PositionOnAssignment());
      loop = new Thread(() -> run(dispatcher), "mosaic-notifier");
      loop.start();
    }
    if (!assigned.await(START_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)) {
      throw new IllegalStateException(
          "no partition of " + topic + " assigned within " + START_TIMEOUT_MILLIS + " ms");
    }
    log.info(
        "notifier consuming {} as group {}, HTTP API on port {}",
        topic,
        settings.consumerGroup(),
        api.port());
  }

  /** The bound port of the HTTP API; valid after {@link #start()}. */
  public int httpPort() {
    synchronized (lifecycle) {
      return api.port();
    }
  }

  private Map<String, Object> consumerProperties() {
    Map<String, Object> props = context.kafka().clientProperties("mosaic-notifier");
    props.put(ConsumerConfig.GROUP_ID_CONFIG, settings.consumerGroup());
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
    // The state engine writes events in transactions; an aborted attempt is retried with the
    // same event, so reading uncommitted records would deliver it twice.
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 20);
    // Retrying a receiver that is down blocks the loop between polls by design; liveness is the
    // heartbeat thread's session timeout, not the poll interval.
    props.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, (int) Duration.ofHours(24).toMillis());
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    return props;
  }

  private void run(IncidentDispatcher dispatcher) {
    try {
      while (!stop.isStopped()) {
        routesFile.reloadIfDue();
        for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL_TIMEOUT)) {
          if (!handle(dispatcher, record)) {
            return; // stopped mid-delivery: the record's offset stays uncommitted
          }
        }
        boolean running = dispatcher.tick();
        journal.flush();
        if (!running) {
          return;
        }
      }
    } catch (RuntimeException e) {
      if (!stop.isStopped()) {
        log.error("notifier consumer loop failed", e);
        failure = e;
      }
    } finally {
      consumer.close(Duration.ofSeconds(5));
      journal.close(); // sends what is still buffered: state changed before a stop is kept
      watch.close();
    }
  }

  private boolean handle(IncidentDispatcher dispatcher, ConsumerRecord<String, byte[]> record) {
    IncidentEvent event;
    try {
      event = IncidentEventSerde.decode(record.value());
    } catch (RuntimeException e) {
      context.meters().counter("mosaic.notifier.bad_events").increment();
      log.warn(
          "skipping undecodable event at {}-{}: {}",
          record.partition(),
          record.offset(),
          String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
      event = null;
    }
    if (event != null && !dispatcher.dispatch(event)) {
      return false;
    }
    // Groups and timers the event changed are in Kafka before the event counts as done.
    journal.flush();
    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
    try {
      consumer.commitSync(Map.of(partition, new OffsetAndMetadata(record.offset() + 1)));
    } catch (CommitFailedException e) {
      // The partition moved to another notifier, which delivers the event again; the idempotency
      // key lets receivers drop the repeat.
      log.warn("could not commit {} at {}: {}", partition, record.offset(), e.getMessage());
    }
    return true;
  }

  @Override
  public Optional<Throwable> failure() {
    return Optional.ofNullable(failure);
  }

  /** Ready once its consumer joined the group and no partition lags more than the bound. */
  @Override
  public Probe readiness() {
    KafkaClientWatch current = watch;
    return failure != null || current == null ? health() : current.readiness();
  }

  @Override
  public void close() {
    Thread toJoin;
    synchronized (lifecycle) {
      if (closed) {
        return;
      }
      closed = true;
      stop.stop();
      if (api != null) {
        api.close();
      }
      toJoin =
          loop; // the loop notices within one poll timeout; no wakeup() that could fail a commit
      if (toJoin == null && journal != null) {
        journal.close(); // start() failed after making it; the loop would have closed it
      }
    }
    if (toJoin != null) {
      try {
        toJoin.join(Duration.ofSeconds(30).toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * Fixes the position of every newly assigned partition before {@code start()} returns, and
   * commits it where the group has no offset yet: a new group's "latest" then means the end at its
   * first start, and an event that arrives before its first delivery is still pending after a
   * restart instead of skipped by a second "latest".
   */
  private final class PositionOnAssignment implements ConsumerRebalanceListener {
    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(Set.copyOf(partitions));
      Map<TopicPartition, OffsetAndMetadata> first = new HashMap<>();
      for (TopicPartition partition : partitions) {
        long position = consumer.position(partition);
        if (committed.get(partition) == null) {
          first.put(partition, new OffsetAndMetadata(position));
        }
      }
      if (!first.isEmpty()) {
        consumer.commitSync(first);
      }
      if (!partitions.isEmpty()) {
        assigned.countDown();
      }
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {}
  }
}
