package dev.mosaic.collector.statsd;

import java.nio.charset.StandardCharsets;

/**
 * Parses a StatsD datagram straight from its UTF-8 bytes, with the same results as decoding it and
 * handing the text to {@link StatsdPacketSplitter}, but without a {@code String} for the packet,
 * for each line, or for a name seen before.
 *
 * <pre>
 * datagram bytes → StatsdDatagramParser (+ StatsdNameTable) → StatsdSink
 * </pre>
 *
 * <p>Why the bytes give the text's answers: every character the grammar looks at ({@code \n \r : |
 * # @ ,}, digits, signs, type letters) is ASCII, and in UTF-8 an ASCII byte is always that
 * character, also amid invalid bytes (the decoder's replacement never swallows one). So lines,
 * fields and numbers sit at the same places in both. Only names, tags, set members and bad-line
 * texts need their characters; those slices are decoded as UTF-8 with replacement, exactly as the
 * whole datagram was. A name and tag field are decoded, sanitised and folded once, then kept in a
 * {@link StatsdNameTable}; {@link StatsdSink#admits} is asked once per kept name. A line without
 * any {@code :} (a bad line) goes to the text parser whole.
 *
 * <p>Thread safety: none, it holds the name table; use one per receive thread, always with the same
 * sink (or sinks that admit alike), since admission answers are kept.
 */
public final class StatsdDatagramParser {
  /**
   * The most names one receive thread remembers, whatever the series cap: some 400 MB with 100-byte
   * names. Beyond it new names are resolved per line (slower, still correct).
   */
  public static final int MAX_NAMES_CAP = 1 << 22;

  /** Names a receive thread remembers in benchmarks and tests that do not care. */
  public static final int DEFAULT_MAX_NAMES = 32_768;

  private final StatsdLineParser textParser;
  private final StatsdNameTable names;
  private byte[] rejoined = new byte[256];

  /**
   * @param textParser gives the tag mode, and parses the rare lines read as text
   * @param maxNames names remembered, at least 1; beyond them, new names are resolved per line
   */
  public StatsdDatagramParser(StatsdLineParser textParser, int maxNames) {
    this.textParser = textParser;
    this.names = new StatsdNameTable(maxNames);
  }

  /** Names remembered so far. */
  public int rememberedNames() {
    return names.size();
  }

  /**
   * Splits {@code datagram[offset, offset + length)} into lines and parses each, as {@link
   * StatsdPacketSplitter#split} does its decoded text.
   *
   * @param possiblyTruncated as for {@link StatsdPacketSplitter#split}
   * @return the number of non-empty lines
   */
  public int parse(
      byte[] datagram,
      int offset,
      int length,
      long receivedAtMillis,
      boolean possiblyTruncated,
      StatsdSink sink) {
    int lines = 0;
    int start = offset;
    int limit = offset + length;
    while (start < limit) {
      int newline = indexOf(datagram, start, limit, '\n');
      int end = newline < 0 ? limit : newline;
      if (end > start && datagram[end - 1] == '\r') {
        end--;
      }
      if (end > start) {
        lines++;
        if (newline < 0 && possiblyTruncated) {
          sink.badLine(BadLineReason.TRUNCATED, decode(datagram, start, end));
        } else {
          parseLine(datagram, start, end, receivedAtMillis, sink);
        }
      }
      if (newline < 0) {
        break;
      }
      start = newline + 1;
    }
    return lines;
  }

  /** One line, {@code line[start, end)}, without its line break; as {@link StatsdLineParser}. */
  private void parseLine(byte[] line, int start, int end, long at, StatsdSink sink) {
    byte[] body = line;
    int bodyStart = start;
    int bodyEnd = end;
    int tagsStart = start;
    int tagsEnd = start; // empty: no tags
    int tags = indexOf(line, start, end, '|', '#');
    if (tags >= 0) {
      int fieldEnd = indexOf(line, tags + 2, end, '|');
      fieldEnd = fieldEnd < 0 ? end : fieldEnd;
      tagsStart = tags + 2;
      tagsEnd = fieldEnd;
      if (fieldEnd + 1 < end && line[fieldEnd + 1] == '@') {
        // The rate came after the tags: rejoin it, so the values see it where they expect it.
        body = rejoin(line, start, tags, fieldEnd, end);
        bodyStart = 0;
        bodyEnd = tags - start + end - fieldEnd;
      } else {
        bodyEnd = tags;
      }
    }
    int colon = indexOf(body, bodyStart, bodyEnd, ':');
    if (colon < 0) {
      // A bad line (missing_value), maybe after a tag report: rare, so the text parser tells it.
      textParser.parse(decode(line, start, end), at, sink);
      return;
    }
    ResolvedName name = resolve(body, bodyStart, colon, line, tagsStart, tagsEnd);
    if (name.tagsIgnored) {
      sink.tagsIgnored();
    }
    if (name.name == null) {
      sink.badLine(BadLineReason.EMPTY_NAME, decode(line, start, end));
      return;
    }
    int valueStart = colon + 1;
    while (true) {
      int valueEnd = indexOf(body, valueStart, bodyEnd, ':');
      int stop = valueEnd < 0 ? bodyEnd : valueEnd;
      BadLineReason bad = StatsdByteValues.parse(body, valueStart, stop, name, at, sink);
      if (bad != null) {
        sink.badLine(bad, decode(line, start, end));
      }
      if (valueEnd < 0) {
        return;
      }
      valueStart = valueEnd + 1;
    }
  }

  /** The name {@code body[start, end)} with the tag field {@code line[tagsStart, tagsEnd)}. */
  private ResolvedName resolve(
      byte[] body, int start, int end, byte[] line, int tagsStart, int tagsEnd) {
    int hash = StatsdNameTable.hash(body, start, end, line, tagsStart, tagsEnd);
    ResolvedName known = names.get(hash, body, start, end, line, tagsStart, tagsEnd);
    if (known != null) {
      return known;
    }
    String name = StatsdNameSanitizer.sanitize(decode(body, start, end));
    String suffix = "";
    boolean tagsIgnored = false;
    if (tagsEnd > tagsStart) {
      if (textParser.tagMode() == DogStatsdTagMode.DROP) {
        tagsIgnored = true;
      } else {
        String field = decode(line, tagsStart, tagsEnd);
        GraphiteTagSuffix.Folded folded = GraphiteTagSuffix.fold(field, 0, field.length());
        suffix = folded.suffix();
        tagsIgnored = folded.dropped() > 0;
      }
    }
    String resolved = name.isEmpty() ? null : name.concat(suffix);
    return names.put(hash, body, start, end, line, tagsStart, tagsEnd, resolved, tagsIgnored);
  }

  /** {@code line[start, tags) + line[fieldEnd, end)} in a buffer reused for every line. */
  private byte[] rejoin(byte[] line, int start, int tags, int fieldEnd, int end) {
    int length = tags - start + end - fieldEnd;
    if (rejoined.length < length) {
      rejoined = new byte[Math.max(length, rejoined.length * 2)];
    }
    System.arraycopy(line, start, rejoined, 0, tags - start);
    System.arraycopy(line, fieldEnd, rejoined, tags - start, end - fieldEnd);
    return rejoined;
  }

  static String decode(byte[] bytes, int start, int end) {
    return new String(bytes, start, end - start, StandardCharsets.UTF_8);
  }

  static int indexOf(byte[] bytes, int start, int end, char c) {
    return WordScan.indexOf(bytes, start, end, c);
  }

  /** The first {@code first} followed by {@code second}; {@code second} is the rarer byte. */
  private static int indexOf(byte[] bytes, int start, int end, char first, char second) {
    int at = start + 1;
    while (true) {
      int found = WordScan.indexOf(bytes, at, end, second);
      if (found < 0) {
        return -1;
      }
      if (bytes[found - 1] == first) {
        return found - 1;
      }
      at = found + 1;
    }
  }
}
