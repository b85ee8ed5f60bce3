package dev.mosaic.contract.internal;

import dev.mosaic.contract.MetricSample;
import dev.mosaic.contract.MetricType;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes version 2 of the samples topic's record format: the samples of one series (name and type)
 * as one run, its name written once. The layout is documented on {@link
 * dev.mosaic.contract.SampleBatchSerde}.
 *
 * <p>Runs are written in the order their series first appear in the batch, and the samples of a run
 * in the order they were received; samples of different series lose their relative order, which
 * nothing downstream uses (an aggregator keys intervals by receive time, per series).
 *
 * <p>Grouping uses an open-addressing table over arrays, not a {@code HashMap}: this runs on the
 * collector's receive threads for every sample, and a map would allocate a node and a run object
 * per series.
 */
public final class SampleRunsV2Writer {
  public static final int VERSION = 2;
  static final int FLAG_DELTA = 1;
  static final int FLAG_RATE = 2;
  static final int FLAG_INTEGER = 4;
  static final int KNOWN_FLAGS = FLAG_DELTA | FLAG_RATE | FLAG_INTEGER;

  /**
   * Integers strictly inside ±2^48 are written as a zigzag varint (at most 7 bytes, 1 for the
   * common 0–63); larger ones would take as many bytes as the 8 of a double, or more.
   */
  static final double INTEGER_BOUND = 0x1p48;

  private SampleRunsV2Writer() {}

  public static byte[] encode(List<MetricSample> samples) {
    int count = samples.size();
    Runs runs = new Runs(count);
    int[] runOf = new int[count];
    long base = Long.MAX_VALUE;
    for (int i = 0; i < count; i++) {
      MetricSample s = samples.get(i);
      runOf[i] = runs.add(s);
      base = Math.min(base, s.receivedAtMillis());
    }
    base = count == 0 ? 0 : base;
    // Counting sort of the sample indices by run: a stable grouping without a list per run.
    int[] next = new int[runs.size];
    for (int r = 1; r < runs.size; r++) {
      next[r] = next[r - 1] + runs.counts[r - 1];
    }
    int[] order = new int[count];
    for (int i = 0; i < count; i++) {
      order[next[runOf[i]]++] = i;
    }

    WireWriter out = new WireWriter(32 + count * 12 + runs.size * 40);
    out.writeByte(VERSION);
    out.writeVarLong(base);
    out.writeVarLong(runs.size);
    int i = 0;
    for (int r = 0; r < runs.size; r++) {
      MetricSample first = samples.get(order[i]);
      out.writeBytes(first.name().getBytes(StandardCharsets.UTF_8));
      out.writeByte(first.type().code());
      out.writeVarLong(runs.counts[r]);
      for (int end = i + runs.counts[r]; i < end; i++) {
        writeSample(out, samples.get(order[i]), base);
      }
    }
    return out.toByteArray();
  }

  private static void writeSample(WireWriter out, MetricSample s, long base) {
    boolean set = s.type() == MetricType.SET;
    boolean hasRate = s.sampleRate() != 1.0;
    boolean integer = !set && isSmallInteger(s.value());
    out.writeByte(
        (s.delta() ? FLAG_DELTA : 0) | (hasRate ? FLAG_RATE : 0) | (integer ? FLAG_INTEGER : 0));
    // base is the batch's minimum, so this is the true distance even where it exceeds
    // Long.MAX_VALUE: unsigned, and the reader's addition wraps back exactly.
    out.writeVarLong(s.receivedAtMillis() - base);
    if (set) {
      out.writeString(s.member());
    } else if (integer) {
      out.writeZigZagLong((long) s.value());
    } else {
      out.writeDouble(s.value());
    }
    if (hasRate) {
      out.writeDouble(s.sampleRate());
    }
  }

  /**
   * True for whole numbers in range; false for NaN, infinities and -0.0 (its sign would be lost).
   */
  static boolean isSmallInteger(double value) {
    return value > -INTEGER_BOUND
        && value < INTEGER_BOUND
        && value == (long) value
        && (value != 0 || Double.doubleToRawLongBits(value) == 0);
  }

  /**
   * The series of one batch, numbered in order of first appearance, found by (name, type) in a
   * linear-probing table at most half full.
   */
  private static final class Runs {
    final MetricSample[] firsts;
    final int[] counts;
    final int[] slots; // run number + 1; 0 is an empty slot
    final int mask;
    int size;

    Runs(int samples) {
      firsts = new MetricSample[samples];
      counts = new int[samples];
      int capacity = Integer.highestOneBit(Math.max(8, samples) * 2 - 1) << 1;
      slots = new int[capacity];
      mask = capacity - 1;
    }

    /** The run of the sample's series, created if new; counts the sample. */
    int add(MetricSample s) {
      // name hash spread over the table, the type mixed in: a name of two types is two series
      int h = (s.name().hashCode() * 31 + s.type().ordinal()) * 0x9E3779B9;
      for (int slot = (h ^ (h >>> 16)) & mask; ; slot = (slot + 1) & mask) {
        int run = slots[slot] - 1;
        if (run < 0) {
          slots[slot] = size + 1;
          firsts[size] = s;
          counts[size] = 1;
          return size++;
        }
        MetricSample first = firsts[run];
        if (first.type() == s.type() && first.name().equals(s.name())) {
          counts[run]++;
          return run;
        }
      }
    }
  }
}
