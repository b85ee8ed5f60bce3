package dev.mosaic.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mosaic.contract.internal.WireWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AggregateBatchWriterTest {
  private static final long START = 1_700_000_000_000L;

  @Test
  void writesTheDocumentedLayout() {
    List<AggregatePoint> points = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      // names of 1 to 300 chars and one beyond ASCII, so varint lengths of one and two bytes
      points.add(new AggregatePoint("n".repeat(i) + "\u00e9", i / 7.0, 1_700_000_000L + i));
    }
    AggregateBatchWriter writer = new AggregateBatchWriter(START, 10_000, 16);
    points.forEach(writer::add);

    assertThat(writer.points()).isEqualTo(300);
    assertThat(writer.toByteArray()).isEqualTo(layout(points));
  }

  @Test
  void clearStartsTheNextRecordOfTheSameInterval() {
    AggregateBatchWriter writer = new AggregateBatchWriter(START, 10_000, 64);
    writer.add(new AggregatePoint("stats.a", 1, 1_700_000_000L));
    writer.toByteArray();

    writer.clear();
    writer.add(new AggregatePoint("stats.b", 2, 1_700_000_000L));

    assertThat(AggregateBatchSerde.decode(writer.toByteArray()))
        .isEqualTo(
            new AggregateBatch(
                START, 10_000, List.of(new AggregatePoint("stats.b", 2, 1_700_000_000L))));
  }

  @Test
  void anEmptyWriterWritesAnEmptyBatch() {
    assertThat(new AggregateBatchWriter(START, 10_000, 0).toByteArray())
        .isEqualTo(layout(List.of()));
  }

  /**
   * Version 1 as {@link AggregateBatchSerde} documents it, written field by field here, apart from
   * the writer (which {@code AggregateBatchSerde.encode} now uses too).
   */
  private static byte[] layout(List<AggregatePoint> points) {
    WireWriter out = new WireWriter(64);
    out.writeByte(AggregateBatchSerde.VERSION);
    out.writeVarLong(START);
    out.writeVarLong(10_000);
    out.writeVarLong(points.size());
    for (AggregatePoint p : points) {
      int mark = out.beginEntry();
      out.writeString(p.name());
      out.writeDouble(p.value());
      out.writeVarLong(p.timestampSeconds());
      out.endEntry(mark);
    }
    return out.toByteArray();
  }
}
