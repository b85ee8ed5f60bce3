package dev.mosaic.stateengine.check;

/** Checks for tests, written as ops write them. */
public final class TestChecks {
  private TestChecks() {}

  /** One check from the YAML fields of a list item, e.g. {@code "name: a\npattern: b"}. */
  public static Check check(String fields) {
    String item = "checks:\n  - " + fields.strip().replace("\n", "\n    ") + "\n";
    try {
      return new CheckFileParser().parse("test.yaml", item).get(0);
    } catch (CheckFileException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }
}
