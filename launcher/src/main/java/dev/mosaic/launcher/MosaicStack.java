package dev.mosaic.launcher;

import dev.mosaic.aggregator.Aggregator;
import dev.mosaic.collector.Collector;
import dev.mosaic.contract.KafkaSettings;
import dev.mosaic.contract.admin.AdminKeys;
import dev.mosaic.contract.config.ConfigException;
import dev.mosaic.contract.config.ConfigKey;
import dev.mosaic.contract.config.KafkaKeys;
import dev.mosaic.contract.config.MosaicConfig;
import dev.mosaic.contract.service.MosaicService;
import dev.mosaic.contract.service.ServiceContext;
import dev.mosaic.contract.service.ServiceDefinition;
import dev.mosaic.contract.service.ServiceGroup;
import dev.mosaic.kafka.embedded.EmbeddedKafkaBroker;
import dev.mosaic.notifier.Notifier;
import dev.mosaic.stateengine.StateEngine;
import dev.mosaic.storagebridge.StorageBridge;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole pipeline in one JVM: an embedded Kafka broker when no cluster is configured, then every
 * service.
 *
 * <pre>
 *   collector → [samples] → aggregator → [aggregates] → storage-bridge → carbon
 *                                                     → state-engine → notifier
 * </pre>
 *
 * Services start downstream first, so that a sample accepted by the collector has somewhere to go,
 * and stop upstream first, so that each stage flushes into a stage that is still running.
 */
public final class MosaicStack implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(MosaicStack.class);

  /** In start order. */
  public static final List<ServiceDefinition> SERVICES =
      List.of(
          StorageBridge.DEFINITION,
          Notifier.DEFINITION,
          StateEngine.DEFINITION,
          Aggregator.DEFINITION,
          Collector.DEFINITION);

  private final EmbeddedKafkaBroker broker;
  private final ServiceGroup services;
  private final String bootstrapServers;

  private MosaicStack(EmbeddedKafkaBroker broker, ServiceGroup services, String bootstrapServers) {
    this.broker = broker;
    this.services = services;
    this.bootstrapServers = bootstrapServers;
  }

  /** Every key the launcher understands: Kafka's, the admin server's, then each service's. */
  public static List<ConfigKey<?>> allKeys() {
    List<ConfigKey<?>> keys = new ArrayList<>(KafkaKeys.ALL);
    keys.addAll(AdminKeys.ALL);
    for (int i = SERVICES.size() - 1; i >= 0; i--) {
      keys.addAll(SERVICES.get(i).keys());
    }
    return keys;
  }

  /**
   * Starts the broker (if {@code kafka.bootstrap-servers} is empty) and every service.
   *
   * @throws ConfigException if values are valid alone but not together
   * @throws Exception if something fails to start; whatever had started is stopped again
   */
  public static MosaicStack start(MosaicConfig config, MeterRegistry meters, Clock clock)
      throws Exception {
    String bootstrap = config.get(KafkaKeys.BOOTSTRAP_SERVERS);
    EmbeddedKafkaBroker broker = null;
    if (bootstrap.isBlank()) {
      broker =
          EmbeddedKafkaBroker.start(
              Path.of(config.get(KafkaKeys.EMBEDDED_DATA_DIR)),
              config.get(KafkaKeys.EMBEDDED_PORT),
              config.get(KafkaKeys.EMBEDDED_CONTROLLER_PORT));
      bootstrap = broker.bootstrapServers();
    }
    try {
      ServiceContext context =
          new ServiceContext(config, KafkaSettings.from(config, bootstrap), meters, clock);
      List<MosaicService> created = new ArrayList<>();
      for (ServiceDefinition definition : SERVICES) {
        created.add(definition.factory().create(context));
      }
      return new MosaicStack(broker, ServiceGroup.start(created), bootstrap);
    } catch (Exception | Error e) {
      if (broker != null) {
        broker.close();
      }
      throw e;
    }
  }

  /** The started service of a class, e.g. to read the collector's bound port. */
  public <T extends MosaicService> T service(Class<T> type) {
    return services.get(type);
  }

  /** The running services, in start order: what the admin server's probes ask. */
  public List<MosaicService> services() {
    return services.services();
  }

  /** A service's failure after start, if any: the stack should then be stopped. */
  public Optional<IllegalStateException> failure() {
    return services.failure();
  }

  public String bootstrapServers() {
    return bootstrapServers;
  }

  /** Stops every service, upstream first, then the embedded broker; safe to call twice. */
  @Override
  public void close() {
    services.close();
    if (broker != null) {
      broker.close();
      log.info("embedded Kafka broker stopped");
    }
  }
}
