package dev.mosaic.collector.statsd;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Finds a byte in, and hashes, a range of a byte array eight bytes at a time: the loops a StatsD
 * line's bytes go through before its value is read.
 *
 * <pre>
 * StatsdDatagramParser → WordScan.indexOf ('\n', '#', ':') / hash (StatsdNameTable)
 * </pre>
 *
 * <p>Why: a line was scanned byte by byte for its end, its tags and its {@code :}, then its name
 * hashed byte by byte; eight bytes per step take a fraction of the time (see docs/performance.md).
 * The eight bytes are read with one {@code long} load (a little-endian view, so the first byte is
 * the lowest; the same on every platform). A byte equal to {@code c} is found with the
 * "has-zero-byte" test on {@code word ^ (c × 0x0101…01)}: {@code (x - 0x01…01) & ~x & 0x80…80} is
 * non-zero exactly when some byte of {@code x} is zero, and its lowest set bit is in the lowest
 * such byte (a borrow can only mark bytes above a zero byte), so the first match's index is its
 * trailing zeros / 8.
 *
 * <p>Thread safety: stateless.
 */
final class WordScan {
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long ONES = 0x0101_0101_0101_0101L;
  private static final long HIGHS = 0x8080_8080_8080_8080L;
  private static final long MULTIPLIER = 0x9E37_79B9_7F4A_7C15L; // 2^64 / golden ratio, odd

  private WordScan() {}

  /** The index of the first byte {@code (byte) c} in {@code bytes[start, end)}, or -1. */
  static int indexOf(byte[] bytes, int start, int end, char c) {
    byte b = (byte) c;
    int i = start;
    if (end - start >= Long.BYTES) {
      long pattern = ONES * (b & 0xFF);
      for (; i <= end - Long.BYTES; i += Long.BYTES) {
        long x = (long) LONGS.get(bytes, i) ^ pattern;
        long found = (x - ONES) & ~x & HIGHS;
        if (found != 0) {
          return i + (Long.numberOfTrailingZeros(found) >>> 3);
        }
      }
    }
    for (; i < end; i++) {
      if (bytes[i] == b) {
        return i;
      }
    }
    return -1;
  }

  /**
   * A hash of {@code bytes[start, end)} continued from {@code hash}: start with 0, then feed each
   * range in turn; {@link #finish} gives the table's hash. Two ranges that differ in a byte or in
   * length hash apart with high probability; hashes are not stable across versions.
   */
  static long hash(long hash, byte[] bytes, int start, int end) {
    long h = hash;
    int i = start;
    for (; i <= end - Long.BYTES; i += Long.BYTES) {
      h = Long.rotateLeft((h ^ (long) LONGS.get(bytes, i)) * MULTIPLIER, 27);
    }
    long tail = 0;
    for (int shift = 0; i < end; i++, shift += Byte.SIZE) {
      tail |= (bytes[i] & 0xFFL) << shift;
    }
    // the length tells "ab" from "ab\0", whose tails would be equal
    return Long.rotateLeft((h ^ tail ^ ((long) (end - start) << 56)) * MULTIPLIER, 27);
  }

  /** The 32 bits of a finished hash, all of its bits folded in. */
  static int finish(long hash) {
    long h = hash * MULTIPLIER;
    return (int) (h ^ (h >>> 32));
  }
}
