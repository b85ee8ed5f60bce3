package dev.mosaic.stateengine.check;

import java.util.List;

/** The field names a check may have, so that a misspelt one is an error, not a silent default. */
final class CheckFields {
  static final List<String> KNOWN =
      List.of(
          "name",
          "pattern",
          "direction",
          "warning",
          "critical",
          "recovery",
          "for",
          "no-data",
          "flapping",
          "severity",
          "labels",
          "description");

  private CheckFields() {}

  static List<String> nestedKeys(String field) {
    return switch (field) {
      case "recovery" -> List.of("warning", "critical");
      case "no-data" -> List.of("after", "pages");
      case "flapping" -> List.of("low", "high");
      default -> List.of();
    };
  }
}
