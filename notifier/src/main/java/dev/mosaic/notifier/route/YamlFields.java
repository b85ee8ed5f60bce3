package dev.mosaic.notifier.route;

import dev.mosaic.contract.GraphitePattern;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fields of one mapping of a routes file, with the {@code file:line} errors every field shares.
 *
 * <pre>
 * YamlNode → YamlFields → RoutesFileParser, SchedulesParser
 * </pre>
 */
record YamlFields(String file, YamlNode node, String what) {
  /** The same duration syntax as the configuration keys: a whole number and one unit. */
  private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h|d)");

  static YamlFields of(String file, YamlNode node, String what) throws RoutesFileException {
    if (!node.isMapping()) {
      throw new RoutesFileException(file, node.line(), what + " must be a mapping");
    }
    return new YamlFields(file, node, what);
  }

  void allowOnly(Set<String> allowed) throws RoutesFileException {
    for (Map.Entry<String, YamlNode> field : node.mapping().entrySet()) {
      if (!allowed.contains(field.getKey())) {
        throw new RoutesFileException(
            file,
            field.getValue().line(),
            "unknown field '"
                + field.getKey()
                + "' in "
                + what
                + " (known: "
                + String.join(", ", allowed.stream().sorted().toList())
                + ")");
      }
    }
  }

  String optionalText(String name) throws RoutesFileException {
    YamlNode value = node.mapping().get(name);
    if (value == null || (!value.isScalar() && !value.isMapping() && !value.isSequence())) {
      return null;
    }
    if (!value.isScalar()) {
      throw error(name, name + " must be text");
    }
    return value.scalar();
  }

  String requiredText(String name) throws RoutesFileException {
    String text = optionalText(name);
    if (text == null || text.isBlank()) {
      throw new RoutesFileException(file, node.line(), what + " needs a " + name);
    }
    return text;
  }

  boolean bool(String name) throws RoutesFileException {
    String text = optionalText(name);
    if (text == null) {
      return false;
    }
    return switch (text) {
      case "true" -> true;
      case "false" -> false;
      default -> throw error(name, name + " must be true or false, not '" + text + "'");
    };
  }

  GraphitePattern pattern(String name) throws RoutesFileException {
    String text = optionalText(name);
    if (text == null) {
      return null;
    }
    try {
      return GraphitePattern.compile(text);
    } catch (IllegalArgumentException e) {
      throw error(name, "bad " + name + " pattern '" + text + "': " + e.getMessage());
    }
  }

  /**
   * @return null when absent
   */
  Duration duration(String name) throws RoutesFileException {
    String text = optionalText(name);
    if (text == null) {
      return null;
    }
    Matcher m = DURATION.matcher(text.trim());
    if (!m.matches()) {
      throw error(name, name + " must be a duration like 30s, 5m or 4h, not '" + text + "'");
    }
    long amount = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "ms" -> Duration.ofMillis(amount);
      case "s" -> Duration.ofSeconds(amount);
      case "m" -> Duration.ofMinutes(amount);
      case "h" -> Duration.ofHours(amount);
      default -> Duration.ofDays(amount);
    };
  }

  RoutesFileException error(String name, String problem) {
    return new RoutesFileException(file, node.mapping().get(name).line(), problem);
  }
}
