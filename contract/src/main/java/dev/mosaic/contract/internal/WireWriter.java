package dev.mosaic.contract.internal;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A growable byte buffer with the primitives of mosaic's record formats (varints, UTF-8). */
public final class WireWriter {
  private byte[] bytes;
  private int size;

  public WireWriter(int initialCapacity) {
    bytes = new byte[Math.max(16, initialCapacity)];
  }

  public int size() {
    return size;
  }

  public void writeByte(int b) {
    ensure(1);
    bytes[size++] = (byte) b;
  }

  /** Unsigned LEB128, as in protobuf and Kafka's record format; negatives take ten bytes. */
  public void writeVarLong(long value) {
    ensure(10);
    while ((value & ~0x7FL) != 0) {
      bytes[size++] = (byte) ((value & 0x7F) | 0x80);
      value >>>= 7;
    }
    bytes[size++] = (byte) value;
  }

  /** Zigzag then LEB128, as protobuf's sint64: small negatives stay short too. */
  public void writeZigZagLong(long value) {
    writeVarLong((value << 1) ^ (value >> 63));
  }

  public void writeDouble(double value) {
    ensure(8);
    long bits = Double.doubleToRawLongBits(value);
    for (int shift = 56; shift >= 0; shift -= 8) {
      bytes[size++] = (byte) (bits >>> shift);
    }
  }

  public void writeString(String value) {
    writeBytes(value.getBytes(StandardCharsets.UTF_8));
  }

  /** A length-prefixed byte string, e.g. a name's UTF-8 encoded once and written many times. */
  public void writeBytes(byte[] value) {
    writeVarLong(value.length);
    ensure(value.length);
    System.arraycopy(value, 0, bytes, size, value.length);
    size += value.length;
  }

  /** Reserves room for a length prefix, to be filled by {@link #endEntry(int)}; returns a mark. */
  public int beginEntry() {
    ensure(5);
    int mark = size;
    size += 5; // fixed five-byte varint, so the entry need not be moved once its length is known
    return mark;
  }

  /** Writes the length of everything written since {@code mark} into the reserved prefix. */
  public void endEntry(int mark) {
    int length = size - mark - 5;
    for (int i = 0; i < 4; i++) {
      bytes[mark + i] = (byte) ((length & 0x7F) | 0x80);
      length >>>= 7;
    }
    bytes[mark + 4] = (byte) (length & 0x7F);
  }

  public byte[] toByteArray() {
    return Arrays.copyOf(bytes, size);
  }

  /** Copies everything written into {@code target} at {@code offset}. */
  public void copyTo(byte[] target, int offset) {
    System.arraycopy(bytes, 0, target, offset, size);
  }

  /** Empties the writer and keeps its buffer, so a writer can be reused record after record. */
  public void clear() {
    size = 0;
  }

  private void ensure(int more) {
    if (size + more > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
    }
  }
}
