package dev.mosaic.aggregator.rules;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a carbon-aggregator rule file ({@code aggregation-rules.conf} syntax): one rule per line,
 * {@code output_template (frequency) = method input_pattern}; blank lines and lines starting with
 * {@code #} are skipped.
 *
 * <pre>
 *   aggregator.rules-file → AggregationRuleFile.read → AggregationRules
 * </pre>
 */
public final class AggregationRuleFile {
  private static final Pattern RULE =
      Pattern.compile("(\\S+)\\s*\\(\\s*(\\d+)\\s*\\)\\s*=\\s*(\\S+)\\s+(\\S+)");

  private AggregationRuleFile() {}

  /**
   * @param intervalSeconds the flush interval; every rule's frequency must equal it
   * @throws IllegalArgumentException {@code <file>:<line>: <problem>}, or why the file cannot be
   *     read
   */
  public static AggregationRules read(Path file, long intervalSeconds) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalArgumentException(file + ": cannot be read: " + e);
    }
    return parse(file.toString(), lines, intervalSeconds);
  }

  /** Parses the lines of a rule file named {@code fileName} in error messages. */
  static AggregationRules parse(String fileName, List<String> lines, long intervalSeconds) {
    List<AggregationRule> rules = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).trim();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String where = fileName + ":" + (i + 1) + ": ";
      Matcher rule = RULE.matcher(line);
      if (!rule.matches()) {
        throw new IllegalArgumentException(
            where + "'" + line + "' is not 'output_template (frequency) = method input_pattern'");
      }
      RuleMethod method =
          RuleMethod.named(rule.group(3))
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          where
                              + "unknown method '"
                              + rule.group(3)
                              + "' (sum, avg, min, max or count)"));
      long frequency;
      try {
        frequency = Long.parseLong(rule.group(2));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(where + "frequency '" + rule.group(2) + "' is too big");
      }
      if (frequency != intervalSeconds) {
        throw new IllegalArgumentException(
            where
                + "frequency "
                + frequency
                + " must equal aggregator.flush-interval ("
                + intervalSeconds
                + "s): rules are evaluated once per interval");
      }
      rules.add(
          checked(where, new AggregationRule(rule.group(1), frequency, method, rule.group(4))));
    }
    return new AggregationRules(rules);
  }

  private static AggregationRule checked(String where, AggregationRule rule) {
    Set<String> captured = new HashSet<>();
    for (String field : rule.inputFields()) {
      if (!captured.add(field)) {
        throw new IllegalArgumentException(
            where + "field <" + field + "> appears twice in the input pattern");
      }
    }
    for (String field : rule.outputFields()) {
      if (!captured.contains(field)) {
        throw new IllegalArgumentException(
            where + "field <" + field + "> of the output is not captured by the input pattern");
      }
    }
    return rule;
  }
}
