package dev.mosaic.contract.service;

import dev.mosaic.contract.config.ConfigException;
import dev.mosaic.contract.config.ConfigKey;
import java.util.List;

/**
 * A service as its {@code main} and the launcher see it: its config section, its keys and how to
 * build it.
 *
 * @param section the config section, e.g. {@code collector}
 * @param keys every key under {@code section} the service reads
 * @param factory builds the (not yet started) service
 */
public record ServiceDefinition(String section, List<ConfigKey<?>> keys, Factory factory) {
  public ServiceDefinition {
    keys = List.copyOf(keys);
  }

  /**
   * Builds a service; throws {@link ConfigException} when values are valid alone but not together.
   */
  @FunctionalInterface
  public interface Factory {
    MosaicService create(ServiceContext context) throws ConfigException;
  }
}
