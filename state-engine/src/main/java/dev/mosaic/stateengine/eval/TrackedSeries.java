package dev.mosaic.stateengine.eval;

import dev.mosaic.stateengine.check.Check;

/**
 * What {@link CheckEngine} knows of one series name, held in one map entry so a point costs one
 * lookup by name instead of one per map (partitions, recent values, evaluators per check).
 *
 * <pre>
 * AggregatePoint.name → CheckEngine.tracked → TrackedSeries → RecentValues.Series, SeriesEvaluator
 * </pre>
 *
 * <p>The checks matching the name and their evaluators are a cache: valid while {@link
 * #matchedVersion} equals the engine's version, which the engine bumps whenever its checks or
 * evaluators are replaced. Matching a name against every check's pattern (a regex) is the costly
 * part, and a name's matches change only with the checks. Guarded by the engine's lock.
 */
final class TrackedSeries {
  static final int NOT_MATCHED = -1;
  private static final Check[] NO_CHECKS = {};
  private static final SeriesEvaluator[] NO_EVALUATORS = {};

  /** The aggregates partition the series last arrived on. */
  int partition;

  /** Its kept values; null until {@link RecentValues} had room for it. */
  RecentValues.Series recent;

  int matchedVersion = NOT_MATCHED;
  Check[] checks = NO_CHECKS;
  SeriesEvaluator[] evaluators = NO_EVALUATORS;

  TrackedSeries(int partition) {
    this.partition = partition;
  }

  void matched(int version, Check[] checks, SeriesEvaluator[] evaluators) {
    this.matchedVersion = version;
    this.checks = checks;
    this.evaluators = evaluators;
  }
}
