package dev.mosaic.storagebridge;

import dev.mosaic.contract.AggregatePoint;
import dev.mosaic.contract.KafkaTopicProvisioner;
import dev.mosaic.contract.admin.KafkaClientWatch;
import dev.mosaic.contract.config.ConfigException;
import dev.mosaic.contract.service.MosaicService;
import dev.mosaic.contract.service.Probe;
import dev.mosaic.contract.service.ServiceContext;
import dev.mosaic.storagebridge.carbon.CarbonDestination;
import dev.mosaic.storagebridge.carbon.CarbonPickleSender;
import dev.mosaic.storagebridge.carbon.CarbonPlaintextSender;
import dev.mosaic.storagebridge.carbon.CarbonSender;
import dev.mosaic.storagebridge.carbon.ConsistentHashRing;
import dev.mosaic.storagebridge.internal.AggregateForwarder;
import dev.mosaic.storagebridge.internal.CarbonDelivery;
import dev.mosaic.storagebridge.internal.ExponentialBackoff;
import dev.mosaic.storagebridge.internal.PointFilter;
import dev.mosaic.storagebridge.internal.StorageBridgeMeters;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The storage bridge service: one consumer thread per carbon destination, each forwarding the
 * aggregates that belong to it.
 *
 * <pre>
 * &lt;prefix&gt;aggregates → StorageBridgeService (one AggregateForwarder thread per destination)
 *     → carbon :2003 / :2004, one or several
 * </pre>
 *
 * <p>Each destination has its own consumer group, so one that is down holds only its own position
 * and the others carry on.
 */
public final class StorageBridgeService implements MosaicService {
  private static final Logger log = LoggerFactory.getLogger(StorageBridgeService.class);
  private static final long TOPIC_TIMEOUT_MILLIS = 30_000;
  // A healthy batch in hand gets this long to be written and committed before close() cuts the
  // carbon connection; a bridge waiting on carbon or Kafka stops within about 100 ms anyway.
  private static final Duration GRACE_BEFORE_ABORT = Duration.ofSeconds(2);
  private static final Duration WAIT_AFTER_ABORT = Duration.ofSeconds(10);

  private final ServiceContext context;
  private final StorageBridgeSettings settings;
  private final List<Lane> lanes = new ArrayList<>();
  private final List<KafkaClientWatch> watches = new CopyOnWriteArrayList<>();
  private boolean started;
  private boolean closed;

  /** One destination's sender, forwarder and thread. */
  private record Lane(CarbonSender sender, AggregateForwarder forwarder, Thread thread) {}

  /**
   * @throws ConfigException if the {@code storage-bridge.*} values do not fit together
   */
  public StorageBridgeService(ServiceContext context) throws ConfigException {
    this.context = context;
    this.settings = StorageBridgeSettings.from(context.config());
  }

  @Override
  public String name() {
    return StorageBridge.SECTION;
  }

  /** Creates the aggregates topic if missing and starts consuming; carbon may still be down. */
  @Override
  public synchronized void start() {
    if (started || closed) {
      throw new IllegalStateException("storage-bridge was already started");
    }
    started = true;
    String topic = context.kafka().topics().aggregates();
    KafkaTopicProvisioner.ensureTopics(context.kafka(), TOPIC_TIMEOUT_MILLIS, topic);
    ConsistentHashRing ring = new ConsistentHashRing(settings.destinations());
    for (CarbonDestination destination : settings.destinations()) {
      lanes.add(startLane(topic, destination, routeTo(destination, ring)));
    }
    log.info(
        "storage-bridge forwarding {} to carbon {} at {} ({}, consumer group {})",
        topic,
        StorageBridgeSettings.configName(settings.protocol()),
        settings.destinations(),
        StorageBridgeSettings.configName(settings.relayMethod()),
        settings.consumerGroup());
  }

  /**
   * Stops consuming: a batch already written is committed, one still waiting for carbon is left
   * uncommitted and read again on the next start. Returns within about 2 s plus 10 s per
   * destination stuck on an unresponsive carbon.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    lanes.forEach(lane -> lane.forwarder().stop());
    try {
      // One grace period for all lanes together: they stop in parallel.
      long graceEnds = context.clock().millis() + GRACE_BEFORE_ABORT.toMillis();
      for (Lane lane : lanes) {
        lane.thread().join(Math.max(1, graceEnds - context.clock().millis()));
      }
      for (Lane lane : lanes) {
        if (lane.thread().isAlive()) {
          lane.sender().close(); // unblocks a connect or write stuck on an unresponsive carbon
          lane.thread().join(WAIT_AFTER_ABORT.toMillis());
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    for (Lane lane : lanes) {
      if (lane.thread().isAlive()) {
        log.warn("storage-bridge thread {} did not stop in time", lane.thread().getName());
      }
      lane.sender().close();
    }
    watches.forEach(KafkaClientWatch::close);
  }

  /** Ready once every destination's consumer joined its group and none lags beyond the bound. */
  @Override
  public Probe readiness() {
    if (!health().up()) {
      return health();
    }
    List<String> details = new ArrayList<>();
    for (KafkaClientWatch watch : watches) {
      Probe probe = watch.readiness();
      if (!probe.up()) {
        return probe;
      }
      details.add(probe.detail());
    }
    return details.isEmpty() ? Probe.down("not started") : Probe.up(String.join("; ", details));
  }

  private Predicate<AggregatePoint> routeTo(
      CarbonDestination destination, ConsistentHashRing ring) {
    if (settings.destinations().size() == 1 || settings.relayMethod() == RelayMethod.REPLICATE) {
      return point -> true;
    }
    return point -> ring.destinationFor(point.name()).equals(destination);
  }

  private Lane startLane(
      String topic, CarbonDestination destination, Predicate<AggregatePoint> route) {
    StorageBridgeMeters meters =
        StorageBridgeMeters.register(context.meters(), destination.toString());
    CarbonSender sender =
        switch (settings.protocol()) {
          case PLAINTEXT ->
              new CarbonPlaintextSender(
                  destination.host(),
                  destination.port(),
                  settings.connectTimeout(),
                  meters.bytesWritten());
          case PICKLE ->
              new CarbonPickleSender(
                  destination.host(),
                  destination.port(),
                  settings.connectTimeout(),
                  meters.bytesWritten());
        };
    CarbonDelivery delivery =
        new CarbonDelivery(
            sender,
            new ExponentialBackoff(settings.initialBackoff(), settings.maxBackoff()),
            context.clock(),
            meters);
    KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProperties(destination));
    watches.add(KafkaClientWatch.consumer(context, consumer));
    AggregateForwarder forwarder =
        new AggregateForwarder(
            consumer, topic, new PointFilter(meters), route, delivery, meters, context.clock());
    Thread thread = new Thread(forwarder, "mosaic-storage-bridge-" + destination);
    thread.start();
    return new Lane(sender, forwarder, thread);
  }

  private Map<String, Object> consumerProperties(CarbonDestination destination) {
    String clientId =
        settings.destinations().size() == 1
            ? "mosaic-storage-bridge"
            : "mosaic-storage-bridge-" + settings.destinations().indexOf(destination);
    Map<String, Object> props = context.kafka().clientProperties(clientId);
    props.put(ConsumerConfig.GROUP_ID_CONFIG, settings.consumerGroupOf(destination));
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    // The aggregator publishes each interval in a Kafka transaction; an aborted attempt must
    // never reach carbon, so only committed aggregates are read.
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, settings.maxPollRecords());
    // Kafka's 500 ms default would be added to an interval's way to carbon whenever its records
    // miss the fetch in flight; a short wait costs only more empty fetches while idle.
    props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, (int) settings.fetchMaxWait().toMillis());
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    // Bytes, decoded by the forwarder: a record that does not decode is counted, not fatal.
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    return props;
  }
}
