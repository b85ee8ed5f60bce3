package dev.mosaic.storagebridge.internal;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Remembers the most recently seen keys, up to a fixed number, to log something once per key.
 *
 * <pre>
 * PointFilter (invalid name) → FirstSightings.isFirst(name) → log or not
 * </pre>
 *
 * <p>When full, the key seen longest ago is forgotten and would be logged again: memory stays
 * bounded however many distinct bad names arrive. Not thread-safe.
 */
final class FirstSightings {
  private final Map<String, Boolean> recent;

  FirstSightings(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be positive: " + capacity);
    }
    this.recent =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > capacity;
          }
        };
  }

  /** True the first time {@code key} is seen, or the first time since it was forgotten. */
  boolean isFirst(String key) {
    return recent.put(key, Boolean.TRUE) == null;
  }
}
