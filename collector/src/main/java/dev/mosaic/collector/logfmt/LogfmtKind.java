package dev.mosaic.collector.logfmt;

/** The l2met token prefixes and the sample type each makes. */
enum LogfmtKind {
  /** A timer sample. */
  MEASURE("measure#"),
  /** A counter increment. */
  COUNT("count#"),
  /** An absolute gauge value. */
  SAMPLE("sample#"),
  /** A set member. */
  UNIQUE("unique#");

  private final String prefix;

  LogfmtKind(String prefix) {
    this.prefix = prefix;
  }

  String prefix() {
    return prefix;
  }

  /** The kind whose prefix starts {@code text[start, end)}, or null for ordinary text. */
  static LogfmtKind of(CharSequence text, int start, int end) {
    for (LogfmtKind kind : values()) {
      if (LogfmtMetricParser.startsWith(text, start, end, kind.prefix)) {
        return kind;
      }
    }
    return null;
  }
}
