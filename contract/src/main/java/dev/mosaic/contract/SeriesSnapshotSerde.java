package dev.mosaic.contract;

import dev.mosaic.contract.internal.VersionedJson;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * {@link SeriesSnapshot} as a JSON object with {@code "version": 1} and one field per record
 * component; a series-state value of the compacted {@code incident-state} topic. Unknown fields are
 * ignored, another version is a {@link org.apache.kafka.common.errors.SerializationException}; null
 * is a tombstone both ways. Stateless and thread-safe; {@code close()} does nothing.
 */
public final class SeriesSnapshotSerde implements Serde<SeriesSnapshot> {
  public static final int VERSION = 1;
  private static final VersionedJson<SeriesSnapshot> JSON =
      new VersionedJson<>(SeriesSnapshot.class, VERSION);

  public static byte[] encode(SeriesSnapshot snapshot) {
    return JSON.encode(snapshot);
  }

  public static SeriesSnapshot decode(byte[] data) {
    return JSON.decode(data);
  }

  @Override
  public Serializer<SeriesSnapshot> serializer() {
    return (topic, snapshot) -> snapshot == null ? null : encode(snapshot);
  }

  @Override
  public Deserializer<SeriesSnapshot> deserializer() {
    return (topic, data) -> data == null ? null : decode(data);
  }
}
