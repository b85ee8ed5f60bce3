package dev.mosaic.stateengine.check;

import dev.mosaic.contract.GraphitePattern;
import dev.mosaic.contract.SeriesState;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * One threshold check from a check file, validated.
 *
 * @param name unique among all check files
 * @param source {@code file:line} where it is defined, for messages
 * @param pattern the series it applies to
 * @param direction which side of the thresholds is bad
 * @param warning the WARNING threshold, or {@code null} for none
 * @param critical the CRITICAL threshold, or {@code null} for none; at least one of the two is set
 * @param forIntervals consecutive evaluations a new state must hold before the series changes to
 *     it, at least 1
 * @param noDataAfter how long without a value until the series is UNKNOWN; {@code null} for never
 * @param noDataPages whether going UNKNOWN pages
 * @param flapLowPercent a flapping series stops flapping below this percent state change
 * @param flapHighPercent a series starts flapping above this percent state change
 * @param severity {@code page}, {@code ticket} or {@code info}, passed on to the notifier
 * @param labels free key/values passed on with incidents (team, service, runbook)
 * @param description template with {@code {check} {series} {state} {value} {warning} {critical}}
 */
public record Check(
    String name,
    String source,
    GraphitePattern pattern,
    Direction direction,
    Threshold warning,
    Threshold critical,
    int forIntervals,
    Duration noDataAfter,
    boolean noDataPages,
    double flapLowPercent,
    double flapHighPercent,
    String severity,
    Map<String, String> labels,
    String description) {
  public Check {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(pattern, "pattern");
    Objects.requireNonNull(direction, "direction");
    if (warning == null && critical == null) {
      throw new IllegalArgumentException("a check needs a warning or a critical threshold");
    }
    labels = Map.copyOf(labels);
  }

  /**
   * The state {@code value} calls for, given the series' {@code current} state: a state already
   * held is left only once the value is back inside its recovery bound (hysteresis).
   */
  public SeriesState levelFor(double value, SeriesState current) {
    if (critical != null && breaches(critical, value, current == SeriesState.CRITICAL)) {
      return SeriesState.CRITICAL;
    }
    boolean held = current == SeriesState.WARNING || current == SeriesState.CRITICAL;
    if (warning != null && breaches(warning, value, held)) {
      return SeriesState.WARNING;
    }
    return SeriesState.OK;
  }

  private boolean breaches(Threshold threshold, double value, boolean held) {
    return held
        ? direction.beyond(value, threshold.recovery())
        : direction.beyond(value, threshold.trigger());
  }

  /** The description for one series, with its placeholders filled in. */
  public String describe(String series, SeriesState state, Double value) {
    return description
        .replace("{check}", name)
        .replace("{series}", series)
        .replace("{state}", state.name())
        .replace("{value}", value == null ? "no data" : format(value))
        .replace("{warning}", warning == null ? "-" : format(warning.trigger()))
        .replace("{critical}", critical == null ? "-" : format(critical.trigger()));
  }

  private static String format(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
  }
}
