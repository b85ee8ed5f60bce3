package dev.mosaic.notifier.route;

import java.util.regex.Pattern;

/**
 * A Graphite-style pattern over a whole name: {@code *} is any characters within one dot-separated
 * segment, {@code {a,b}} one of the alternatives, everything else literal.
 *
 * <pre>
 * RouteMatch → GlobPattern.matches(check name | series path)
 * </pre>
 */
public final class GlobPattern {
  private final String text;
  private final Pattern regex;

  private GlobPattern(String text, Pattern regex) {
    this.text = text;
    this.regex = regex;
  }

  /**
   * @throws IllegalArgumentException saying what is wrong, for an empty pattern, nested or unclosed
   *     braces
   */
  public static GlobPattern compile(String text) {
    if (text.isEmpty()) {
      throw new IllegalArgumentException("pattern is empty");
    }
    StringBuilder regex = new StringBuilder();
    boolean inBraces = false;
    StringBuilder literal = new StringBuilder();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '*' || c == '{' || c == '}' || (c == ',' && inBraces)) {
        regex.append(Pattern.quote(literal.toString()).replace("\\Q\\E", ""));
        literal.setLength(0);
      }
      switch (c) {
        case '*' -> regex.append("[^.]*");
        case '{' -> {
          if (inBraces) {
            throw new IllegalArgumentException("'" + text + "': braces cannot be nested");
          }
          inBraces = true;
          regex.append("(?:");
        }
        case '}' -> {
          if (!inBraces) {
            throw new IllegalArgumentException("'" + text + "': '}' without '{'");
          }
          inBraces = false;
          regex.append(')');
        }
        case ',' -> {
          if (inBraces) {
            regex.append('|');
          } else {
            literal.append(c);
          }
        }
        default -> literal.append(c);
      }
    }
    if (inBraces) {
      throw new IllegalArgumentException("'" + text + "': '{' is not closed");
    }
    regex.append(Pattern.quote(literal.toString()).replace("\\Q\\E", ""));
    return new GlobPattern(text, Pattern.compile(regex.toString()));
  }

  public boolean matches(String name) {
    return regex.matcher(name).matches();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof GlobPattern other && other.text.equals(text);
  }

  @Override
  public int hashCode() {
    return text.hashCode();
  }

  @Override
  public String toString() {
    return text;
  }
}
