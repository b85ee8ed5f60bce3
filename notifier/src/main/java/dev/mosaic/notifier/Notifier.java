package dev.mosaic.notifier;

import dev.mosaic.contract.service.MosaicService;
import dev.mosaic.contract.service.ServiceDefinition;
import dev.mosaic.contract.service.ServiceRunner;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes incident events to receivers — for now a skeleton that starts, logs its configuration and
 * waits, so the launcher and the deployment already have its place.
 */
public final class Notifier implements MosaicService {
  private static final Logger log = LoggerFactory.getLogger(Notifier.class);

  public static final ServiceDefinition DEFINITION =
      new ServiceDefinition(
          "notifier", List.of(), context -> new Notifier(context.kafka().bootstrapServers()));

  private final String bootstrapServers;

  private Notifier(String bootstrapServers) {
    this.bootstrapServers = bootstrapServers;
  }

  public static void main(String[] args) {
    ServiceRunner.runStandalone(DEFINITION, args);
  }

  @Override
  public String name() {
    return "notifier";
  }

  @Override
  public void start() {
    log.info("notifier skeleton started (Kafka at {}); it has no behaviour yet", bootstrapServers);
  }

  @Override
  public void close() {}
}
