package dev.mosaic.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mosaic.contract.internal.WireWriter;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class SampleBatchSerdeTest {
  private static final long AT = 1_700_000_000_123L;

  private final SampleBatchSerde serde = new SampleBatchSerde();

  @Test
  void everyKindOfSampleRoundTrips() {
    SampleBatch batch =
        new SampleBatch(
            List.of(
                MetricSample.counter("hits", 3, 0.1, AT),
                MetricSample.gauge("temp", -12.5, AT + 1),
                MetricSample.gaugeDelta("temp", 4, AT + 2),
                MetricSample.timer("db.get", 50.25, 1.0, AT + 3),
                MetricSample.set("users", "ünïcode-member", AT + 4),
                MetricSample.counter("x".repeat(300), Double.MAX_VALUE, 1.0, 0)));

    byte[] bytes = serde.serializer().serialize("t", batch);

    assertThat(serde.deserializer().deserialize("t", bytes)).isEqualTo(batch);
  }

  @Test
  void emptyBatchRoundTripsAndNullIsATombstone() {
    SampleBatch empty = new SampleBatch(List.of());
    assertThat(SampleBatchSerde.decode(SampleBatchSerde.encode(empty))).isEqualTo(empty);
    assertThat(serde.serializer().serialize("t", null)).isNull();
    assertThat(serde.deserializer().deserialize("t", null)).isNull();
  }

  @Test
  void fieldsAppendedByANewerWriterAreSkipped() {
    WireWriter out = new WireWriter(64);
    out.writeByte(SampleBatchSerde.VERSION);
    out.writeVarLong(2);
    for (String name : List.of("a", "b")) {
      int mark = out.beginEntry();
      out.writeByte(MetricType.COUNTER.code());
      out.writeByte(0x80); // a flag this reader does not know
      out.writeVarLong(AT);
      out.writeString(name);
      out.writeDouble(1);
      out.writeString("a future field, e.g. tags");
      out.endEntry(mark);
    }

    SampleBatch batch = SampleBatchSerde.decode(out.toByteArray());

    assertThat(batch.samples())
        .containsExactly(MetricSample.counter("a", 1, 1, AT), MetricSample.counter("b", 1, 1, AT));
  }

  @Test
  void anotherFormatVersionIsRejectedWithItsNumber() {
    byte[] bytes = SampleBatchSerde.encode(new SampleBatch(List.of()));
    bytes[0] = 2;
    assertThatThrownBy(() -> SampleBatchSerde.decode(bytes))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("version 2");
  }

  @Test
  void truncatedRecordsAreRejectedNotMisread() {
    byte[] bytes =
        SampleBatchSerde.encode(new SampleBatch(List.of(MetricSample.timer("t", 1, 1, AT))));
    for (int length = 1; length < bytes.length; length++) {
      byte[] cut = Arrays.copyOf(bytes, length);
      assertThatThrownBy(() -> SampleBatchSerde.decode(cut))
          .as("cut at %d", length)
          .isInstanceOf(SerializationException.class);
    }
  }

  @Test
  void anInvalidSampleIsASerializationError() {
    WireWriter out = new WireWriter(64);
    out.writeByte(SampleBatchSerde.VERSION);
    out.writeVarLong(1);
    int mark = out.beginEntry();
    out.writeByte(MetricType.COUNTER.code());
    out.writeByte(0);
    out.writeVarLong(AT);
    out.writeString(""); // empty names never leave a collector
    out.writeDouble(1);
    out.endEntry(mark);

    assertThatThrownBy(() -> SampleBatchSerde.decode(out.toByteArray()))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("empty");
  }
}
