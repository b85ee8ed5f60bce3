package dev.mosaic.notifier.route;

import java.util.List;
import java.util.Map;

/**
 * A YAML value that remembers the line it started on, so that every validation error can name
 * {@code file:line}.
 *
 * <pre>
 * routes file text → LocatedYamlReader → YamlNode → RoutesFileParser
 * </pre>
 *
 * @param line 1-based line of the value's first character
 * @param scalar the text of a scalar; {@code null} for a mapping, a sequence, or YAML null
 * @param mapping the entries of a mapping in file order; {@code null} otherwise
 * @param sequence the items of a sequence; {@code null} otherwise
 */
record YamlNode(int line, String scalar, Map<String, YamlNode> mapping, List<YamlNode> sequence) {
  boolean isMapping() {
    return mapping != null;
  }

  boolean isSequence() {
    return sequence != null;
  }

  boolean isScalar() {
    return scalar != null;
  }
}
