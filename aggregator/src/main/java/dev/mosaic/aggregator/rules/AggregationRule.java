package dev.mosaic.aggregator.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One carbon-aggregator rule, {@code output_template (frequency) = method input_pattern}: which
 * points it takes and the name of the series each group of them becomes.
 *
 * <pre>
 *   AggregationRuleFile → AggregationRule → AggregationRules#apply
 * </pre>
 *
 * <p>In the input pattern, components are separated by {@code .}; {@code <field>} captures part of
 * one component, {@code *} matches any text within one component, and everything else is literal.
 * The output template names the series by substituting the captured fields.
 *
 * @param outputTemplate e.g. {@code <env>.requests.all}
 * @param frequencySeconds carbon's frequency; here it must equal the flush interval
 * @param method how the matched values are combined
 * @param inputPattern e.g. {@code <env>.requests.*}
 */
public record AggregationRule(
    String outputTemplate, long frequencySeconds, RuleMethod method, String inputPattern) {
  private static final Pattern FIELD = Pattern.compile("<([A-Za-z_][A-Za-z0-9_]*)>");

  /** The input pattern as a regular expression with one named group per field. */
  Pattern regex() {
    StringBuilder regex = new StringBuilder();
    Matcher field = FIELD.matcher(inputPattern);
    int from = 0;
    while (field.find()) {
      regex.append(literalWithGlobs(inputPattern.substring(from, field.start())));
      regex.append("(?<").append(field.group(1)).append(">[^.]+)");
      from = field.end();
    }
    regex.append(literalWithGlobs(inputPattern.substring(from)));
    return Pattern.compile(regex.toString());
  }

  /** The fields the input pattern captures, in order. */
  List<String> inputFields() {
    return fieldsOf(inputPattern);
  }

  /** The fields the output template uses, in order. */
  List<String> outputFields() {
    return fieldsOf(outputTemplate);
  }

  /** The output name for a point the regex matched; empty if the pattern does not match. */
  Optional<String> outputFor(Pattern regex, String pointName) {
    Matcher match = regex.matcher(pointName);
    if (!match.matches()) {
      return Optional.empty();
    }
    Matcher field = FIELD.matcher(outputTemplate);
    StringBuilder output = new StringBuilder();
    while (field.find()) {
      field.appendReplacement(output, Matcher.quoteReplacement(match.group(field.group(1))));
    }
    field.appendTail(output);
    return Optional.of(output.toString());
  }

  private static String literalWithGlobs(String text) {
    StringBuilder regex = new StringBuilder();
    int from = 0;
    for (int star = text.indexOf('*'); star >= 0; star = text.indexOf('*', from)) {
      regex.append(Pattern.quote(text.substring(from, star))).append("[^.]*");
      from = star + 1;
    }
    return regex.append(Pattern.quote(text.substring(from))).toString();
  }

  private static List<String> fieldsOf(String text) {
    List<String> fields = new ArrayList<>();
    Matcher field = FIELD.matcher(text);
    while (field.find()) {
      fields.add(field.group(1));
    }
    return fields;
  }
}
