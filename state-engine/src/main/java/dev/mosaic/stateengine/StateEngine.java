package dev.mosaic.stateengine;

import dev.mosaic.contract.service.ServiceDefinition;
import dev.mosaic.contract.service.ServiceRunner;

/**
 * The state engine service: evaluates threshold checks from check files against the aggregates and
 * keeps incidents on Kafka.
 *
 * <pre>
 * aggregates topic → StateEngine → incidents topic → notifier
 *                        ↕ incident-state (compacted), HTTP API
 * </pre>
 */
public final class StateEngine {
  public static final ServiceDefinition DEFINITION =
      new ServiceDefinition(
          "state-engine",
          StateEngineKeys.ALL,
          context -> new StateEngineService(StateEngineSettings.from(context.config()), context));

  private StateEngine() {}

  public static void main(String[] args) {
    ServiceRunner.runStandalone(DEFINITION, args);
  }
}
