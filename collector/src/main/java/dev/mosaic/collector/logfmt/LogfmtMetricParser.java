package dev.mosaic.collector.logfmt;

import dev.mosaic.collector.statsd.BadLineReason;
import dev.mosaic.collector.statsd.DecimalParser;
import dev.mosaic.collector.statsd.StatsdNameSanitizer;
import dev.mosaic.collector.statsd.StatsdSink;
import dev.mosaic.collector.statsd.ValueRange;
import dev.mosaic.contract.MetricSample;

/**
 * Finds l2met metric tokens in one log line and turns each into a sample; all other text is
 * ignored.
 *
 * <pre>
 * TCP log line / drain frame → LogfmtMetricParser → StatsdSink
 * </pre>
 *
 * <pre>
 * token   := measure#name=number[unit]   → timer (at least 0)
 *          | count#name[=number[unit]]   → counter (no value: 1)
 *          | sample#name=number[unit]    → gauge (absolute, even when signed)
 *          | unique#name=member          → set
 * source  := source=s                    → every name of the line becomes s.name
 * unit    := ASCII letters after the number
 * </pre>
 *
 * <p>Tokens are separated by whitespace. Time units are converted to milliseconds ({@code ns},
 * {@code us}, {@code ms}, {@code s}, {@code min}, {@code h}); any other unit is appended to the
 * name, so {@code measure#mem=20MB} becomes timer {@code mem.MB} of 20. Names and the source are
 * sanitised as StatsD names are. Each bad token is one bad line with its reason; the line's other
 * tokens are unaffected. Thread safety: stateless.
 */
public final class LogfmtMetricParser {
  private static final String SOURCE = "source=";
  private static final String EMPTY_SET_MEMBER = "0";

  /**
   * Parses one log line (no line break in it).
   *
   * @return 1 if the line is not empty, else 0
   */
  public int parse(CharSequence line, long receivedAtMillis, StatsdSink sink) {
    String prefix = sourcePrefix(line);
    int length = line.length();
    int start = skipWhitespace(line, 0);
    while (start < length) {
      int end = tokenEnd(line, start);
      parseToken(line, start, end, prefix, receivedAtMillis, sink);
      start = skipWhitespace(line, end);
    }
    return length == 0 ? 0 : 1;
  }

  private static void parseToken(
      CharSequence line, int start, int end, String prefix, long at, StatsdSink sink) {
    LogfmtKind kind = LogfmtKind.of(line, start, end);
    if (kind == null) {
      return; // ordinary log text
    }
    int nameStart = start + kind.prefix().length();
    int equals = indexOf(line, nameStart, end, '=');
    int nameEnd = equals < 0 ? end : equals;
    String name = StatsdNameSanitizer.sanitize(line, nameStart, nameEnd);
    if (name.isEmpty()) {
      sink.badLine(BadLineReason.EMPTY_NAME, line);
      return;
    }
    name = prefix + name;
    if (equals < 0) {
      if (kind == LogfmtKind.COUNT) {
        sink.sample(MetricSample.counter(name, 1, 1.0, at));
      } else {
        sink.badLine(BadLineReason.MISSING_VALUE, line);
      }
      return;
    }
    int valueStart = equals + 1;
    if (kind == LogfmtKind.UNIQUE) {
      String member =
          valueStart == end ? EMPTY_SET_MEMBER : line.subSequence(valueStart, end).toString();
      sink.sample(MetricSample.set(name, member, at));
      return;
    }
    int unitStart = end;
    while (unitStart > valueStart && isAsciiLetter(line.charAt(unitStart - 1))) {
      unitStart--;
    }
    double value = DecimalParser.parse(line, valueStart, unitStart);
    if (Double.isNaN(value)) {
      sink.badLine(BadLineReason.INVALID_VALUE, line);
      return;
    }
    if (unitStart < end) {
      String unit = line.subSequence(unitStart, end).toString();
      double toMillis = TimeUnits.millisPer(unit);
      if (Double.isNaN(toMillis)) {
        name = name + "." + unit;
      } else {
        value *= toMillis;
      }
    }
    if (Double.isInfinite(value)) {
      sink.badLine(BadLineReason.NON_FINITE_VALUE, line);
      return;
    }
    if (!ValueRange.isRepresentable(value)) {
      sink.badLine(BadLineReason.OUT_OF_RANGE, line);
      return;
    }
    switch (kind) {
      case MEASURE -> {
        if (value < 0) {
          sink.badLine(BadLineReason.NEGATIVE_TIMER, line);
          return;
        }
        sink.sample(MetricSample.timer(name, value, 1.0, at));
      }
      case COUNT -> sink.sample(MetricSample.counter(name, value, 1.0, at));
      default -> sink.sample(MetricSample.gauge(name, value, at));
    }
  }

  /** {@code "<sanitised source>."} from the line's first {@code source=} token, or "". */
  private static String sourcePrefix(CharSequence line) {
    int length = line.length();
    int start = skipWhitespace(line, 0);
    while (start < length) {
      int end = tokenEnd(line, start);
      if (startsWith(line, start, end, SOURCE)) {
        String source = StatsdNameSanitizer.sanitize(line, start + SOURCE.length(), end);
        return source.isEmpty() ? "" : source + ".";
      }
      start = skipWhitespace(line, end);
    }
    return "";
  }

  static boolean startsWith(CharSequence text, int start, int end, String prefix) {
    if (end - start < prefix.length()) {
      return false;
    }
    for (int i = 0; i < prefix.length(); i++) {
      if (text.charAt(start + i) != prefix.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  private static int skipWhitespace(CharSequence text, int from) {
    int i = from;
    while (i < text.length() && isSeparator(text.charAt(i))) {
      i++;
    }
    return i;
  }

  private static int tokenEnd(CharSequence text, int from) {
    int i = from;
    while (i < text.length() && !isSeparator(text.charAt(i))) {
      i++;
    }
    return i;
  }

  private static int indexOf(CharSequence text, int start, int end, char c) {
    for (int i = start; i < end; i++) {
      if (text.charAt(i) == c) {
        return i;
      }
    }
    return -1;
  }

  private static boolean isSeparator(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\u000b';
  }

  private static boolean isAsciiLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }
}
