package dev.mosaic.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class SeriesSnapshotSerdeTest {
  static final SeriesSnapshot SNAPSHOT =
      new SeriesSnapshot(
          "api-latency",
          "stats.timers.api.get.upper_90",
          SeriesState.WARNING,
          SeriesState.CRITICAL,
          2,
          1_700_000_000_000L,
          List.of(SeriesState.OK, SeriesState.WARNING, SeriesState.CRITICAL, SeriesState.CRITICAL),
          true);

  private final SeriesSnapshotSerde serde = new SeriesSnapshotSerde();

  @Test
  void snapshotRoundTrips() {
    assertThat(serde.deserializer().deserialize("t", serde.serializer().serialize("t", SNAPSHOT)))
        .isEqualTo(SNAPSHOT);
  }

  @Test
  void aSnapshotWithoutPendingStateRoundTrips() {
    SeriesSnapshot idle =
        new SeriesSnapshot("disk", "stats.gauges.db.free", SeriesState.OK, null, 0, 5, null, false);

    assertThat(SeriesSnapshotSerde.decode(SeriesSnapshotSerde.encode(idle))).isEqualTo(idle);
  }

  @Test
  void nullIsATombstoneBothWays() {
    assertThat(serde.serializer().serialize("t", null)).isNull();
    assertThat(serde.deserializer().deserialize("t", null)).isNull();
  }

  @Test
  void fieldsAddedByANewerWriterAreIgnored() {
    String json =
        new String(SeriesSnapshotSerde.encode(SNAPSHOT), StandardCharsets.UTF_8)
            .replaceFirst("\\{", "{\"lastValue\":12.5,");

    assertThat(SeriesSnapshotSerde.decode(json.getBytes(StandardCharsets.UTF_8)))
        .isEqualTo(SNAPSHOT);
  }

  @Test
  void anotherFormatVersionIsRejected() {
    String json =
        new String(SeriesSnapshotSerde.encode(SNAPSHOT), StandardCharsets.UTF_8)
            .replace("\"version\":1", "\"version\":2");

    assertThatThrownBy(() -> SeriesSnapshotSerde.decode(json.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("version 2");
  }

  @Test
  void theKeyNamesCheckAndSeriesAndNeverLooksLikeAnIncidentId() {
    assertThat(SNAPSHOT.key()).isEqualTo("series/api-latency/stats.timers.api.get.upper_90");
    assertThat(SNAPSHOT.key()).startsWith(SeriesSnapshot.KEY_PREFIX);
  }
}
