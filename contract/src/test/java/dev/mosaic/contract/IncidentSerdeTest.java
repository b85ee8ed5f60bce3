package dev.mosaic.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class IncidentSerdeTest {
  static final Incident INCIDENT =
      new Incident(
          "3f2a9c0d11e4b7a2",
          "api-latency",
          "stats.timers.api.get.upper_90",
          SeriesState.CRITICAL,
          "page",
          Map.of("team", "api", "runbook", "https://runbooks/api"),
          "stats.timers.api.get.upper_90 is 612.5",
          1_700_000_000_000L,
          null,
          312.5,
          true,
          1_700_000_600_000L,
          false,
          List.of(
              new IncidentTransition(
                  1_700_000_000_000L, SeriesState.OK, SeriesState.WARNING, 312.5),
              new IncidentTransition(
                  1_700_000_010_000L, SeriesState.WARNING, SeriesState.CRITICAL, 612.5),
              new IncidentTransition(
                  1_700_000_020_000L, SeriesState.CRITICAL, SeriesState.UNKNOWN, null)));

  private final IncidentSerde serde = new IncidentSerde();

  @Test
  void incidentRoundTrips() {
    assertThat(serde.deserializer().deserialize("t", serde.serializer().serialize("t", INCIDENT)))
        .isEqualTo(INCIDENT);
  }

  @Test
  void nullIsATombstoneBothWays() {
    assertThat(serde.serializer().serialize("t", null)).isNull();
    assertThat(serde.deserializer().deserialize("t", null)).isNull();
  }

  @Test
  void fieldsAddedByANewerWriterAreIgnored() {
    String json =
        new String(IncidentSerde.encode(INCIDENT), StandardCharsets.UTF_8)
            .replaceFirst("\\{", "{\"escalationPolicy\":{\"steps\":[1,2]},");

    assertThat(IncidentSerde.decode(json.getBytes(StandardCharsets.UTF_8))).isEqualTo(INCIDENT);
  }

  @Test
  void anotherFormatVersionIsRejected() {
    String json =
        new String(IncidentSerde.encode(INCIDENT), StandardCharsets.UTF_8)
            .replace("\"version\":1", "\"version\":2");

    assertThatThrownBy(() -> IncidentSerde.decode(json.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("version 2");
  }
}
