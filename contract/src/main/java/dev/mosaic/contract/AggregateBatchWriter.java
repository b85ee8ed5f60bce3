package dev.mosaic.contract;

import dev.mosaic.contract.internal.WireWriter;

/**
 * Builds one {@link AggregateBatch} record point by point, straight into bytes, in the layout
 * {@link AggregateBatchSerde} documents; its {@code encode} of a whole batch uses this writer too.
 *
 * <pre>
 * points → AggregateBatchWriter#add … → toByteArray() → Kafka record → AggregateBatchSerde.decode
 * </pre>
 *
 * <p>An aggregator publishing 100,000 series writes about half a million points per interval; this
 * lets it cut them into records while it encodes them, in one pass. After {@link #toByteArray()},
 * {@link #clear()} starts the next record of the same interval and reuses the buffer.
 *
 * <p>Not thread-safe. Names must not be null.
 */
public final class AggregateBatchWriter {
  private final long intervalStartMillis;
  private final long intervalMillis;
  private final WireWriter entries;
  private int points;

  /**
   * @param initialCapacity bytes to reserve for the entries; the buffer grows beyond it
   */
  public AggregateBatchWriter(long intervalStartMillis, long intervalMillis, int initialCapacity) {
    this.intervalStartMillis = intervalStartMillis;
    this.intervalMillis = intervalMillis;
    this.entries = new WireWriter(initialCapacity);
  }

  /** Appends one point. */
  public void add(AggregatePoint point) {
    int mark = entries.beginEntry();
    entries.writeString(point.name());
    entries.writeDouble(point.value());
    entries.writeVarLong(point.timestampSeconds());
    entries.endEntry(mark);
    points++;
  }

  /** Points added since the last {@link #clear()}. */
  public int points() {
    return points;
  }

  /** The record: the batch header, then every entry added. */
  public byte[] toByteArray() {
    WireWriter header = new WireWriter(32);
    header.writeByte(AggregateBatchSerde.VERSION);
    header.writeVarLong(intervalStartMillis);
    header.writeVarLong(intervalMillis);
    header.writeVarLong(points);
    byte[] record = new byte[header.size() + entries.size()];
    header.copyTo(record, 0);
    entries.copyTo(record, header.size());
    return record;
  }

  /** Forgets the points, keeping the interval and the buffer. */
  public void clear() {
    entries.clear();
    points = 0;
  }
}
