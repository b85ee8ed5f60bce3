package dev.mosaic.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class IncidentEventSerdeTest {
  private static final IncidentEvent EVENT =
      new IncidentEvent(
          IncidentEvent.Kind.ESCALATED, 1_700_000_010_000L, true, IncidentSerdeTest.INCIDENT);

  private final IncidentEventSerde serde = new IncidentEventSerde();

  @Test
  void eventRoundTrips() {
    assertThat(serde.deserializer().deserialize("t", serde.serializer().serialize("t", EVENT)))
        .isEqualTo(EVENT);
  }

  @Test
  void kindAndVersionAreReadableJson() {
    String json = new String(IncidentEventSerde.encode(EVENT), StandardCharsets.UTF_8);

    assertThat(json).startsWith("{\"version\":1,\"kind\":\"ESCALATED\",\"atMillis\":1700000010000");
  }

  @Test
  void fieldsAddedByANewerWriterAreIgnored() {
    String json =
        new String(IncidentEventSerde.encode(EVENT), StandardCharsets.UTF_8)
            .replaceFirst("\\{", "{\"region\":\"eu\",");

    assertThat(IncidentEventSerde.decode(json.getBytes(StandardCharsets.UTF_8))).isEqualTo(EVENT);
  }

  @Test
  void anotherFormatVersionIsRejected() {
    String json =
        new String(IncidentEventSerde.encode(EVENT), StandardCharsets.UTF_8)
            .replace("\"version\":1", "\"version\":0");

    assertThatThrownBy(() -> IncidentEventSerde.decode(json.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("version 0");
  }

  @Test
  void garbageIsASerializationException() {
    assertThatThrownBy(() -> IncidentEventSerde.decode("not json".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(SerializationException.class);
  }
}
