package dev.mosaic.collector.publish;

import dev.mosaic.contract.MetricSample;
import dev.mosaic.contract.MetricType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One partition's open batch, in which repeated samples of a series received in the same second are
 * folded into one entry wherever the aggregator's result stays the same to the last bit.
 *
 * <pre>
 * SampleBatcher.add → FoldingBatch.add (entries, fold table) → drain() → SampleBatch
 * </pre>
 *
 * <p>Rules, per series (name and type; for sets name and member), always against the series' latest
 * entry in this batch and only when both were received in the same second — the aggregator's
 * intervals are whole seconds, so a fold never spans two intervals:
 *
 * <ul>
 *   <li>counter: the contribution {@code value * (1 / sampleRate)}, computed as the aggregator
 *       does, is added to the entry when both are {@linkplain InexactNames#isExact exact integers}
 *       and the name never had a fraction ({@link InexactNames}); the entry then has rate 1;
 *   <li>gauge: an absolute value replaces the entry (whatever it was); a delta after an absolute
 *       entry is added to it, the very addition the aggregator would do next; a delta after a delta
 *       entry is added only under the counter's integer rule;
 *   <li>set: a member already in the batch for that second is dropped;
 *   <li>timer: never folded, every value counts in the statistics.
 * </ul>
 *
 * Anything else becomes a new entry, which is then the series' latest. An entry of one input is
 * published as the very sample received; a folded entry as a new {@code MetricSample} with the
 * latest input's receive time. With folding off every sample is an entry.
 *
 * <p>The fold table is open addressing over arrays, not a map, as in the samples writer: this runs
 * for every sample on a receive thread. Not thread-safe; the batcher's lock guards it.
 */
final class FoldingBatch {
  private static final int INITIAL_CAPACITY = 64;

  private final boolean fold;
  private final InexactNames inexact;
  private MetricSample[] firsts = new MetricSample[INITIAL_CAPACITY];
  // The series key of each entry beside it, so that probing reads no MetricSample.
  private String[] names = new String[INITIAL_CAPACITY];
  private MetricType[] types = new MetricType[INITIAL_CAPACITY];
  private double[] values = new double[INITIAL_CAPACITY];
  private long[] receivedAt = new long[INITIAL_CAPACITY];
  private int[] inputs = new int[INITIAL_CAPACITY];
  private boolean[] absolute = new boolean[INITIAL_CAPACITY]; // gauge entries: sets the level
  private boolean[] inexactName = new boolean[INITIAL_CAPACITY]; // InexactNames, looked up once
  private int[] slots = new int[INITIAL_CAPACITY * 2]; // latest entry + 1 per series; 0 is free
  private int size;
  private int folded;

  FoldingBatch(boolean fold, InexactNames inexact) {
    this.fold = fold;
    this.inexact = inexact;
  }

  /** Entries so far: what the batch limits count. */
  int size() {
    return size;
  }

  /** Samples folded away (into an entry, or dropped as a repeated set member) since the drain. */
  int folded() {
    return folded;
  }

  /**
   * Adds a sample.
   *
   * @return true if it became a new entry, false if it was folded into one
   */
  boolean add(MetricSample sample) {
    if (!fold || sample.type() == MetricType.TIMER) {
      append(sample, sample.value());
      return true;
    }
    if (size * 2 >= slots.length) {
      growTable();
    }
    int slot = slotOf(sample);
    int latest = slots[slot] - 1;
    boolean sameSecond = latest >= 0 && secondOf(receivedAt[latest]) == secondOf(sample);
    boolean merged =
        sameSecond
            && switch (sample.type()) {
              case COUNTER -> foldCounter(latest, sample);
              case GAUGE -> foldGauge(latest, sample);
              case SET -> true; // the member is part of the series: a repeat adds nothing
              case TIMER -> false;
            };
    if (merged) {
      if (sample.type() != MetricType.SET) {
        inputs[latest]++;
        receivedAt[latest] = Math.max(receivedAt[latest], sample.receivedAtMillis());
      }
      folded++;
      return false;
    }
    double value =
        sample.type() == MetricType.COUNTER
            ? sample.value() * (1 / sample.sampleRate())
            : sample.value();
    int entry = append(sample, value);
    inexactName[entry] = latest >= 0 ? inexactName[latest] : isInexact(sample);
    markIfInexact(entry);
    slots[slot] = entry + 1;
    return true;
  }

  private boolean foldCounter(int entry, MetricSample sample) {
    // The aggregator's own expression, so that the contribution has the same bits.
    double contribution = sample.value() * (1 / sample.sampleRate());
    double sum = values[entry] + contribution;
    if (inexactName[entry] || !InexactNames.isExact(contribution) || !InexactNames.isExact(sum)) {
      return false;
    }
    values[entry] = sum;
    return true;
  }

  private boolean foldGauge(int entry, MetricSample sample) {
    double value = sample.value();
    if (!sample.delta()) {
      values[entry] = value; // the aggregator forgets everything before a set
      absolute[entry] = true;
    } else if (absolute[entry]) {
      values[entry] = values[entry] + value; // what the aggregator adds after the set, in order
    } else {
      double sum = values[entry] + value;
      if (inexactName[entry] || !InexactNames.isExact(value) || !InexactNames.isExact(sum)) {
        return false;
      }
      values[entry] = sum;
    }
    markIfInexact(entry);
    return true;
  }

  private boolean isInexact(MetricSample sample) {
    return switch (sample.type()) {
      case COUNTER -> inexact.counter(sample.name());
      case GAUGE -> inexact.gauge(sample.name());
      case SET, TIMER -> false;
    };
  }

  /** Remembers the name for good once an entry of it holds a value that is not exact. */
  private void markIfInexact(int entry) {
    if (inexactName[entry] || InexactNames.isExact(values[entry])) {
      return;
    }
    inexactName[entry] = true;
    MetricSample first = firsts[entry];
    if (first.type() == MetricType.COUNTER) {
      inexact.markCounter(first.name());
    } else if (first.type() == MetricType.GAUGE) {
      inexact.markGauge(first.name());
    }
  }

  /** The batch's samples, one per entry in order of arrival, and an empty batch to go on with. */
  List<MetricSample> drain() {
    List<MetricSample> out = new ArrayList<>(size);
    for (int e = 0; e < size; e++) {
      out.add(inputs[e] == 1 ? firsts[e] : foldedSample(e));
    }
    Arrays.fill(firsts, 0, size, null);
    Arrays.fill(names, 0, size, null);
    if (fold) {
      Arrays.fill(slots, 0);
    }
    size = 0;
    folded = 0;
    return out;
  }

  private MetricSample foldedSample(int e) {
    MetricSample first = firsts[e];
    return switch (first.type()) {
      case COUNTER -> MetricSample.counter(first.name(), values[e], 1.0, receivedAt[e]);
      case GAUGE ->
          absolute[e]
              ? MetricSample.gauge(first.name(), values[e], receivedAt[e])
              : MetricSample.gaugeDelta(first.name(), values[e], receivedAt[e]);
      case SET, TIMER -> first; // never folded: a repeated member is dropped, timers are kept
    };
  }

  private int append(MetricSample sample, double value) {
    if (size == firsts.length) {
      growEntries();
    }
    int e = size++;
    firsts[e] = sample;
    names[e] = sample.name();
    types[e] = sample.type();
    values[e] = value;
    receivedAt[e] = sample.receivedAtMillis();
    inputs[e] = 1;
    absolute[e] = sample.type() == MetricType.GAUGE && !sample.delta();
    inexactName[e] = false;
    return e;
  }

  /**
   * The slot of the sample's series: the one holding its latest entry, or the free one where it
   * goes. Names are compared by instance first: the receive path hands out one per known name.
   */
  private int slotOf(MetricSample s) {
    String name = s.name();
    MetricType type = s.type();
    String member = s.member();
    int h = (name.hashCode() * 31 + type.ordinal()) * 31 + (member == null ? 0 : member.hashCode());
    h *= 0x9E3779B9;
    int mask = slots.length - 1;
    for (int slot = (h ^ (h >>> 16)) & mask; ; slot = (slot + 1) & mask) {
      int entry = slots[slot] - 1;
      if (entry < 0) {
        return slot;
      }
      String otherName = names[entry];
      if (types[entry] == type
          && (otherName == name || otherName.equals(name))
          && (member == null || member.equals(firsts[entry].member()))) {
        return slot;
      }
    }
  }

  private void growEntries() {
    int capacity = firsts.length * 2;
    firsts = Arrays.copyOf(firsts, capacity);
    names = Arrays.copyOf(names, capacity);
    types = Arrays.copyOf(types, capacity);
    values = Arrays.copyOf(values, capacity);
    receivedAt = Arrays.copyOf(receivedAt, capacity);
    inputs = Arrays.copyOf(inputs, capacity);
    absolute = Arrays.copyOf(absolute, capacity);
    inexactName = Arrays.copyOf(inexactName, capacity);
  }

  /** Doubles the table; entries are re-inserted in order, so each series keeps its latest. */
  private void growTable() {
    slots = new int[slots.length * 2];
    for (int e = 0; e < size; e++) {
      if (types[e] != MetricType.TIMER) {
        slots[slotOf(firsts[e])] = e + 1;
      }
    }
  }

  private static long secondOf(long millis) {
    return Math.floorDiv(millis, 1000);
  }

  private static long secondOf(MetricSample sample) {
    return secondOf(sample.receivedAtMillis());
  }
}
