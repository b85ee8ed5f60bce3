package dev.mosaic.collector.statsd;

import dev.mosaic.contract.MetricSample;

/**
 * Parses one StatsD line into samples, following Etsy StatsD 0.9.0's grammar plus the DogStatsD tag
 * field and {@code d} type.
 *
 * <pre>
 * StatsdPacketSplitter → StatsdLineParser → StatsdSink
 * </pre>
 *
 * <pre>
 * line   := name (':' value)+ ['|#' tags ['|@' rate ('|' ignored)*] ('|' ignored)*]
 * value  := field '|' type ['|' '@' rate ('|' ignored)*]
 * type   := 'c' | 'g' | 'ms' | 'h' | 'd' | 's'
 * </pre>
 *
 * <p>The name is everything before the first {@code :}, sanitised by {@link StatsdNameSanitizer}.
 * Each {@code :}-separated value becomes one sample, or one bad line with its {@link
 * BadLineReason}; the line's other values are unaffected. Checks run in this order: type present,
 * type known, rate well-formed, rate in (0, 1], then the value.
 *
 * <ul>
 *   <li>{@code c}: a finite number, scaled by the aggregator by 1/rate.
 *   <li>{@code g}: a finite number; a leading {@code +} or {@code -} makes it a delta. The rate is
 *       checked but not used.
 *   <li>{@code ms}, {@code h} and {@code d} (a DogStatsD distribution): timers; a finite number, at
 *       least zero.
 *   <li>{@code s}: the field verbatim as the member (an empty one is {@code "0"}, as in Etsy); the
 *       rate is checked but not used.
 * </ul>
 *
 * <p>The tag field runs from the first {@code |#} to the next {@code |}. It is cut out of the line;
 * a sample rate right after it ({@code |#env:prod|@0.5}) is kept, like one before it, and other
 * DogStatsD fields after it (container id, timestamp) are ignored. With {@link
 * DogStatsdTagMode#GRAPHITE} the tags are appended to the name by {@link GraphiteTagSuffix}; with
 * {@link DogStatsdTagMode#DROP} they are dropped and reported. A line without tags gives the same
 * samples in both modes.
 *
 * <p>Thread safety: stateless; one instance may parse on many threads.
 */
public final class StatsdLineParser {
  private static final String EMPTY_SET_MEMBER = "0";

  private final DogStatsdTagMode tagMode;

  /** A parser that folds tags into Graphite tagged names, the collector's default. */
  public StatsdLineParser() {
    this(DogStatsdTagMode.GRAPHITE);
  }

  public StatsdLineParser(DogStatsdTagMode tagMode) {
    this.tagMode = tagMode;
  }

  /** What this parser does with DogStatsD tags. */
  public DogStatsdTagMode tagMode() {
    return tagMode;
  }

  /** Parses a whole line (no line break in it). */
  public void parse(CharSequence line, long receivedAtMillis, StatsdSink sink) {
    parse(line, 0, line.length(), receivedAtMillis, sink);
  }

  /**
   * Parses the line {@code text[start, end)}, which holds no line break.
   *
   * @param receivedAtMillis stamped on every sample
   */
  public void parse(CharSequence text, int start, int end, long receivedAtMillis, StatsdSink sink) {
    int tags = indexOf(text, start, end, '|', '#');
    if (tags < 0) {
      parseValues(text, start, end, "", text, start, end, receivedAtMillis, sink);
      return;
    }
    int tagsEnd = indexOf(text, tags + 2, end, '|');
    tagsEnd = tagsEnd < 0 ? end : tagsEnd;
    String suffix = "";
    if (tagsEnd > tags + 2) {
      if (tagMode == DogStatsdTagMode.DROP) {
        sink.tagsIgnored();
      } else {
        GraphiteTagSuffix.Folded folded = GraphiteTagSuffix.fold(text, tags + 2, tagsEnd);
        suffix = folded.suffix();
        if (folded.dropped() > 0) {
          sink.tagsIgnored();
        }
      }
    }
    if (tagsEnd + 1 < end && text.charAt(tagsEnd + 1) == '@') {
      // The rate came after the tags: rejoin it, so the values see it where they expect it.
      String body =
          new StringBuilder(tags - start + end - tagsEnd)
              .append(text, start, tags)
              .append(text, tagsEnd, end)
              .toString();
      parseValues(body, 0, body.length(), suffix, text, start, end, receivedAtMillis, sink);
    } else {
      parseValues(text, start, tags, suffix, text, start, end, receivedAtMillis, sink);
    }
  }

  /**
   * Parses {@code name(:value)+} in {@code body[start, end)}; {@code line[lineStart, lineEnd)} is
   * the whole line as received, for bad-line reports.
   */
  private static void parseValues(
      CharSequence body,
      int start,
      int end,
      String tagSuffix,
      CharSequence line,
      int lineStart,
      int lineEnd,
      long receivedAtMillis,
      StatsdSink sink) {
    int colon = indexOf(body, start, end, ':');
    if (colon < 0) {
      sink.badLine(BadLineReason.MISSING_VALUE, line.subSequence(lineStart, lineEnd));
      return;
    }
    String name = StatsdNameSanitizer.sanitize(body, start, colon);
    if (name.isEmpty()) {
      sink.badLine(BadLineReason.EMPTY_NAME, line.subSequence(lineStart, lineEnd));
      return;
    }
    name = tagSuffix.isEmpty() ? name : name + tagSuffix;
    int valueStart = colon + 1;
    while (true) {
      int valueEnd = indexOf(body, valueStart, end, ':');
      int stop = valueEnd < 0 ? end : valueEnd;
      BadLineReason bad = parseValue(body, valueStart, stop, name, receivedAtMillis, sink);
      if (bad != null) {
        sink.badLine(bad, line.subSequence(lineStart, lineEnd));
      }
      if (valueEnd < 0) {
        return;
      }
      valueStart = valueEnd + 1;
    }
  }

  /** Parses {@code field|type[|@rate[|...]]}; emits a sample or returns why not. */
  private static BadLineReason parseValue(
      CharSequence text, int start, int end, String name, long at, StatsdSink sink) {
    int typeStart = indexOf(text, start, end, '|') + 1;
    if (typeStart == 0) {
      return BadLineReason.MISSING_TYPE;
    }
    int typeEnd = indexOf(text, typeStart, end, '|');
    int rateStart = typeEnd < 0 ? -1 : typeEnd + 1;
    typeEnd = typeEnd < 0 ? end : typeEnd;
    StatsdType type = StatsdType.of(text, typeStart, typeEnd);
    if (type == null) {
      return typeStart == typeEnd ? BadLineReason.MISSING_TYPE : BadLineReason.UNKNOWN_TYPE;
    }
    double rate = 1.0;
    if (rateStart >= 0) {
      int rateEnd = indexOf(text, rateStart, end, '|');
      rate = parseSampleRate(text, rateStart, rateEnd < 0 ? end : rateEnd);
      BadLineReason problem = rateProblem(rate);
      if (problem != null) {
        return problem;
      }
    }
    int fieldEnd = typeStart - 1;
    if (type == StatsdType.SET) {
      String member =
          start == fieldEnd ? EMPTY_SET_MEMBER : text.subSequence(start, fieldEnd).toString();
      sink.sample(MetricSample.set(name, member, at));
      return null;
    }
    double value = DecimalParser.parse(text, start, fieldEnd);
    BadLineReason problem = ValueRange.problemWith(value);
    if (problem != null) {
      return problem;
    }
    switch (type) {
      case COUNTER -> sink.sample(MetricSample.counter(name, value, rate, at));
      case GAUGE -> {
        char first = text.charAt(start); // the field is not empty: it parsed
        sink.sample(
            first == '+' || first == '-'
                ? MetricSample.gaugeDelta(name, value, at)
                : MetricSample.gauge(name, value, at));
      }
      default -> {
        if (value < 0) {
          return BadLineReason.NEGATIVE_TIMER;
        }
        sink.sample(MetricSample.timer(name, value, rate, at));
      }
    }
    return null;
  }

  /**
   * Etsy reads a rate as {@code @} followed by digits and dots only; a sign or an exponent makes it
   * misread or crash there, so here they are invalid.
   *
   * @return the rate, or NaN if the field is not {@code @} and an unsigned decimal without exponent
   */
  /**
   * What is wrong with a sample rate as {@link #parseSampleRate} returned it; null when it is in
   * (0, 1]. Shared with {@link StatsdByteValues} so both parsers refuse the same rates alike.
   */
  static BadLineReason rateProblem(double rate) {
    if (Double.isNaN(rate)) {
      return BadLineReason.INVALID_SAMPLE_RATE;
    }
    if (!(rate > 0 && rate <= 1)) {
      return BadLineReason.SAMPLE_RATE_OUT_OF_RANGE;
    }
    return null;
  }

  private static double parseSampleRate(CharSequence text, int start, int end) {
    if (end - start < 2 || text.charAt(start) != '@') {
      return Double.NaN;
    }
    for (int i = start + 1; i < end; i++) {
      char c = text.charAt(i);
      if (c != '.' && (c < '0' || c > '9')) {
        return Double.NaN;
      }
    }
    return DecimalParser.parse(text, start + 1, end);
  }

  private static int indexOf(CharSequence text, int start, int end, char c) {
    for (int i = start; i < end; i++) {
      if (text.charAt(i) == c) {
        return i;
      }
    }
    return -1;
  }

  private static int indexOf(CharSequence text, int start, int end, char first, char second) {
    for (int i = start; i + 1 < end; i++) {
      if (text.charAt(i) == first && text.charAt(i + 1) == second) {
        return i;
      }
    }
    return -1;
  }
}
