package dev.mosaic.collector.testing;

import java.util.List;
import java.util.Random;

/**
 * Seeded random and mutated input lines, none holding a line break, plus the exact totals of the
 * valid lines planted among them (names starting {@code okvalid.}, which no mutation or junk line
 * can produce: mutations leave the first 12 characters alone, and junk is 8 random characters away
 * from that prefix).
 */
public final class FuzzLines {
  /** The prefix of every planted valid name. */
  public static final String VALID_PREFIX = "okvalid.";

  private static final String JUNK =
      "abcxyzABC019:|@#.,;=_-+eE/ \t\u0000\u0001\u007f\u00a0\u00e9\u00ff\u2028\u3000\ufeff"
          + "\ufffd\ud83d\ude00\ud800日本";
  private static final String[] PIECES = {
    ":",
    "|",
    "@",
    "#",
    "|#",
    "|@",
    ".",
    "-",
    "+",
    "e",
    "E",
    "1e400",
    "1e308",
    "1e-310",
    "NaN",
    "Infinity",
    "-1",
    "0x10",
    " ",
    "\u0000",
    "\u00e9",
    "\ud83d\ude00",
    "\ufffd",
    "|c",
    "|ms",
    "|g",
    "|s",
    "|h",
    "|d",
    "=",
    "ms",
    "MB",
    "measure#",
    "count#",
    "sample#",
    "unique#",
    "source="
  };
  private static final String[] KINDS = {"measure#", "count#", "sample#", "unique#"};
  private static final List<String> SPECIAL =
      List.of(
          ":|",
          ":",
          "|",
          "::",
          "||",
          "@",
          "#",
          "=",
          ":1|c",
          "a:",
          "a:|",
          "a:NaN|c",
          "a:1e400|ms",
          "a:1e308|ms",
          "a:1e-310|g",
          "a:-1|ms",
          "a:1|c|@0",
          "a:1|c|@2",
          "a:1|x",
          "\u00ff\u00fe",
          "日本:1|c",
          "\ud800:1|c",
          "measure#",
          "measure#=",
          "count#=1",
          "sample#x=",
          "unique#",
          "measure#x=1e999",
          "source=",
          "measure#x=-5ms");

  private final Random random;
  private long validLines;
  private double validSum;

  public FuzzLines(long seed) {
    this.random = new Random(seed);
  }

  /** How many planted valid lines (or tokens) have been returned so far. */
  public long validLines() {
    return validLines;
  }

  /** The sum of their values. */
  public double validSum() {
    return validSum;
  }

  /** A StatsD line: valid (1 in 4), junk, mutated, or one of the known-bad specials. */
  public String statsdLine() {
    int kind = random.nextInt(16);
    if (kind < 4) {
      int value = random.nextInt(1000);
      validLines++;
      validSum += value;
      return VALID_PREFIX + random.nextInt(50) + ":" + value + "|c";
    }
    if (kind < 8) {
      return junk();
    }
    if (kind < 15) {
      return mutate("mut." + random.nextInt(50) + ":" + random.nextInt(1000) + typeSuffix(), 3);
    }
    return SPECIAL.get(random.nextInt(SPECIAL.size()));
  }

  /** A log line: text with a planted valid count# token (1 in 4), mutated metric tokens or junk. */
  public String logLine() {
    StringBuilder line = new StringBuilder("2024-05-01T10:00:00Z app[web.1]: ");
    int kind = random.nextInt(16);
    if (kind < 4) {
      int value = random.nextInt(1000);
      validLines++;
      validSum += value;
      line.append("at=info count#").append(VALID_PREFIX).append(random.nextInt(50));
      return line.append('=').append(value).append(" status=200").toString();
    }
    if (kind < 8) {
      return line.append(junk()).toString();
    }
    if (kind < 15) {
      String kindPrefix = KINDS[random.nextInt(KINDS.length)];
      String token = kindPrefix + "mut." + random.nextInt(50) + "=" + random.nextInt(1000) + "ms";
      return line.append(mutate(token, kindPrefix.length() + 3)).toString();
    }
    return line.append(SPECIAL.get(random.nextInt(SPECIAL.size()))).toString();
  }

  private String typeSuffix() {
    return switch (random.nextInt(5)) {
      case 0 -> "|c";
      case 1 -> "|ms|@0.5";
      case 2 -> "|g";
      case 3 -> "|s";
      default -> "|h|#env:prod";
    };
  }

  private String junk() {
    int length = 1 + random.nextInt(60);
    StringBuilder out = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      out.append(JUNK.charAt(random.nextInt(JUNK.length())));
    }
    return out.toString();
  }

  /** 1 to 3 inserts, deletes or replacements, all after the first {@code keep} characters. */
  private String mutate(String line, int keep) {
    StringBuilder out = new StringBuilder(line);
    int edits = 1 + random.nextInt(3);
    for (int e = 0; e < edits && out.length() > keep; e++) {
      int at = keep + random.nextInt(out.length() - keep);
      String piece = PIECES[random.nextInt(PIECES.length)];
      switch (random.nextInt(3)) {
        case 0 -> out.insert(at, piece);
        case 1 -> out.deleteCharAt(at);
        default -> out.replace(at, at + 1, piece);
      }
    }
    return out.toString();
  }
}
