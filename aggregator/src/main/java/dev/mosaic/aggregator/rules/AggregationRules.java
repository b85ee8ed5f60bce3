package dev.mosaic.aggregator.rules;

import dev.mosaic.contract.AggregatePoint;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The rules of one rule file, applied to the points of one closed interval: every group of points
 * that a rule maps to the same output name becomes one new point.
 *
 * <pre>
 *   FlushedInterval points → AggregationRules#apply → new points (one per output name)
 * </pre>
 *
 * <p>Only the interval's own points are inputs: an output is never the input of another rule. When
 * two rules produce the same output name, the first rule in the file wins. Immutable and
 * thread-safe.
 */
public final class AggregationRules {
  /** No rules: {@link #apply} returns nothing. */
  public static final AggregationRules NONE = new AggregationRules(List.of());

  private final List<AggregationRule> rules;
  private final List<Pattern> regexes;

  AggregationRules(List<AggregationRule> rules) {
    this.rules = List.copyOf(rules);
    this.regexes = this.rules.stream().map(AggregationRule::regex).toList();
  }

  /** The rules, in file order. */
  public List<AggregationRule> rules() {
    return rules;
  }

  /**
   * The points the rules produce from one interval's points, ordered by name, each stamped {@code
   * timestampSeconds}.
   */
  public List<AggregatePoint> apply(List<AggregatePoint> points, long timestampSeconds) {
    if (rules.isEmpty()) {
      return List.of();
    }
    Map<String, Accumulator> outputs = new TreeMap<>();
    for (int r = 0; r < rules.size(); r++) {
      AggregationRule rule = rules.get(r);
      Map<String, Accumulator> thisRule = new LinkedHashMap<>();
      for (AggregatePoint point : points) {
        Optional<String> output = rule.outputFor(regexes.get(r), point.name());
        if (output.isPresent() && !outputs.containsKey(output.get())) {
          thisRule.computeIfAbsent(output.get(), o -> new Accumulator(rule.method())).add(point);
        }
      }
      outputs.putAll(thisRule);
    }
    List<AggregatePoint> produced = new ArrayList<>(outputs.size());
    outputs.forEach(
        (name, accumulator) ->
            produced.add(new AggregatePoint(name, accumulator.value(), timestampSeconds)));
    return produced;
  }

  private static final class Accumulator {
    private final RuleMethod method;
    private double sum;
    private double min = Double.POSITIVE_INFINITY;
    private double max = Double.NEGATIVE_INFINITY;
    private long count;

    Accumulator(RuleMethod method) {
      this.method = method;
    }

    void add(AggregatePoint point) {
      sum += point.value();
      min = Math.min(min, point.value());
      max = Math.max(max, point.value());
      count++;
    }

    double value() {
      return method.combine(sum, min, max, count);
    }
  }
}
