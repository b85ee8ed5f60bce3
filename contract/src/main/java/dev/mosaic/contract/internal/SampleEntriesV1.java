package dev.mosaic.contract.internal;

import dev.mosaic.contract.MetricSample;
import dev.mosaic.contract.MetricType;
import dev.mosaic.contract.SampleBatch;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Version 1 of the samples topic's record format: one length-prefixed entry per sample, each with
 * its full name. Still read, because records an older collector wrote stay in the topic for its
 * retention and a rolling upgrade runs old collectors next to new aggregators; written only by
 * tests and benchmarks. The layout is documented on {@link dev.mosaic.contract.SampleBatchSerde}.
 */
public final class SampleEntriesV1 {
  public static final int VERSION = 1;
  private static final int FLAG_DELTA = 1;
  private static final int FLAG_RATE = 2;

  private SampleEntriesV1() {}

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

  /** Reads the entries that follow the version byte. */
  public static SampleBatch decode(WireReader in) {
    int count = in.readLength();
    List<MetricSample> samples = new ArrayList<>(Math.min(count, in.remaining() / 4));
    for (int i = 0; i < count; i++) {
      int length = in.readLength();
      int end = in.position() + length;
      MetricType type = SampleRunsV2Reader.readType(in);
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
      in.skipTo(end); // fields and flags a newer writer of version 1 appended
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
}
