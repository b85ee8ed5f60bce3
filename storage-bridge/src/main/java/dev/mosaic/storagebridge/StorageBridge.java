package dev.mosaic.storagebridge;

import dev.mosaic.contract.service.ServiceDefinition;
import dev.mosaic.contract.service.ServiceRunner;

/**
 * The storage bridge as the launcher and its own {@code main} see it.
 *
 * <pre>
 * aggregator → &lt;prefix&gt;aggregates → StorageBridge → carbon (plaintext or pickle, TCP; one or more)
 * </pre>
 */
public final class StorageBridge {
  /** The config section: every key starts with {@code storage-bridge.}. */
  public static final String SECTION = "storage-bridge";

  public static final ServiceDefinition DEFINITION =
      new ServiceDefinition(SECTION, StorageBridgeKeys.ALL, StorageBridgeService::new);

  private StorageBridge() {}

  public static void main(String[] args) {
    ServiceRunner.runStandalone(DEFINITION, args);
  }
}
