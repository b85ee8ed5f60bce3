package dev.mosaic.contract;

import dev.mosaic.contract.internal.WireReader;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The binary format of {@link AggregateBatch}, version 1.
 *
 * <pre>
 * batch := version:u8(=1) intervalStartMillis:varint intervalMillis:varint count:varint entry*
 * entry := length:varint name:string value:f64 timestampSeconds:varint future-fields*
 * </pre>
 *
 * <p>Compatibility, threads, nulls and {@code close()}: as for {@link SampleBatchSerde}.
 */
public final class AggregateBatchSerde implements Serde<AggregateBatch> {
  public static final int VERSION = 1;

  public static byte[] encode(AggregateBatch batch) {
    List<AggregatePoint> points = batch.points();
    AggregateBatchWriter out =
        new AggregateBatchWriter(
            batch.intervalStartMillis(), batch.intervalMillis(), points.size() * 48);
    points.forEach(out::add);
    return out.toByteArray();
  }

  public static AggregateBatch decode(byte[] data) {
    WireReader in = new WireReader(data);
    int version = in.readByte();
    if (version != VERSION) {
      throw new SerializationException(
          "AggregateBatch format version "
              + version
              + " is not supported (this reader: "
              + VERSION
              + ")");
    }
    long start = in.readVarLong();
    long length = in.readVarLong();
    int count = in.readLength();
    List<AggregatePoint> points = new ArrayList<>(Math.min(count, data.length / 4));
    for (int i = 0; i < count; i++) {
      int entryLength = in.readLength();
      int end = in.position() + entryLength;
      String name = in.readString();
      double value = in.readDouble();
      long ts = in.readVarLong();
      in.skipTo(end);
      points.add(new AggregatePoint(name, value, ts));
    }
    return new AggregateBatch(start, length, points);
  }

  @Override
  public Serializer<AggregateBatch> serializer() {
    return (topic, batch) -> batch == null ? null : encode(batch);
  }

  @Override
  public Deserializer<AggregateBatch> deserializer() {
    return (topic, data) -> data == null ? null : decode(data);
  }
}
