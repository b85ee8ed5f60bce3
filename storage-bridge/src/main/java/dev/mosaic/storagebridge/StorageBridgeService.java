package dev.mosaic.storagebridge;

import dev.mosaic.contract.KafkaTopicProvisioner;
import dev.mosaic.contract.config.ConfigException;
import dev.mosaic.contract.service.MosaicService;
import dev.mosaic.contract.service.ServiceContext;
import dev.mosaic.storagebridge.carbon.CarbonPlaintextSender;
import dev.mosaic.storagebridge.carbon.CarbonSender;
import dev.mosaic.storagebridge.internal.AggregateForwarder;
import dev.mosaic.storagebridge.internal.CarbonDelivery;
import dev.mosaic.storagebridge.internal.ExponentialBackoff;
import dev.mosaic.storagebridge.internal.PointFilter;
import dev.mosaic.storagebridge.internal.StorageBridgeMeters;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The storage bridge service: one consumer thread forwarding aggregates to carbon.
 *
 * <pre>
 * &lt;prefix&gt;aggregates → StorageBridgeService (AggregateForwarder thread) → carbon :2003
 * </pre>
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
  private final StorageBridgeMeters meters;
  private CarbonSender sender;
  private AggregateForwarder forwarder;
  private Thread thread;
  private boolean closed;

  /**
   * @throws ConfigException if the {@code storage-bridge.*} values do not fit together
   */
  public StorageBridgeService(ServiceContext context) throws ConfigException {
    this.context = context;
    this.settings = StorageBridgeSettings.from(context.config());
    this.meters = StorageBridgeMeters.register(context.meters());
  }

  @Override
  public String name() {
    return StorageBridge.SECTION;
  }

  /** Creates the aggregates topic if missing and starts consuming; carbon may still be down. */
  @Override
  public synchronized void start() {
    if (thread != null || closed) {
      throw new IllegalStateException("storage-bridge was already started");
    }
    String topic = context.kafka().topics().aggregates();
    KafkaTopicProvisioner.ensureTopics(context.kafka(), TOPIC_TIMEOUT_MILLIS, topic);
    sender =
        new CarbonPlaintextSender(
            settings.carbonHost(),
            settings.carbonPort(),
            settings.connectTimeout(),
            meters.bytesWritten());
    CarbonDelivery delivery =
        new CarbonDelivery(
            sender,
            new ExponentialBackoff(settings.initialBackoff(), settings.maxBackoff()),
            context.clock(),
            meters);
    forwarder =
        new AggregateForwarder(
            new KafkaConsumer<>(consumerProperties()),
            topic,
            new PointFilter(meters),
            delivery,
            meters,
            context.clock());
    thread = new Thread(forwarder, "mosaic-storage-bridge");
    thread.start();
    log.info(
        "storage-bridge forwarding {} to carbon at {}:{} (consumer group {})",
        topic,
        settings.carbonHost(),
        settings.carbonPort(),
        settings.consumerGroup());
  }

  /**
   * Stops consuming: a batch already written is committed, one still waiting for carbon is left
   * uncommitted and read again on the next start. Returns within about 12 s at worst.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (thread == null) {
      return;
    }
    forwarder.stop();
    try {
      thread.join(GRACE_BEFORE_ABORT.toMillis());
      if (thread.isAlive()) {
        sender.close(); // unblocks a connect or write stuck on an unresponsive carbon
        thread.join(WAIT_AFTER_ABORT.toMillis());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (thread.isAlive()) {
      log.warn("storage-bridge consumer thread did not stop in time");
    }
    sender.close();
  }

  private Map<String, Object> consumerProperties() {
    Map<String, Object> props = context.kafka().clientProperties("mosaic-storage-bridge");
    props.put(ConsumerConfig.GROUP_ID_CONFIG, settings.consumerGroup());
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, settings.maxPollRecords());
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    // Bytes, decoded by the forwarder: a record that does not decode is counted, not fatal.
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    return props;
  }
}
