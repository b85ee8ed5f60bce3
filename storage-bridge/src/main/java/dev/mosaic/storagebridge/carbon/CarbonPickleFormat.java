package dev.mosaic.storagebridge.carbon;

import dev.mosaic.contract.AggregatePoint;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Points as one message of Graphite's pickle protocol: a 4-byte big-endian length, then a Python
 * pickle (protocol 2) of {@code [(name, (timestamp, value)), ...]}.
 *
 * <pre>
 * AggregatePoint list → CarbonPickleFormat → CarbonPickleSender → carbon :2004
 * </pre>
 *
 * <p>Only the opcodes that list needs are written: no memo and no globals, which carbon's safe
 * unpickler accepts. Names are {@code BINUNICODE}; timestamps {@code BININT}, or {@code LONG1}
 * outside 32 bits; values {@code BINFLOAT}, so every double arrives exactly.
 */
public final class CarbonPickleFormat {
  private static final int PROTO = 0x80;
  private static final int EMPTY_LIST = ']';
  private static final int MARK = '(';
  private static final int APPENDS = 'e';
  private static final int BINUNICODE = 'X';
  private static final int BININT = 'J';
  private static final int LONG1 = 0x8a;
  private static final int BINFLOAT = 'G';
  private static final int TUPLE2 = 0x86;
  private static final int STOP = '.';

  private CarbonPickleFormat() {}

  /**
   * @throws IllegalArgumentException if a name is not {@linkplain GraphiteNames#isWritable
   *     writable}: carbon would store it under a wrong series
   */
  public static byte[] message(List<AggregatePoint> points) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(16 + points.size() * 64);
    out.writeBytes(new byte[4]); // length, filled in below
    out.write(PROTO);
    out.write(2);
    out.write(EMPTY_LIST);
    if (!points.isEmpty()) {
      out.write(MARK);
      for (AggregatePoint point : points) {
        String problem = GraphiteNames.problem(point.name());
        if (problem != null) {
          throw new IllegalArgumentException(problem);
        }
        writeString(out, point.name());
        writeInteger(out, point.timestampSeconds());
        out.write(BINFLOAT);
        out.writeBytes(ByteBuffer.allocate(8).putDouble(point.value()).array());
        out.write(TUPLE2);
        out.write(TUPLE2);
      }
      out.write(APPENDS);
    }
    out.write(STOP);
    byte[] message = out.toByteArray();
    ByteBuffer.wrap(message).putInt(0, message.length - 4);
    return message;
  }

  private static void writeString(ByteArrayOutputStream out, String s) {
    byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
    out.write(BINUNICODE);
    out.writeBytes(littleEndianInt(utf8.length));
    out.writeBytes(utf8);
  }

  private static void writeInteger(ByteArrayOutputStream out, long value) {
    if (value == (int) value) {
      out.write(BININT);
      out.writeBytes(littleEndianInt((int) value));
      return;
    }
    // LONG1: two's complement, little-endian, in as few bytes as hold the sign.
    byte[] bytes = new byte[8];
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putLong(value);
    int length = 8;
    while (length > 1
        && (bytes[length - 1] == 0 && bytes[length - 2] >= 0
            || bytes[length - 1] == -1 && bytes[length - 2] < 0)) {
      length--;
    }
    out.write(LONG1);
    out.write(length);
    out.write(bytes, 0, length);
  }

  private static byte[] littleEndianInt(int value) {
    return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(value).array();
  }
}
