package dev.mosaic.contract.internal;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Reads what {@link WireWriter} wrote; every malformed input becomes a {@link
 * SerializationException}.
 */
public final class WireReader {
  private final byte[] bytes;
  private int position;
  private final int limit;

  public WireReader(byte[] bytes) {
    this.bytes = bytes;
    this.limit = bytes.length;
  }

  public int position() {
    return position;
  }

  public boolean hasRemaining() {
    return position < limit;
  }

  public int remaining() {
    return limit - position;
  }

  public int readByte() {
    require(1);
    return bytes[position++] & 0xFF;
  }

  public long readVarLong() {
    long value = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      int b = readByte();
      value |= (long) (b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        return value;
      }
    }
    throw new SerializationException("varint longer than 10 bytes at offset " + position);
  }

  /** What {@link WireWriter#writeZigZagLong} wrote. */
  public long readZigZagLong() {
    long zigzag = readVarLong();
    return (zigzag >>> 1) ^ -(zigzag & 1);
  }

  /** A varint that must fit a non-negative int, e.g. a length or a count. */
  public int readLength() {
    long value = readVarLong();
    if (value < 0 || value > Integer.MAX_VALUE) {
      throw new SerializationException("length out of range: " + value);
    }
    return (int) value;
  }

  public double readDouble() {
    require(8);
    long bits = 0;
    for (int i = 0; i < 8; i++) {
      bits = (bits << 8) | (bytes[position++] & 0xFF);
    }
    return Double.longBitsToDouble(bits);
  }

  public String readString() {
    int length = readLength();
    require(length);
    String s = new String(bytes, position, length, StandardCharsets.UTF_8);
    position += length;
    return s;
  }

  /** Moves to {@code target}, skipping fields a newer writer appended to an entry. */
  public void skipTo(int target) {
    if (target < position || target > limit) {
      throw new SerializationException("entry overruns its length prefix at offset " + position);
    }
    position = target;
  }

  private void require(int n) {
    if (n > limit - position) {
      throw new SerializationException(
          "record truncated: need " + n + " bytes at offset " + position + " of " + limit);
    }
  }
}
