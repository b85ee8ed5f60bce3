package dev.mosaic.storagebridge.carbon;

import dev.mosaic.contract.AggregatePoint;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Writes a point's plaintext line straight into a reused byte array: the bytes {@link
 * CarbonPlaintextFormat#line} would give in UTF-8, without building the line as a {@code String}
 * first.
 *
 * <pre>
 * AggregatePoint → CarbonPlaintextEncoder → CarbonPlaintextSender → carbon :2003
 * </pre>
 *
 * <p>A name of printable ASCII is checked ({@link GraphiteNames}) while it is copied, in one pass;
 * any other name goes through {@link CarbonPlaintextFormat#line}, which checks it fully and refuses
 * it the same way. The bridge writes about half a million lines per interval with 100,000 series,
 * and building, checking and encoding each line as a string took half its thread's time.
 *
 * <p>Not thread-safe: one per sender.
 */
public final class CarbonPlaintextEncoder {
  private static final char DEL = 0x7f;

  private byte[] bytes = new byte[256];
  private int length;

  /**
   * Encodes one line; {@link #bytes()} holds it until the next call.
   *
   * @return its length in bytes
   * @throws IllegalArgumentException as {@link CarbonPlaintextFormat#line}
   */
  public int encode(AggregatePoint point) {
    length = 0;
    if (!appendPrintableAsciiName(point.name())) {
      byte[] line = CarbonPlaintextFormat.line(point).getBytes(StandardCharsets.UTF_8);
      length = 0;
      ensure(line.length);
      System.arraycopy(line, 0, bytes, 0, line.length);
      length = line.length;
      return length;
    }
    appendByte(' ');
    appendAscii(GraphiteValueFormat.format(point.value()));
    appendByte(' ');
    appendAscii(Long.toString(point.timestampSeconds()));
    appendByte('\n');
    return length;
  }

  /** The line encoded last, in the first {@link #encode} bytes. */
  public byte[] bytes() {
    return bytes;
  }

  /**
   * Copies {@code name} if it is a writable name of printable ASCII only; false (and a partial
   * copy) for anything else, which the general path then decides.
   */
  private boolean appendPrintableAsciiName(String name) {
    int n = name.length();
    if (n == 0 || name.charAt(0) == '.' || name.charAt(n - 1) == '.') {
      return false;
    }
    ensure(n);
    char previous = 0;
    for (int i = 0; i < n; i++) {
      char c = name.charAt(i);
      if (c <= ' ' || c >= DEL || (c == '.' && previous == '.')) {
        return false;
      }
      bytes[length++] = (byte) c;
      previous = c;
    }
    return true;
  }

  /** The value and the timestamp: digits, sign, dot and exponent only. */
  private void appendAscii(String text) {
    int n = text.length();
    ensure(n);
    for (int i = 0; i < n; i++) {
      bytes[length++] = (byte) text.charAt(i);
    }
  }

  private void appendByte(char c) {
    ensure(1);
    bytes[length++] = (byte) c;
  }

  private void ensure(int more) {
    if (length + more > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
    }
  }
}
