package dev.mosaic.stateengine.http;

import dev.mosaic.contract.SeriesState;
import dev.mosaic.stateengine.check.Check;
import dev.mosaic.stateengine.check.Threshold;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** A check as {@code GET /checks} shows it: its definition as written, and its series' states. */
final class CheckView {
  private CheckView() {}

  static Map<String, Object> of(Check c, Map<String, SeriesState> series) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("name", c.name());
    out.put("source", c.source());
    out.put("pattern", c.pattern().toString());
    out.put("direction", c.direction().name().toLowerCase(Locale.ROOT));
    out.put("warning", threshold(c.warning()));
    out.put("critical", threshold(c.critical()));
    out.put("for", c.forIntervals());
    out.put("noDataAfterSeconds", c.noDataAfter() == null ? null : c.noDataAfter().toSeconds());
    out.put("noDataPages", c.noDataPages());
    out.put("flapping", Map.of("low", c.flapLowPercent(), "high", c.flapHighPercent()));
    out.put("severity", c.severity());
    out.put("labels", c.labels());
    out.put("description", c.description());
    out.put("series", series);
    return out;
  }

  private static Map<String, Double> threshold(Threshold t) {
    return t == null ? null : Map.of("trigger", t.trigger(), "recovery", t.recovery());
  }
}
