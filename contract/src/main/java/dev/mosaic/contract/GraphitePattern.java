package dev.mosaic.contract;

import java.util.regex.Pattern;

/**
 * The pattern language users write wherever they select series or names — check files (state
 * engine), routes (notifier) — so that one pattern means the same everywhere: {@code *} matches any
 * characters within one dot-separated segment, {@code {a,b}} one of the alternatives (not nested);
 * everything else is literal, and a pattern must match the whole name. Immutable and thread-safe.
 */
public final class GraphitePattern {
  private final String text;
  private final Pattern regex;

  private GraphitePattern(String text, Pattern regex) {
    this.text = text;
    this.regex = regex;
  }

  /**
   * @throws IllegalArgumentException saying what is wrong, for an empty pattern, nested or
   *     unbalanced braces
   */
  public static GraphitePattern compile(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("pattern is empty");
    }
    StringBuilder re = new StringBuilder();
    boolean inAlternatives = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '*' -> re.append("[^.]*");
        case '{' -> {
          if (inAlternatives) {
            throw new IllegalArgumentException("nested '{' at character " + (i + 1));
          }
          inAlternatives = true;
          re.append("(?:");
        }
        case '}' -> {
          if (!inAlternatives) {
            throw new IllegalArgumentException("'}' without '{' at character " + (i + 1));
          }
          inAlternatives = false;
          re.append(')');
        }
        case ',' -> re.append(inAlternatives ? "|" : ",");
        default -> re.append(Pattern.quote(String.valueOf(c)));
      }
    }
    if (inAlternatives) {
      throw new IllegalArgumentException("'{' is never closed");
    }
    return new GraphitePattern(text, Pattern.compile(re.toString()));
  }

  public boolean matches(String series) {
    return regex.matcher(series).matches();
  }

  @Override
  public String toString() {
    return text;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof GraphitePattern other && other.text.equals(text);
  }

  @Override
  public int hashCode() {
    return text.hashCode();
  }
}
