package dev.mosaic.contract.internal;

import dev.mosaic.contract.MetricSample;
import dev.mosaic.contract.MetricType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes version 2 of the samples topic's record format: the samples of one series (name and type)
 * as one run, its name written once. The layout is documented on {@link
 * dev.mosaic.contract.SampleBatchSerde}.
 *
 * <p>Runs are written in the order their series first appear in the batch, and the samples of a run
 * in the order they were received; samples of different series lose their relative order, which
 * nothing downstream uses (an aggregator keys intervals by receive time, per series).
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
    int[] runOf = new int[count];
    List<Run> runs = groupIntoRuns(samples, runOf);
    // Counting sort of the sample indices by run: a stable grouping without a list per run.
    int[] next = new int[runs.size()];
    for (int r = 1; r < runs.size(); r++) {
      next[r] = next[r - 1] + runs.get(r - 1).count;
    }
    int[] order = new int[count];
    for (int i = 0; i < count; i++) {
      order[next[runOf[i]]++] = i;
    }
    long base = Long.MAX_VALUE;
    for (MetricSample s : samples) {
      base = Math.min(base, s.receivedAtMillis());
    }
    base = count == 0 ? 0 : base;

    WireWriter out = new WireWriter(32 + count * 12 + runs.size() * 40);
    out.writeByte(VERSION);
    out.writeVarLong(base);
    out.writeVarLong(runs.size());
    int i = 0;
    for (Run run : runs) {
      out.writeBytes(run.name.getBytes(StandardCharsets.UTF_8));
      out.writeByte(run.type.code());
      out.writeVarLong(run.count);
      for (int end = i + run.count; i < end; i++) {
        writeSample(out, samples.get(order[i]), base);
      }
    }
    return out.toByteArray();
  }

  /** Fills {@code runOf} with each sample's run index; runs in order of first appearance. */
  private static List<Run> groupIntoRuns(List<MetricSample> samples, int[] runOf) {
    List<Run> runs = new ArrayList<>();
    Map<String, Run> byName = new HashMap<>(Math.max(16, samples.size()));
    for (int i = 0; i < runOf.length; i++) {
      MetricSample s = samples.get(i);
      Run first = byName.get(s.name());
      Run run = first;
      while (run != null && run.type != s.type()) {
        run = run.otherType;
      }
      if (run == null) {
        run = new Run(s.name(), s.type(), runs.size());
        runs.add(run);
        if (first == null) {
          byName.put(s.name(), run);
        } else { // one name used by two types, e.g. a counter and a timer called "api"
          run.otherType = first.otherType;
          first.otherType = run;
        }
      }
      run.count++;
      runOf[i] = run.index;
    }
    return runs;
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

  /** The samples of one series in one batch. */
  private static final class Run {
    final String name;
    final MetricType type;
    final int index;
    int count;
    Run otherType;

    Run(String name, MetricType type, int index) {
      this.name = name;
      this.type = type;
      this.index = index;
    }
  }
}
