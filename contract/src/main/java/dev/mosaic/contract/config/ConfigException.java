package dev.mosaic.contract.config;

/**
 * A configuration mistake that stops start-up. The message names where the value came from (file
 * and line, command line, or environment variable), the key, and what is wrong.
 */
public final class ConfigException extends Exception {
  public ConfigException(String message) {
    super(message);
  }
}
