package dev.mosaic.aggregator.statsd;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Etsy StatsD's timer {@code histogram} setting: for the first rule whose metric text occurs in a
 * timer's name, the bins that timer's values are counted in.
 *
 * <pre>
 *   aggregator.histogram → TimerHistogramBins.parse → TimerStatistics (per-bin counts)
 *     → stats.timers.&lt;name&gt;.histogram.bin_&lt;bound&gt;
 * </pre>
 *
 * <p>Written as {@code <metric>=<bound>,<bound>,...} rules separated by {@code ;}, e.g. {@code
 * render=0.01,0.1,1,10,inf;foo=;=50,100,inf}, which is Etsy's {@code [{metric: 'render', bins:
 * [0.01, 0.1, 1, 10, 'inf']}, {metric: 'foo', bins: []}, {metric: '', bins: [50, 100, 'inf']}]}.
 * Bounds are non-inclusive upper limits in ascending order; {@code inf} may only be last. An empty
 * metric matches every timer; an empty bin list means "no histogram" for the timers it matches.
 * Values not below the last bound are not counted, as in Etsy.
 */
public final class TimerHistogramBins {
  /** No histogram for any timer (Etsy's default {@code []}). */
  public static final TimerHistogramBins NONE = new TimerHistogramBins(List.of());

  private static final double[] NO_BOUNDS = new double[0];

  private final List<Rule> rules;

  private record Rule(String metric, double[] bounds, String[] fields) {}

  private TimerHistogramBins(List<Rule> rules) {
    this.rules = List.copyOf(rules);
  }

  /**
   * @throws IllegalArgumentException saying which rule or bound is wrong
   */
  public static TimerHistogramBins parse(String text) {
    List<Rule> rules = new ArrayList<>();
    if (text.isBlank()) {
      return NONE;
    }
    for (String ruleText : text.split(";", -1)) {
      int equals = ruleText.indexOf('=');
      if (equals < 0) {
        throw new IllegalArgumentException(
            "rule '" + ruleText.trim() + "' is not <metric>=<bound>,<bound>,...");
      }
      String metric = ruleText.substring(0, equals).trim();
      String binsText = ruleText.substring(equals + 1).trim();
      List<String> tokens = binsText.isEmpty() ? List.of() : List.of(binsText.split(",", -1));
      double[] bounds = new double[tokens.size()];
      String[] fields = new String[tokens.size()];
      for (int i = 0; i < bounds.length; i++) {
        bounds[i] = parseBound(metric, tokens.get(i).trim());
        if (i > 0 && bounds[i] <= bounds[i - 1]) {
          throw new IllegalArgumentException(
              "rule '"
                  + metric
                  + "': bounds must be ascending, '"
                  + tokens.get(i).trim()
                  + "'"
                  + " is not above the one before");
        }
        fields[i] = "histogram.bin_" + javaScriptText(bounds[i]).replaceFirst("\\.", "_");
      }
      rules.add(new Rule(metric, bounds, fields));
    }
    return new TimerHistogramBins(rules);
  }

  private static double parseBound(String metric, String token) {
    if (token.equals("inf")) {
      return Double.POSITIVE_INFINITY;
    }
    double bound;
    try {
      bound = Double.parseDouble(token);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "rule '" + metric + "': bound '" + token + "' is not a number or inf");
    }
    // Outside this range JavaScript names the bin in exponent notation; no timer needs it.
    if (!(bound == 0 || (bound >= 1e-6 && bound < 1e21))) {
      throw new IllegalArgumentException(
          "rule '" + metric + "': bound '" + token + "' must be 0 or in [1e-6, 1e21)");
    }
    return bound;
  }

  /** How JavaScript's {@code Number#toString} writes a bound, which Etsy uses in the bin name. */
  static String javaScriptText(double bound) {
    if (bound == Double.POSITIVE_INFINITY) {
      return "inf";
    }
    return new BigDecimal(Double.toString(bound)).stripTrailingZeros().toPlainString();
  }

  /** The bounds for a timer of this name, ascending; empty for no histogram. */
  double[] boundsFor(String timerName) {
    Rule rule = ruleFor(timerName);
    return rule == null ? NO_BOUNDS : rule.bounds();
  }

  /** The field of each bin, e.g. {@code histogram.bin_0_01}, in the order of {@link #boundsFor}. */
  String[] fieldsFor(String timerName) {
    Rule rule = ruleFor(timerName);
    return rule == null ? new String[0] : rule.fields();
  }

  private Rule ruleFor(String timerName) {
    for (Rule rule : rules) {
      if (timerName.contains(rule.metric())) {
        return rule;
      }
    }
    return null;
  }

  /** How many rules there are; {@link #NONE} has none. */
  public int ruleCount() {
    return rules.size();
  }
}
