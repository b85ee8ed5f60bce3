package dev.mosaic.aggregator.statsd;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the closed intervals changed in the state that outlives them — which series are known and
 * each gauge's level — as records of the compacted {@code <prefix>aggregator-state} topic, so that
 * whoever aggregates a partition next (a restart, another instance) continues from the same state.
 *
 * <pre>
 *   SeriesRegistry#close → SeriesChangelog → AggregatePublisher (same transaction as the offsets)
 *   aggregator-state → SeriesRegistry#restore (on partition assignment)
 * </pre>
 *
 * <p>Key: {@code <type>:<series name>} in UTF-8, type one of {@code counter}, {@code timer}, {@code
 * gauge}, {@code set}. Value: for a gauge its level as an 8-byte big-endian IEEE double; for the
 * other types an empty value, which only says the series is known; a tombstone (null) when an idle
 * policy deleted a series that an earlier transaction had recorded. Only the latest record per key
 * is kept between publishes, so a series learnt and deleted before its interval was published
 * writes nothing.
 *
 * <p>Thread-safe: {@link SeriesRegistry} closes two types on another thread.
 */
public final class SeriesChangelog {
  static final String COUNTER = "counter";
  static final String TIMER = "timer";
  static final String GAUGE = "gauge";
  static final String SET = "set";

  private static final byte[] KNOWN = new byte[0];

  private final Map<String, byte[]> pending = new LinkedHashMap<>();

  synchronized void learnt(String type, String name) {
    pending.put(key(type, name), KNOWN);
  }

  synchronized void level(String name, double level) {
    pending.put(key(GAUGE, name), ByteBuffer.allocate(Double.BYTES).putDouble(level).array());
  }

  /**
   * @param recorded whether an earlier publish may have written the series; if not, forgetting it
   *     only drops what is pending
   */
  synchronized void forgotten(String type, String name, boolean recorded) {
    if (recorded) {
      pending.put(key(type, name), null);
    } else {
      pending.remove(key(type, name));
    }
  }

  /** The records since the last call, key → value (null for a tombstone), and forgets them. */
  public synchronized Map<String, byte[]> drain() {
    Map<String, byte[]> records = new LinkedHashMap<>(pending);
    pending.clear();
    return records;
  }

  static String key(String type, String name) {
    return type + ":" + name;
  }

  /** The series name of a record key, which picks its partition (as for its samples). */
  public static String sourceName(String key) {
    return key.substring(key.indexOf(':') + 1);
  }

  public static byte[] encodeKey(String key) {
    return key.getBytes(StandardCharsets.UTF_8);
  }

  public static String decodeKey(byte[] key) {
    return new String(key, StandardCharsets.UTF_8);
  }

  /** The type of a record key, or "" when it has none. */
  static String typeOf(String key) {
    int colon = key.indexOf(':');
    return colon < 0 ? "" : key.substring(0, colon);
  }

  /**
   * @throws IllegalArgumentException if {@code value} is not an 8-byte level
   */
  static double decodeLevel(byte[] value) {
    if (value.length != Double.BYTES) {
      throw new IllegalArgumentException("a gauge level has 8 bytes, not " + value.length);
    }
    return ByteBuffer.wrap(value).getDouble();
  }
}
