package dev.mosaic.stateengine.http;

import dev.mosaic.stateengine.check.Check;
import dev.mosaic.stateengine.eval.CheckEngine;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code GET /recent-values?range=<seconds>&points=<n>}: the latest kept values of every series
 * that a check matches, oldest first, for the on-call page's sparklines.
 *
 * <pre>
 * GET /recent-values → ApiRoutes → RecentValuesView → CheckEngine.recentValues (per check)
 * </pre>
 *
 * <p>Each series appears once even when several checks match it. At most {@code points} values per
 * series are returned, the newest ones, so the answer stays small for a page that polls.
 */
final class RecentValuesView {
  static final long DEFAULT_RANGE_SECONDS = 900;
  static final int DEFAULT_POINTS = 60;
  static final int MAX_POINTS = 1000;

  private RecentValuesView() {}

  static ApiResponse answer(CheckEngine engine, long nowMillis, Map<String, String> query) {
    long range;
    int points;
    try {
      range = number(query, "range", DEFAULT_RANGE_SECONDS, 1, Long.MAX_VALUE / 1000);
      points = (int) number(query, "points", DEFAULT_POINTS, 1, MAX_POINTS);
    } catch (IllegalArgumentException e) {
      return ApiResponse.error(400, e.getMessage());
    }
    long fromSeconds = nowMillis / 1000 - range;
    Map<String, List<Double>> series = new TreeMap<>();
    for (Check check : engine.checks()) {
      engine
          .recentValues(check.pattern(), fromSeconds)
          .forEach((name, values) -> series.putIfAbsent(name, newest(values, points)));
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("rangeSeconds", range);
    body.put("series", series);
    return new ApiResponse(200, body);
  }

  private static List<Double> newest(List<Double> values, int points) {
    return values.size() <= points
        ? values
        : List.copyOf(values.subList(values.size() - points, values.size()));
  }

  private static long number(
      Map<String, String> query, String key, long otherwise, long min, long max) {
    String text = query.get(key);
    if (text == null) {
      return otherwise;
    }
    long value;
    try {
      value = Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + ": '" + text + "' is not a whole number");
    }
    if (value < min || value > max) {
      throw new IllegalArgumentException(key + " must be between " + min + " and " + max);
    }
    return value;
  }
}
