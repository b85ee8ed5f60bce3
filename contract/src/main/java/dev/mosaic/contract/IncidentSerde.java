package dev.mosaic.contract;

import dev.mosaic.contract.internal.VersionedJson;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * {@link Incident} as a JSON object with {@code "version": 1} and one field per record component;
 * the value of the compacted {@code incident-state} topic. Unknown fields are ignored, another
 * version is a {@link org.apache.kafka.common.errors.SerializationException}; null is a tombstone
 * both ways. Stateless and thread-safe; {@code close()} does nothing.
 */
public final class IncidentSerde implements Serde<Incident> {
  public static final int VERSION = 1;
  private static final VersionedJson<Incident> JSON = new VersionedJson<>(Incident.class, VERSION);

  public static byte[] encode(Incident incident) {
    return JSON.encode(incident);
  }

  public static Incident decode(byte[] data) {
    return JSON.decode(data);
  }

  @Override
  public Serializer<Incident> serializer() {
    return (topic, incident) -> incident == null ? null : encode(incident);
  }

  @Override
  public Deserializer<Incident> deserializer() {
    return (topic, data) -> data == null ? null : decode(data);
  }
}
