package dev.mosaic.aggregator;

import dev.mosaic.contract.admin.AdminKeys;
import dev.mosaic.contract.service.ServiceDefinition;
import dev.mosaic.contract.service.ServiceRunner;

/**
 * The aggregator service as its {@code main} and the launcher see it.
 *
 * <pre>
 *   collector → &lt;prefix&gt;samples → Aggregator → &lt;prefix&gt;aggregates → storage bridge
 * </pre>
 */
public final class Aggregator {
  public static final ServiceDefinition DEFINITION =
      new ServiceDefinition(
          "aggregator",
          AggregatorKeys.ALL,
          context ->
              new AggregatorService(
                  AggregatorSettings.from(context.config()),
                  context.kafka(),
                  context.meters(),
                  context.clock(),
                  context.config().getOrDefault(AdminKeys.READY_MAX_LAG)));

  private Aggregator() {}

  public static void main(String[] args) {
    ServiceRunner.runStandalone(DEFINITION, args);
  }
}
