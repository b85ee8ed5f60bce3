package dev.mosaic.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AggregateBatchWriterTest {
  private static final long START = 1_700_000_000_000L;

  @Test
  void writesTheBytesOfTheSerde() {
    List<AggregatePoint> points = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      // names of 1 to 300 chars and one beyond ASCII, so varint lengths of one and two bytes
      points.add(new AggregatePoint("n".repeat(i) + "\u00e9", i / 7.0, 1_700_000_000L + i));
    }
    AggregateBatchWriter writer = new AggregateBatchWriter(START, 10_000, 16);
    points.forEach(writer::add);

    assertThat(writer.points()).isEqualTo(300);
    assertThat(writer.toByteArray())
        .isEqualTo(AggregateBatchSerde.encode(new AggregateBatch(START, 10_000, points)));
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
        .isEqualTo(AggregateBatchSerde.encode(new AggregateBatch(START, 10_000, List.of())));
  }
}
