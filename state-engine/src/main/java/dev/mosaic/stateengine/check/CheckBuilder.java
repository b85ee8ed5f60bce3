package dev.mosaic.stateengine.check;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mosaic.contract.GraphitePattern;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns one check's fields into a {@link Check}, naming the line of the first bad field. */
final class CheckBuilder {
  /** A field's value and the line its name is on. */
  record Field(JsonNode value, int line) {}

  private final String file;
  private final int line;
  private final Map<String, Field> fields;

  CheckBuilder(String file, int line, Map<String, Field> fields) {
    this.file = file;
    this.line = line;
    this.fields = fields;
  }

  Check build() throws CheckFileException {
    for (String key : fields.keySet()) {
      if (!CheckFields.KNOWN.contains(key)) {
        throw error(key, "unknown field (known: " + String.join(", ", CheckFields.KNOWN) + ")");
      }
    }
    String name = text("name", null);
    if (name == null || !name.matches("[A-Za-z0-9_.-]+")) {
      throw error("name", "every check needs a name of letters, digits, '_', '.' or '-'");
    }
    GraphitePattern pattern;
    try {
      pattern = GraphitePattern.compile(text("pattern", null));
    } catch (IllegalArgumentException e) {
      throw error("pattern", e.getMessage());
    }
    Direction direction =
        switch (text("direction", "above")) {
          case "above" -> Direction.ABOVE;
          case "below" -> Direction.BELOW;
          default -> throw error("direction", "must be 'above' or 'below'");
        };
    Double warning = number(fields.get("warning"), "warning");
    Double critical = number(fields.get("critical"), "critical");
    if (warning == null && critical == null) {
      throw error("name", "check '" + name + "' needs a 'warning' or a 'critical' threshold");
    }
    if (warning != null && critical != null && direction.stricter(warning, critical)) {
      throw error(
          "warning", "must not be beyond 'critical' for direction " + text("direction", "above"));
    }
    Map<String, Field> recovery = nested("recovery");
    Threshold warn = threshold(direction, "warning", warning, recovery.get("warning"));
    Threshold crit = threshold(direction, "critical", critical, recovery.get("critical"));
    int forIntervals = wholeNumber("for", 1);
    Map<String, Field> noData = nested("no-data");
    Duration noDataAfter = null;
    if (noData.containsKey("after")) {
      try {
        noDataAfter = CheckDurations.parse(noData.get("after").value().asText());
      } catch (IllegalArgumentException e) {
        throw error("no-data", e.getMessage());
      }
    }
    boolean noDataPages = noData.containsKey("pages") && noData.get("pages").value().asBoolean();
    Map<String, Field> flapping = nested("flapping");
    Double low = number(flapping.get("low"), "flapping");
    Double high = number(flapping.get("high"), "flapping");
    double flapLow = low == null ? 5 : low;
    double flapHigh = high == null ? 20 : high;
    if (flapLow < 0 || flapHigh > 100 || flapLow >= flapHigh) {
      throw error("flapping", "needs 0 <= low < high <= 100 (percent state change)");
    }
    String severity = text("severity", "page");
    if (!List.of("page", "ticket", "info").contains(severity)) {
      throw error("severity", "must be 'page', 'ticket' or 'info'");
    }
    return new Check(
        name,
        file + ":" + line,
        pattern,
        direction,
        warn,
        crit,
        forIntervals,
        noDataAfter,
        noDataPages,
        flapLow,
        flapHigh,
        severity,
        labels(),
        text("description", "{check}: {series} is {state} at {value}"));
  }

  private Threshold threshold(Direction direction, String key, Double trigger, Field recovery)
      throws CheckFileException {
    if (trigger == null) {
      if (recovery != null) {
        throw error("recovery", "has '" + key + "' but the check has no '" + key + "' threshold");
      }
      return null;
    }
    Double back = number(recovery, "recovery");
    if (back == null) {
      return new Threshold(trigger, trigger);
    }
    if (direction.stricter(back, trigger)) {
      throw error("recovery", key + " recovery must not be beyond the " + key + " threshold");
    }
    return new Threshold(trigger, back);
  }

  private Map<String, Field> nested(String key) throws CheckFileException {
    Field field = fields.get(key);
    Map<String, Field> out = new LinkedHashMap<>();
    if (field == null) {
      return out;
    }
    if (!field.value().isObject()) {
      throw error(key, "must be a mapping");
    }
    var it = field.value().fields();
    while (it.hasNext()) {
      var entry = it.next();
      out.put(entry.getKey(), new Field(entry.getValue(), field.line()));
    }
    for (String sub : out.keySet()) {
      if (!CheckFields.nestedKeys(key).contains(sub)) {
        throw error(key, "unknown field '" + sub + "'");
      }
    }
    return out;
  }

  private Map<String, String> labels() throws CheckFileException {
    Field field = fields.get("labels");
    Map<String, String> out = new LinkedHashMap<>();
    if (field == null) {
      return out;
    }
    if (!field.value().isObject()) {
      throw error("labels", "must be a mapping of names to text");
    }
    var it = field.value().fields();
    while (it.hasNext()) {
      var entry = it.next();
      if (!entry.getValue().isValueNode() || entry.getValue().isNull()) {
        throw error("labels", "'" + entry.getKey() + "' must be text");
      }
      out.put(entry.getKey(), entry.getValue().asText());
    }
    return out;
  }

  private String text(String key, String otherwise) throws CheckFileException {
    Field field = fields.get(key);
    if (field == null || field.value().isNull()) {
      return otherwise;
    }
    if (!field.value().isValueNode()) {
      throw error(key, "must be text");
    }
    return field.value().asText();
  }

  private Double number(Field field, String key) throws CheckFileException {
    if (field == null || field.value().isNull()) {
      return null;
    }
    if (!field.value().isNumber() || !Double.isFinite(field.value().asDouble())) {
      throw new CheckFileException(file + ":" + field.line() + ": '" + key + "' must be a number");
    }
    return field.value().asDouble();
  }

  private int wholeNumber(String key, int otherwise) throws CheckFileException {
    Field field = fields.get(key);
    if (field == null) {
      return otherwise;
    }
    if (!field.value().isIntegralNumber() || field.value().asInt() < 1) {
      throw error(key, "must be a whole number of at least 1");
    }
    return field.value().asInt();
  }

  private CheckFileException error(String key, String message) {
    Field field = fields.get(key);
    int at = field == null ? line : field.line();
    return new CheckFileException(file + ":" + at + ": '" + key + "': " + message);
  }
}
