package dev.mosaic.storagebridge.carbon;

/**
 * Decides whether carbon can store a metric name as one series.
 *
 * <pre>
 * AggregatePoint.name → GraphiteNames → CarbonPlaintextFormat → carbon
 * </pre>
 *
 * <p>Carbon splits a plaintext line on whitespace, so a name containing any would be read as other
 * fields or another line; it maps each dot-separated component to a directory, so an empty
 * component ({@code a..b}, {@code .a}, {@code a.}) names a series no query can reach. Control
 * characters are refused for the same reason as newlines. Everything else, including {@code
 * ;tag=value} suffixes, is carbon's to judge.
 */
public final class GraphiteNames {
  private static final char DEL = 0x7f;

  private GraphiteNames() {}

  /** True if {@code name} can be written as it is. */
  public static boolean isWritable(String name) {
    return problem(name) == null;
  }

  /**
   * @return why {@code name} cannot be written, for a log line; {@code null} if it can
   */
  public static String problem(String name) {
    if (name.isEmpty()) {
      return "the name is empty";
    }
    if (name.charAt(0) == '.' || name.charAt(name.length() - 1) == '.') {
      return "the name starts or ends with a dot";
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      // Printable ASCII ('!'..'~') is never whitespace or control: names are nearly all of it, and
      // the three Character lookups below cost several times this one comparison (the bridge
      // checks every point's name, every interval).
      if (c > ' ' && c < DEL) {
        if (c == '.' && name.charAt(i - 1) == '.') {
          return "the name has an empty path component (..)";
        }
      } else if (isSplitOrControl(c)) {
        return "the name contains whitespace or a control character";
      }
    }
    return null;
  }

  // isSpaceChar adds the no-break spaces, which Python's str.split() in carbon splits on too.
  private static boolean isSplitOrControl(char c) {
    return Character.isWhitespace(c) || Character.isSpaceChar(c) || Character.isISOControl(c);
  }
}
