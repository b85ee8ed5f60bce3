package dev.mosaic.contract;

import dev.mosaic.contract.internal.WireReader;
import dev.mosaic.contract.internal.WireWriter;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The binary format of {@link SampleBatch}, version 1. Compact because the samples topic carries
 * every line every client sends.
 *
 * <pre>
 * batch  := version:u8(=1) count:varint entry*
 * entry  := length:varint type:u8 flags:u8 receivedAtMillis:varint name:string
 *           (member:string if type=SET | value:f64) [sampleRate:f64 if flags&amp;2] future-fields*
 * string := length:varint utf8-bytes
 * flags  := bit 0 gauge delta, bit 1 sample rate present (absent means 1.0)
 * </pre>
 *
 * <p>Compatibility: a newer writer may append fields to an entry and set new flag bits; this reader
 * skips both using the entry's length. A different version byte is an incompatible format and is
 * rejected with a {@link SerializationException}, as is any truncated or malformed record.
 *
 * <p>Thread safety: stateless; one instance may serve many threads. {@code close()} does nothing
 * and may be called repeatedly. Null data deserialises to null (a tombstone), and null serialises
 * to null.
 */
public final class SampleBatchSerde implements Serde<SampleBatch> {
  public static final int VERSION = 1;
  private static final int FLAG_DELTA = 1;
  private static final int FLAG_RATE = 2;

  public static byte[] encode(SampleBatch batch) {
    List<MetricSample> samples = batch.samples();
    WireWriter out = new WireWriter(16 + samples.size() * 48);
    out.writeByte(VERSION);
    out.writeVarLong(samples.size());
    for (MetricSample s : samples) {
      int mark = out.beginEntry();
      out.writeByte(s.type().code());
      boolean hasRate = s.sampleRate() != 1.0;
      out.writeByte((s.delta() ? FLAG_DELTA : 0) | (hasRate ? FLAG_RATE : 0));
      out.writeVarLong(s.receivedAtMillis());
      out.writeString(s.name());
      if (s.type() == MetricType.SET) {
        out.writeString(s.member());
      } else {
        out.writeDouble(s.value());
      }
      if (hasRate) {
        out.writeDouble(s.sampleRate());
      }
      out.endEntry(mark);
    }
    return out.toByteArray();
  }

  public static SampleBatch decode(byte[] data) {
    WireReader in = new WireReader(data);
    int version = in.readByte();
    if (version != VERSION) {
      throw new SerializationException(
          "SampleBatch format version "
              + version
              + " is not supported (this reader: "
              + VERSION
              + ")");
    }
    int count = in.readLength();
    List<MetricSample> samples = new ArrayList<>(Math.min(count, data.length / 4));
    for (int i = 0; i < count; i++) {
      int length = in.readLength();
      int end = in.position() + length;
      MetricType type = decodeType(in.readByte());
      int flags = in.readByte();
      long receivedAt = in.readVarLong();
      String name = in.readString();
      String member = null;
      double value = 0;
      if (type == MetricType.SET) {
        member = in.readString();
      } else {
        value = in.readDouble();
      }
      double rate = (flags & FLAG_RATE) != 0 ? in.readDouble() : 1.0;
      in.skipTo(end);
      try {
        samples.add(
            new MetricSample(
                name, type, value, member, (flags & FLAG_DELTA) != 0, rate, receivedAt));
      } catch (IllegalArgumentException e) {
        throw new SerializationException("invalid sample " + i + ": " + e.getMessage(), e);
      }
    }
    return new SampleBatch(samples);
  }

  private static MetricType decodeType(int code) {
    try {
      return MetricType.fromCode((byte) code);
    } catch (IllegalArgumentException e) {
      throw new SerializationException(e.getMessage(), e);
    }
  }

  @Override
  public Serializer<SampleBatch> serializer() {
    return (topic, batch) -> batch == null ? null : encode(batch);
  }

  @Override
  public Deserializer<SampleBatch> deserializer() {
    return (topic, data) -> data == null ? null : decode(data);
  }
}
