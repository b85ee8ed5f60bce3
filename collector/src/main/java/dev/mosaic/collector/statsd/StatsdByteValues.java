package dev.mosaic.collector.statsd;

import dev.mosaic.contract.MetricSample;

/**
 * Parses one {@code field|type[|@rate[|...]]} value of a StatsD line from its UTF-8 bytes, with the
 * rules and the order of checks of {@link StatsdLineParser}.
 *
 * <pre>
 * StatsdDatagramParser → StatsdByteValues → StatsdSink.admittedSample / refusedSample
 * </pre>
 *
 * <p>Allocates nothing but the sample (and a set's member): the number, rate and type are read in
 * place. Thread safety: stateless.
 */
final class StatsdByteValues {
  private static final String EMPTY_SET_MEMBER = "0";

  private StatsdByteValues() {}

  /**
   * Emits the value of {@code text[start, end)} as a sample of {@code name}, or returns why not.
   */
  static BadLineReason parse(
      byte[] text, int start, int end, ResolvedName name, long at, StatsdSink sink) {
    int typeStart = StatsdDatagramParser.indexOf(text, start, end, '|') + 1;
    if (typeStart == 0) {
      return BadLineReason.MISSING_TYPE;
    }
    int typeEnd = StatsdDatagramParser.indexOf(text, typeStart, end, '|');
    int rateStart = typeEnd < 0 ? -1 : typeEnd + 1;
    typeEnd = typeEnd < 0 ? end : typeEnd;
    StatsdType type = StatsdType.of(text, typeStart, typeEnd);
    if (type == null) {
      return typeStart == typeEnd ? BadLineReason.MISSING_TYPE : BadLineReason.UNKNOWN_TYPE;
    }
    double rate = 1.0;
    if (rateStart >= 0) {
      int rateEnd = StatsdDatagramParser.indexOf(text, rateStart, end, '|');
      rate = parseSampleRate(text, rateStart, rateEnd < 0 ? end : rateEnd);
      BadLineReason problem = StatsdLineParser.rateProblem(rate);
      if (problem != null) {
        return problem;
      }
    }
    int fieldEnd = typeStart - 1;
    if (type == StatsdType.SET) {
      if (name.admittedBy(sink)) {
        String member =
            start == fieldEnd
                ? EMPTY_SET_MEMBER
                : StatsdDatagramParser.decode(text, start, fieldEnd);
        sink.admittedSample(MetricSample.set(name.name, member, at));
      } else {
        sink.refusedSample();
      }
      return null;
    }
    double value = DecimalParser.parse(text, start, fieldEnd);
    BadLineReason problem = ValueRange.problemWith(value);
    if (problem != null) {
      return problem;
    }
    if (type == StatsdType.TIMER && value < 0) {
      return BadLineReason.NEGATIVE_TIMER;
    }
    if (!name.admittedBy(sink)) {
      sink.refusedSample();
      return null;
    }
    sink.admittedSample(
        switch (type) {
          case COUNTER -> MetricSample.counter(name.name, value, rate, at);
          case GAUGE -> // the field is not empty: it parsed
              text[start] == '+' || text[start] == '-'
                  ? MetricSample.gaugeDelta(name.name, value, at)
                  : MetricSample.gauge(name.name, value, at);
          default -> MetricSample.timer(name.name, value, rate, at);
        });
    return null;
  }

  /** As {@link StatsdLineParser}'s: {@code @} and an unsigned decimal without exponent, or NaN. */
  private static double parseSampleRate(byte[] text, int start, int end) {
    if (end - start < 2 || text[start] != '@') {
      return Double.NaN;
    }
    for (int i = start + 1; i < end; i++) {
      byte c = text[i];
      if (c != '.' && (c < '0' || c > '9')) {
        return Double.NaN;
      }
    }
    return DecimalParser.parse(text, start + 1, end);
  }
}
