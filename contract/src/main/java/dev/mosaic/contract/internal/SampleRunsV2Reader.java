package dev.mosaic.contract.internal;

import dev.mosaic.contract.MetricSample;
import dev.mosaic.contract.MetricType;
import dev.mosaic.contract.SampleBatch;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Reads what {@link SampleRunsV2Writer} wrote. Every sample of a run shares one name {@code String}
 * instance, so a consumer may recognise the next sample of the same series by reference.
 */
public final class SampleRunsV2Reader {
  /** The fewest bytes a sample can take: flags, a one-byte time delta, a one-byte value. */
  private static final int MIN_SAMPLE_BYTES = 3;

  private SampleRunsV2Reader() {}

  /** Reads the runs that follow the version byte; the record must end with the last run. */
  public static SampleBatch decode(WireReader in) {
    long base = in.readVarLong();
    int runCount = in.readLength();
    List<MetricSample> samples = new ArrayList<>(Math.min(runCount, in.remaining()));
    for (int r = 0; r < runCount; r++) {
      String name = in.readString();
      MetricType type = readType(in);
      int count = in.readLength();
      if (count == 0) {
        throw new SerializationException("run " + r + " (" + name + ") holds no samples");
      }
      if (count > in.remaining() / MIN_SAMPLE_BYTES) {
        throw new SerializationException(
            "record truncated: run " + r + " claims " + count + " samples");
      }
      for (int i = 0; i < count; i++) {
        samples.add(readSample(in, name, type, base, r));
      }
    }
    if (in.hasRemaining()) {
      throw new SerializationException(
          in.remaining() + " bytes after the last run at offset " + in.position());
    }
    return new SampleBatch(samples);
  }

  private static MetricSample readSample(
      WireReader in, String name, MetricType type, long base, int run) {
    int flags = in.readByte();
    if ((flags & ~SampleRunsV2Writer.KNOWN_FLAGS) != 0) {
      throw new SerializationException(
          "unknown sample flags 0x" + Integer.toHexString(flags) + " in run " + run);
    }
    long receivedAt = base + in.readVarLong();
    boolean integer = (flags & SampleRunsV2Writer.FLAG_INTEGER) != 0;
    String member = null;
    double value = 0;
    if (type == MetricType.SET) {
      if (integer) {
        throw new SerializationException("a set sample with an integer value in run " + run);
      }
      member = in.readString();
    } else if (integer) {
      value = in.readZigZagLong();
    } else {
      value = in.readDouble();
    }
    double rate = (flags & SampleRunsV2Writer.FLAG_RATE) != 0 ? in.readDouble() : 1.0;
    try {
      return new MetricSample(
          name,
          type,
          value,
          member,
          (flags & SampleRunsV2Writer.FLAG_DELTA) != 0,
          rate,
          receivedAt);
    } catch (IllegalArgumentException e) {
      throw new SerializationException("invalid sample in run " + run + ": " + e.getMessage(), e);
    }
  }

  /** A type code, or a {@link SerializationException} naming the unknown one. */
  static MetricType readType(WireReader in) {
    int code = in.readByte();
    try {
      return MetricType.fromCode((byte) code);
    } catch (IllegalArgumentException e) {
      throw new SerializationException(e.getMessage(), e);
    }
  }
}
