package dev.mosaic.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mosaic.contract.internal.WireWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SampleBatchSerdeTest {
  private static final long AT = 1_700_000_000_123L;

  private final SampleBatchSerde serde = new SampleBatchSerde();

  @Test
  void everyKindOfSampleRoundTripsWithEachSeriesInOrder() {
    SampleBatch batch = new SampleBatch(everyKindOfSample());

    byte[] bytes = serde.serializer().serialize("t", batch);
    SampleBatch decoded = serde.deserializer().deserialize("t", bytes);

    assertThat(bytes[0]).isEqualTo((byte) 2);
    assertThat(bySeries(decoded.samples())).isEqualTo(bySeries(batch.samples()));
    assertThat(decoded.samples()).hasSameSizeAs(batch.samples());
  }

  @Test
  void samplesAreGroupedBySeriesInOrderOfFirstAppearance() {
    List<MetricSample> interleaved =
        List.of(
            MetricSample.counter("a", 1, 1, AT),
            MetricSample.gauge("b", 5, AT + 1),
            MetricSample.counter("a", 2, 1, AT + 2),
            MetricSample.timer("a", 3, 1, AT + 3), // same name, another type: another series
            MetricSample.gaugeDelta("b", -1, AT + 4),
            MetricSample.counter("a", 4, 1, AT + 5));

    List<MetricSample> decoded =
        SampleBatchSerde.decode(SampleBatchSerde.encode(new SampleBatch(interleaved))).samples();

    assertThat(decoded)
        .containsExactly(
            interleaved.get(0),
            interleaved.get(2),
            interleaved.get(5),
            interleaved.get(1),
            interleaved.get(4),
            interleaved.get(3));
  }

  @Test
  void aRunsSamplesShareOneNameInstance() {
    SampleBatch batch =
        new SampleBatch(
            List.of(
                MetricSample.counter(new String("hits"), 1, 1, AT),
                MetricSample.counter(new String("hits"), 1, 1, AT)));

    List<MetricSample> decoded = SampleBatchSerde.decode(SampleBatchSerde.encode(batch)).samples();

    assertThat(decoded.get(1).name()).isSameAs(decoded.get(0).name());
  }

  @Test
  void aSmallBatchHasExactlyTheDocumentedBytes() {
    SampleBatch batch =
        new SampleBatch(
            List.of(
                MetricSample.counter("ab", 1, 1, 1000),
                MetricSample.counter("ab", -2, 0.5, 1003),
                MetricSample.set("s", "m", 1001)));

    byte[] bytes = SampleBatchSerde.encode(batch);

    byte[] half = {0x3F, (byte) 0xE0, 0, 0, 0, 0, 0, 0};
    byte[] expected =
        concat(
            new byte[] {2, (byte) 0xE8, 0x07, 2}, // version, base 1000, two runs
            new byte[] {2, 'a', 'b', MetricType.COUNTER.code(), 2},
            new byte[] {4, 0, 2}, // integer, +0 ms, zigzag(1)
            new byte[] {6, 3, 3}, // integer and rate, +3 ms, zigzag(-2), then the rate
            half,
            new byte[] {1, 's', MetricType.SET.code(), 1},
            new byte[] {0, 1, 1, 'm'}); // +1 ms, member "m"
    assertThat(bytes).containsExactly(expected);
  }

  @ParameterizedTest
  @ValueSource(
      doubles = {
        0.0,
        -0.0,
        1.0,
        -1.0,
        63,
        64,
        0.5,
        281_474_976_710_655.0, // 2^48 - 1, the largest written as a varint
        -281_474_976_710_655.0,
        281_474_976_710_656.0, // 2^48, written as a double
        9_007_199_254_740_993.0,
        1e300,
        Double.MAX_VALUE,
        -Double.MAX_VALUE,
        Double.MIN_VALUE,
        Double.POSITIVE_INFINITY,
        Double.NEGATIVE_INFINITY,
        Double.NaN // parsers reject it, but the format carries any double bit for bit
      })
  void everyValueRoundTripsBitForBit(double value) {
    MetricSample sample = MetricSample.gauge("g", value, AT);

    MetricSample decoded =
        SampleBatchSerde.decode(SampleBatchSerde.encode(new SampleBatch(List.of(sample))))
            .samples()
            .get(0);

    assertThat(Double.doubleToRawLongBits(decoded.value()))
        .isEqualTo(Double.doubleToRawLongBits(value));
  }

  @Test
  void receiveTimesAtTheExtremesRoundTrip() {
    List<MetricSample> samples =
        List.of(
            MetricSample.counter("t", 1, 1, Long.MAX_VALUE),
            MetricSample.counter("t", 1, 1, Long.MIN_VALUE),
            MetricSample.counter("t", 1, 1, 0),
            MetricSample.counter("t", 1, 1, -1));

    assertThat(SampleBatchSerde.decode(SampleBatchSerde.encode(new SampleBatch(samples))).samples())
        .containsExactlyElementsOf(samples);
  }

  @Test
  void emptyBatchRoundTripsAndNullIsATombstone() {
    SampleBatch empty = new SampleBatch(List.of());
    assertThat(SampleBatchSerde.decode(SampleBatchSerde.encode(empty))).isEqualTo(empty);
    assertThat(serde.serializer().serialize("t", null)).isNull();
    assertThat(serde.deserializer().deserialize("t", null)).isNull();
  }

  @Test
  void repeatedSeriesTakeAFractionOfVersion1sBytes() {
    List<MetricSample> samples = new ArrayList<>();
    for (int i = 0; i < 1_000; i++) {
      samples.add(MetricSample.counter("app.host" + (i % 10) + ".requests", 1, 1, AT + i % 100));
    }
    SampleBatch batch = new SampleBatch(samples);

    int v2 = SampleBatchSerde.encode(batch).length;
    int v1 = SampleBatchSerde.encodeVersion1(batch).length;

    assertThat(v2).isLessThan(v1 / 5);
  }

  @Test
  void version1RecordsOfAnOlderCollectorStillDecodeInTheirOrder() {
    SampleBatch batch = new SampleBatch(everyKindOfSample());

    byte[] v1 = SampleBatchSerde.encodeVersion1(batch);

    assertThat(v1[0]).isEqualTo((byte) 1);
    assertThat(SampleBatchSerde.decode(v1)).isEqualTo(batch);
  }

  @Test
  void fieldsAppendedByANewerVersion1WriterAreSkipped() {
    WireWriter out = new WireWriter(64);
    out.writeByte(SampleBatchSerde.VERSION_1);
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
  void anUnknownFormatVersionIsRejectedWithItsNumber() {
    byte[] bytes = SampleBatchSerde.encode(new SampleBatch(List.of()));
    bytes[0] = 3;
    assertThatThrownBy(() -> SampleBatchSerde.decode(bytes))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("version 3");
  }

  @Test
  void truncatedRecordsAreRejectedNotMisread() {
    for (byte[] bytes :
        List.of(
            SampleBatchSerde.encode(new SampleBatch(everyKindOfSample())),
            SampleBatchSerde.encodeVersion1(new SampleBatch(everyKindOfSample())))) {
      for (int length = 1; length < bytes.length; length++) {
        byte[] cut = Arrays.copyOf(bytes, length);
        assertThatThrownBy(() -> SampleBatchSerde.decode(cut))
            .as("version %d cut at %d", bytes[0], length)
            .isInstanceOf(SerializationException.class);
      }
    }
  }

  @Test
  void anUnknownFlagIsRejected() {
    assertMalformed(
        out -> run(out, "c", MetricType.COUNTER, 1, 0x08, 0, 1), "unknown sample flags");
  }

  @Test
  void anEmptyRunIsRejected() {
    assertMalformed(
        out -> {
          out.writeString("c");
          out.writeByte(MetricType.COUNTER.code());
          out.writeVarLong(0);
        },
        "holds no samples");
  }

  @Test
  void anIntegerSetMemberIsRejected() {
    assertMalformed(out -> run(out, "s", MetricType.SET, 1, 0x04, 0, 1), "integer value");
  }

  @Test
  void aDeltaOnACounterIsRejectedAsAnInvalidSample() {
    assertMalformed(out -> run(out, "c", MetricType.COUNTER, 1, 0x05, 0, 1), "only gauges");
  }

  @Test
  void anEmptyNameIsRejectedAsAnInvalidSample() {
    assertMalformed(out -> run(out, "", MetricType.COUNTER, 1, 0x04, 0, 1), "empty");
  }

  @Test
  void anUnknownTypeIsRejected() {
    assertMalformed(out -> run(out, "x", null, 1, 0x04, 0, 1), "type");
  }

  @Test
  void aRunClaimingMoreSamplesThanTheRecordHoldsIsRejected() {
    assertMalformed(out -> run(out, "c", MetricType.COUNTER, 1_000_000, 0x04, 0, 1), "claims");
  }

  @Test
  void bytesAfterTheLastRunAreRejected() {
    byte[] good = SampleBatchSerde.encode(new SampleBatch(List.of(MetricSample.gauge("g", 1, AT))));
    byte[] padded = Arrays.copyOf(good, good.length + 1);
    assertThatThrownBy(() -> SampleBatchSerde.decode(padded))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("after the last run");
  }

  @Test
  void anInvalidVersion1SampleIsASerializationError() {
    WireWriter out = new WireWriter(64);
    out.writeByte(SampleBatchSerde.VERSION_1);
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

  private static List<MetricSample> everyKindOfSample() {
    return List.of(
        MetricSample.counter("hits", 3, 0.1, AT),
        MetricSample.gauge("temp", -12.5, AT + 1),
        MetricSample.counter("hits", 1, 1, AT + 1),
        MetricSample.gaugeDelta("temp", 4, AT + 2),
        MetricSample.timer("db.get", 50.25, 1.0, AT + 3),
        MetricSample.timer("hits", 7, 0.5, AT - 5), // a name shared by two types
        MetricSample.set("users", "ünïcode-member", AT + 4),
        MetricSample.set("users", "", AT + 4),
        MetricSample.gauge("temp", 0, AT + 9),
        MetricSample.counter("x".repeat(300), Double.MAX_VALUE, 1.0, 0),
        MetricSample.counter("ñame.ü", -1_000_000, Double.MIN_VALUE, AT + 100_000));
  }

  /** Each series' samples in order; the series themselves in no order. */
  private static Map<String, List<MetricSample>> bySeries(List<MetricSample> samples) {
    Map<String, List<MetricSample>> series = new HashMap<>();
    for (MetricSample s : samples) {
      series.computeIfAbsent(s.type() + " " + s.name(), k -> new ArrayList<>()).add(s);
    }
    return series;
  }

  /** One version 2 run of {@code count} samples with the given flags, delta and zigzag value. */
  private static void run(
      WireWriter out, String name, MetricType type, int count, int flags, long delta, long value) {
    out.writeString(name);
    out.writeByte(type == null ? 'x' : type.code());
    out.writeVarLong(count);
    for (int i = 0; i < Math.min(count, 2); i++) {
      out.writeByte(flags);
      out.writeVarLong(delta);
      out.writeZigZagLong(value);
    }
  }

  private static void assertMalformed(Consumer<WireWriter> runs, String message) {
    WireWriter out = new WireWriter(64);
    out.writeByte(SampleBatchSerde.VERSION);
    out.writeVarLong(AT);
    out.writeVarLong(1);
    runs.accept(out);
    assertThatThrownBy(() -> SampleBatchSerde.decode(out.toByteArray()))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining(message);
  }

  private static byte[] concat(byte[]... parts) {
    int length = 0;
    for (byte[] part : parts) {
      length += part.length;
    }
    byte[] all = new byte[length];
    int at = 0;
    for (byte[] part : parts) {
      System.arraycopy(part, 0, all, at, part.length);
      at += part.length;
    }
    return all;
  }
}
