package dev.mosaic.contract.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Resolved configuration: a parsed value for every known key, and where each came from. Built by
 * {@link ConfigLoader}; immutable and safe to share between threads.
 */
public final class MosaicConfig {
  private final Map<String, Object> values;
  private final Map<String, String> sources;

  MosaicConfig(Map<String, Object> values, Map<String, String> sources) {
    this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    this.sources = Collections.unmodifiableMap(new LinkedHashMap<>(sources));
  }

  /**
   * @throws IllegalArgumentException if {@code key} was not among the keys this config was loaded
   *     with: a programming error, not a user's
   */
  @SuppressWarnings("unchecked")
  public <T> T get(ConfigKey<T> key) {
    Object value = values.get(key.name());
    if (value == null && !values.containsKey(key.name())) {
      throw new IllegalArgumentException("config was not loaded with key " + key.name());
    }
    return (T) value;
  }

  /**
   * The key's value, or its parsed default when this config was loaded without it: for keys a
   * shared helper reads that a service's own tests need not load.
   */
  @SuppressWarnings("unchecked")
  public <T> T getOrDefault(ConfigKey<T> key) {
    return values.containsKey(key.name())
        ? (T) values.get(key.name())
        : key.parse(key.defaultText());
  }

  /** Where a key's value came from: {@code default}, {@code file:line}, env var, command line. */
  public String sourceOf(ConfigKey<?> key) {
    return sources.get(key.name());
  }

  /** One line per key, {@code key = value (source)}, for the start-up log. */
  public List<String> describe() {
    List<String> lines = new ArrayList<>();
    values.forEach((k, v) -> lines.add(k + " = " + v + " (" + sources.get(k) + ")"));
    return lines;
  }
}
