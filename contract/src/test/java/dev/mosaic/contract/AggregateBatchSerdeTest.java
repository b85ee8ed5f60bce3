package dev.mosaic.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mosaic.contract.internal.WireWriter;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class AggregateBatchSerdeTest {
  private final AggregateBatchSerde serde = new AggregateBatchSerde();

  @Test
  void pointsRoundTrip() {
    AggregateBatch batch =
        new AggregateBatch(
            1_700_000_000_000L,
            10_000,
            List.of(
                new AggregatePoint("stats.hits", 0.3, 1_700_000_000L),
                new AggregatePoint("stats_counts.hits", 3, 1_700_000_000L),
                new AggregatePoint("stats.timers.db.get.std", 1.0 / 3, 1_700_000_000L)));

    assertThat(serde.deserializer().deserialize("t", serde.serializer().serialize("t", batch)))
        .isEqualTo(batch);
  }

  @Test
  void fieldsAppendedByANewerWriterAreSkipped() {
    WireWriter out = new WireWriter(64);
    out.writeByte(AggregateBatchSerde.VERSION);
    out.writeVarLong(10_000);
    out.writeVarLong(10_000);
    out.writeVarLong(1);
    int mark = out.beginEntry();
    out.writeString("stats.gauges.temp");
    out.writeDouble(21.5);
    out.writeVarLong(10);
    out.writeDouble(42); // a future field
    out.endEntry(mark);

    assertThat(AggregateBatchSerde.decode(out.toByteArray()).points())
        .containsExactly(new AggregatePoint("stats.gauges.temp", 21.5, 10));
  }

  @Test
  void anotherFormatVersionIsRejected() {
    byte[] bytes = AggregateBatchSerde.encode(new AggregateBatch(0, 10_000, List.of()));
    bytes[0] = 9;
    assertThatThrownBy(() -> AggregateBatchSerde.decode(bytes))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("version 9");
  }
}
