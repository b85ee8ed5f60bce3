package dev.mosaic.contract;

import dev.mosaic.contract.internal.SampleEntriesV1;
import dev.mosaic.contract.internal.SampleRunsV2Reader;
import dev.mosaic.contract.internal.SampleRunsV2Writer;
import dev.mosaic.contract.internal.WireReader;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The binary format of {@link SampleBatch}: writes version 2, reads versions 2 and 1. Compact
 * because the samples topic carries every line every client sends.
 *
 * <p>Version 2 groups the samples of one series — same name, same type — into a run that names it
 * once; each sample then takes a few bytes (typically 3 or 4 for a counter of 1 at full rate):
 *
 * <pre>
 * batch  := version:u8(=2) baseMillis:varint runCount:varint run*      (nothing after the last run)
 * run    := name:string type:u8 count:varint(&ge;1) sample{count}
 * sample := flags:u8 receivedAfterBase:varint value [sampleRate:f64 if flags&amp;2]
 * value  := member:string                       if type=SET
 *         | zigzag:varint                       if flags&amp;4 (an integer strictly inside &plusmn;2^48)
 *         | f64                                 otherwise
 * flags  := bit 0 gauge delta, bit 1 sample rate present (absent means 1.0), bit 2 integer value;
 *           other bits must be 0
 * string := length:varint utf8-bytes
 * </pre>
 *
 * <p>{@code baseMillis} is the smallest receive time of the batch and {@code receivedAfterBase}
 * each sample's distance from it (unsigned, wrapping). Order: runs in the order their series first
 * appeared in the batch; within a run, the order the samples were received. Samples of different
 * series lose their relative order, which aggregation never needed: it orders by receive time, and
 * only the order of one series' samples (a gauge set then moved) matters. The reader hands out one
 * name {@code String} instance per run.
 *
 * <p>Version 1 (still read: an older collector's records, during a rolling upgrade or from the
 * topic's retention):
 *
 * <pre>
 * batch  := version:u8(=1) count:varint entry*
 * entry  := length:varint type:u8 flags:u8 receivedAtMillis:varint name:string
 *           (member:string if type=SET | value:f64) [sampleRate:f64 if flags&amp;2] future-fields*
 * flags  := bit 0 gauge delta, bit 1 sample rate present (absent means 1.0)
 * </pre>
 *
 * <p>Compatibility: version 1 readers skip fields appended to an entry and unknown flag bits;
 * version 2 has no room for either, so any change to it is a new version. A version this reader
 * does not know is rejected with a {@link SerializationException}, as is any truncated or malformed
 * record. Upgrade order: aggregators (readers) before collectors (writers).
 *
 * <p>Thread safety: stateless; one instance may serve many threads. {@code close()} does nothing
 * and may be called repeatedly. Null data deserialises to null (a tombstone), and null serialises
 * to null.
 */
public final class SampleBatchSerde implements Serde<SampleBatch> {
  /** The version {@link #encode} writes. */
  public static final int VERSION = SampleRunsV2Writer.VERSION;

  /** The previous version, still read. */
  public static final int VERSION_1 = SampleEntriesV1.VERSION;

  public static byte[] encode(SampleBatch batch) {
    return SampleRunsV2Writer.encode(batch.samples());
  }

  /**
   * The batch in version 1, as a collector before version 2 wrote it: for tests and benchmarks of
   * mixed-version topics.
   */
  public static byte[] encodeVersion1(SampleBatch batch) {
    return SampleEntriesV1.encode(batch);
  }

  /**
   * @throws SerializationException if the record is of an unknown version, truncated or malformed
   */
  public static SampleBatch decode(byte[] data) {
    WireReader in = new WireReader(data);
    int version = in.readByte();
    return switch (version) {
      case SampleRunsV2Writer.VERSION -> SampleRunsV2Reader.decode(in);
      case SampleEntriesV1.VERSION -> SampleEntriesV1.decode(in);
      default ->
          throw new SerializationException(
              "SampleBatch format version "
                  + version
                  + " is not supported (this reader: "
                  + VERSION_1
                  + " to "
                  + VERSION
                  + ")");
    };
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
