package dev.mosaic.contract;

import dev.mosaic.contract.internal.VersionedJson;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * {@link IncidentEvent} as a JSON object with {@code "version": 1}; the value of the {@code
 * incidents} topic, keyed by incident id. Compatibility, threads, nulls and {@code close()}: as for
 * {@link IncidentSerde}.
 */
public final class IncidentEventSerde implements Serde<IncidentEvent> {
  public static final int VERSION = 1;
  private static final VersionedJson<IncidentEvent> JSON =
      new VersionedJson<>(IncidentEvent.class, VERSION);

  public static byte[] encode(IncidentEvent event) {
    return JSON.encode(event);
  }

  public static IncidentEvent decode(byte[] data) {
    return JSON.decode(data);
  }

  @Override
  public Serializer<IncidentEvent> serializer() {
    return (topic, event) -> event == null ? null : encode(event);
  }

  @Override
  public Deserializer<IncidentEvent> deserializer() {
    return (topic, data) -> data == null ? null : decode(data);
  }
}
