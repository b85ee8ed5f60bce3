package dev.mosaic.stateengine;

import dev.mosaic.contract.service.MosaicService;
import dev.mosaic.contract.service.ServiceDefinition;
import dev.mosaic.contract.service.ServiceRunner;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Evaluates threshold checks against aggregates and keeps incidents — for now a skeleton that
 * starts, logs its configuration and waits, so the launcher and the deployment already have its
 * place.
 */
public final class StateEngine implements MosaicService {
  private static final Logger log = LoggerFactory.getLogger(StateEngine.class);

  public static final ServiceDefinition DEFINITION =
      new ServiceDefinition(
          "state-engine",
          List.of(),
          context -> new StateEngine(context.kafka().bootstrapServers()));

  private final String bootstrapServers;

  private StateEngine(String bootstrapServers) {
    this.bootstrapServers = bootstrapServers;
  }

  public static void main(String[] args) {
    ServiceRunner.runStandalone(DEFINITION, args);
  }

  @Override
  public String name() {
    return "state-engine";
  }

  @Override
  public void start() {
    log.info(
        "state-engine skeleton started (Kafka at {}); it has no behaviour yet", bootstrapServers);
  }

  @Override
  public void close() {}
}
