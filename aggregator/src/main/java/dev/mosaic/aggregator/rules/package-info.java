/**
 * Graphite carbon-aggregator's rule files, evaluated on the points of each closed interval to
 * produce new series.
 *
 * <pre>
 *   aggregator.rules-file → AggregationRuleFile.read → AggregationRules
 *     FlushedInterval points → AggregationRules#apply → extra SeriesAggregates
 * </pre>
 */
package dev.mosaic.aggregator.rules;
