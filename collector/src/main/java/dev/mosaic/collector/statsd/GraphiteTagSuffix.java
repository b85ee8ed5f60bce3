package dev.mosaic.collector.statsd;

import java.util.Map;
import java.util.TreeMap;

/**
 * Turns the text of a DogStatsD tag field into a Graphite 1.1 tagged-name suffix: {@code
 * env:prod,canary} becomes {@code ;canary=true;env=prod}.
 *
 * <pre>
 * StatsdLineParser → GraphiteTagSuffix → MetricSample.name = sanitised name + suffix
 * </pre>
 *
 * <p>The rules, chosen so that one set of tags always gives one name, and that name is one Graphite
 * accepts:
 *
 * <ul>
 *   <li>Tags are separated by {@code ,}; a tag is split at its first {@code :} into key and value.
 *       Empty tags ({@code a:1,,b:2}) are skipped.
 *   <li>Keys and values are sanitised like names ({@link StatsdNameSanitizer}), so they hold only
 *       {@code [a-zA-Z0-9_.-]}: never {@code ;}, {@code =}, {@code ~}, {@code !}, {@code ^} or
 *       whitespace, which Graphite forbids or reads as syntax.
 *   <li>A tag without a value ({@code canary} or {@code canary:}) gets the value {@code true}:
 *       Graphite requires a non-empty value.
 *   <li>A tag whose key, or whose non-empty value, is empty once sanitised ({@code 日本:x}, {@code
 *       env:日本}) is dropped and reported, rather than merged with another series.
 *   <li>The key {@code name} becomes {@code _name}: Graphite stores the metric path under the tag
 *       {@code name} and would overwrite it.
 *   <li>Tags are sorted by key; for a key given twice the last value wins, as in carbon's own tag
 *       parser.
 * </ul>
 *
 * <p>Thread safety: stateless.
 */
public final class GraphiteTagSuffix {
  static final String BARE_TAG_VALUE = "true";

  private static final String RESERVED_KEY = "name";

  /**
   * The suffix, and how many tags were dropped.
   *
   * @param suffix {@code ;k=v;...} sorted by key, or empty when no tag is left
   * @param dropped tags left out because their key or value sanitised to nothing
   */
  public record Folded(String suffix, int dropped) {}

  private GraphiteTagSuffix() {}

  /** Folds the tags of {@code text[start, end)}: the field after {@code |#}, without it. */
  public static Folded fold(CharSequence text, int start, int end) {
    Map<String, String> tags = new TreeMap<>();
    int dropped = 0;
    int tagStart = start;
    while (tagStart <= end) {
      int comma = indexOf(text, tagStart, end, ',');
      int tagEnd = comma < 0 ? end : comma;
      if (tagEnd > tagStart && !addTag(text, tagStart, tagEnd, tags)) {
        dropped++;
      }
      tagStart = tagEnd + 1;
    }
    if (tags.isEmpty()) {
      return new Folded("", dropped);
    }
    StringBuilder suffix = new StringBuilder();
    tags.forEach((key, value) -> suffix.append(';').append(key).append('=').append(value));
    return new Folded(suffix.toString(), dropped);
  }

  /** Adds one {@code key[:value]} tag; false if it sanitises to nothing. */
  private static boolean addTag(CharSequence text, int start, int end, Map<String, String> tags) {
    int colon = indexOf(text, start, end, ':');
    int keyEnd = colon < 0 ? end : colon;
    String key = StatsdNameSanitizer.sanitize(text, start, keyEnd);
    String value = BARE_TAG_VALUE;
    if (colon >= 0 && colon + 1 < end) {
      value = StatsdNameSanitizer.sanitize(text, colon + 1, end);
    }
    if (key.isEmpty() || value.isEmpty()) {
      return false;
    }
    tags.put(key.equals(RESERVED_KEY) ? "_" + RESERVED_KEY : key, value);
    return true;
  }

  private static int indexOf(CharSequence text, int start, int end, char c) {
    for (int i = start; i < end; i++) {
      if (text.charAt(i) == c) {
        return i;
      }
    }
    return -1;
  }
}
