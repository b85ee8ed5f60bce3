package dev.mosaic.collector;

import dev.mosaic.contract.service.ServiceDefinition;
import dev.mosaic.contract.service.ServiceRunner;

/**
 * The collector as the launcher and its own {@code main} see it.
 *
 * <pre>
 * StatsD (UDP, TCP), log lines (TCP), log drains (HTTP) → Collector → &lt;prefix&gt;samples
 *     → aggregator
 * </pre>
 */
public final class Collector {
  /** The config section: every key starts with {@code collector.}. */
  public static final String SECTION = "collector";

  public static final ServiceDefinition DEFINITION =
      new ServiceDefinition(SECTION, CollectorKeys.ALL, CollectorService::new);

  private Collector() {}

  public static void main(String[] args) {
    ServiceRunner.runStandalone(DEFINITION, args);
  }
}
